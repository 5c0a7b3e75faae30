/** Text bound for a terminal, stripped of what could drive it (colours, cursor moves, a bell, a carriage return). */
import { stripVTControlCharacters } from 'node:util';

// ANSI/VT escape sequences are removed by Node; the remaining C0/C1 controls (but newline and tab) here.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** `text` without escape sequences and control characters, newlines and tabs kept. */
export function stripControl(text: string): string {
  return stripVTControlCharacters(text).replace(CONTROL, '');
}
