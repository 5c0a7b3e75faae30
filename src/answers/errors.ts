/** A request the answer builders cannot serve as asked (wrong number of papers, bad option); the message says why. */
export class AnswerInputError extends Error {
  override name = 'AnswerInputError';
}

/** Validates a "how many sentences" option: a whole number from 1 to `max`. */
export function checkCount(value: number | undefined, fallback: number, option: string, max = 20): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new AnswerInputError(`${option}: expected a whole number from 1 to ${max}, got ${String(value)}`);
  }
  return value;
}
