/** Why an arXiv paper could not be added; `kind` lets adapters choose exit codes and wording. */
export type ArxivErrorKind = 'invalid-id' | 'not-found' | 'unreachable' | 'timeout' | 'http' | 'malformed';

/** A failure of the arXiv source. The message is written for the user and names the id or the URL. */
export class ArxivError extends Error {
  override name = 'ArxivError';
  constructor(
    readonly kind: ArxivErrorKind,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
