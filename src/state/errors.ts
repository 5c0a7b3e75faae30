/** The state database cannot be used; the message names the file, the cause and the fix. */
export class StateError extends Error {
  override name = 'StateError';
  constructor(
    message: string,
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
