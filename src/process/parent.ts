/**
 * Notices when the process that started us is gone. `npm start` runs the bot under `sh -c`: a SIGTERM sent to npm
 * (what systemd or Docker send) ends npm and the shell, but not the bot, which is re-parented. Polling the parent
 * pid turns that into the same graceful stop as a signal, on every platform.
 */

/** Calls `onOrphaned` once when the parent process changes; returns a function that stops watching. */
export function watchParent(onOrphaned: () => void, options: { intervalMs?: number; parentPid?: () => number } = {}): () => void {
  const parentPid = options.parentPid ?? (() => process.ppid);
  const initial = parentPid();
  const timer = setInterval(() => {
    if (parentPid() === initial) return;
    clearInterval(timer);
    onOrphaned();
  }, options.intervalMs ?? 500);
  timer.unref(); // never keeps the process alive by itself
  return () => clearInterval(timer);
}
