/** The trending source could not be reached or answered with something unusable; the message names the URL. */
export class TrendingSourceError extends Error {
  override name = 'TrendingSourceError';
  constructor(
    message: string,
    readonly url: string,
    /** HTTP status when the server answered. */
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
