/** Errors a command can show to the user as is, and the one function that turns any error into a user message. */
import { AnswerInputError } from '../answers/errors.js';
import { PaperLookupError } from '../answers/types.js';
import type { Paper } from '../corpus/types.js';
import { escapeCorpusText, escapeUserText } from './format.js';
import { fitLines } from './limits.js';

/** An option value the command cannot use; the message is written for the user. */
export class OptionError extends Error {
  override name = 'OptionError';
}

/** A problem the user can fix (bad input, nothing to show); shown as is, not logged as a failure. */
export class UserFacingError extends Error {
  override name = 'UserFacingError';
}

/** What the user sees for an error, and whether it deserves an error log (a bug) rather than a debug line. */
export interface DescribedError {
  message: string;
  unexpected: boolean;
}

/** Turns an error thrown by a handler into the message shown to the user. */
export function describeError(error: unknown, commandLabel: string): DescribedError {
  if (error instanceof PaperLookupError) return { message: describeLookupError(error), unexpected: false };
  if (error instanceof OptionError || error instanceof UserFacingError) return { message: error.message, unexpected: false };
  // Requests the core cannot serve as asked (a paper named twice, too many papers): the message says why.
  if (error instanceof AnswerInputError) return { message: escapeUserText(error.message), unexpected: false };
  return {
    message: `Something went wrong while running ${commandLabel}. The error was logged; please try again in a moment.`,
    unexpected: true,
  };
}

// Titles listed in a lookup error; the rest are counted ("… and 3 more").
const SHOWN_CANDIDATES = 5;

/** "matches several papers: …" / "no paper matches …; closest: …", with titles to copy. */
export function describeLookupError(error: PaperLookupError): string {
  const result = error.result;
  const query = escapeUserText(result.query);
  const bullets = (papers: Paper[], total = papers.length) => [
    ...papers.slice(0, SHOWN_CANDIDATES).map((p) => `• ${escapeCorpusText(p.title)}`),
    ...(total > Math.min(papers.length, SHOWN_CANDIDATES) ? [`… and ${total - Math.min(papers.length, SHOWN_CANDIDATES)} more`] : []),
  ];
  if (result.kind === 'ambiguous') {
    return fitLines(
      [`“${query}” matches several papers. Which one did you mean?`, ...bullets(result.candidates, result.total), 'Tip: pick a title from the autocomplete list.'],
      1900,
    );
  }
  if (result.closest.length === 0) return `No paper in the corpus matches “${query}”. Try a few words of its title.`;
  return fitLines([`No paper matches “${query}”. Closest titles:`, ...bullets(result.closest)], 1900);
}
