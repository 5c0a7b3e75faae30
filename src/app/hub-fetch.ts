/**
 * The process-wide side of loading a model from the hub. transformers.js fetches hub files through the global fetch
 * without an abort signal, so the composition root hands `guardHubFetch` to the embedder as `routeHubRequests`.
 */

/**
 * Routes the abort signal into transformers.js' own hub requests (it calls the global fetch without
 * one), so a timed-out download stops instead of keeping the process alive. Only URLs under
 * `remoteHost` are touched; the original fetch is restored when the load settles.
 */
export function guardHubFetch(remoteHost: string, signal: AbortSignal): () => void {
  const original = globalThis.fetch;
  const guarded: typeof fetch = (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(remoteHost) || init?.signal) return original(input, init);
    return original(input, { ...init, signal });
  };
  globalThis.fetch = guarded;
  return () => {
    if (globalThis.fetch === guarded) globalThis.fetch = original;
  };
}
