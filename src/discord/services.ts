/**
 * What handlers of the arXiv and reading-list features share: the services from the context (each accessor explains,
 * for the user, when this instance runs without it) and the Save buttons.
 */
import { ButtonStyle } from 'discord.js';
import type { APIActionRowComponent, APIButtonComponent } from 'discord.js';
import type { PaperAdder } from '../arxiv/index.js';
import type { ReadingList } from '../reading-list/index.js';
import type { Paper } from '../corpus/types.js';
import type { SharedContext } from './command.js';
import { actionRows, button, encodeCustomId, paperRef } from './components.js';
import { UserFacingError } from './errors.js';

/** The arXiv paper adder, or a message for the user when this instance runs without one. */
export function paperAdderOf(ctx: Pick<SharedContext, 'adder'>): PaperAdder {
  if (!ctx.adder) throw new UserFacingError('Adding papers from arXiv is not available on this instance.');
  return ctx.adder;
}

/** The reading lists, or a message for the user when this instance runs without a state database. */
export function readingListOf(ctx: Pick<SharedContext, 'readingList'>): ReadingList {
  if (!ctx.readingList) throw new UserFacingError('Reading lists are not available on this instance.');
  return ctx.readingList;
}

/** Owner of buttons on messages nobody invoked (digest posts); Save ignores owners anyway. */
export const NO_OWNER = '0';

/**
 * A Save button: `reading-list:save:<owner>:<issued>:<paper>`. It saves for whoever presses it and does not expire
 * (the reading-list command lists `save` among its public buttons).
 */
export function saveButton(paper: Pick<Paper, 'id'>, owner: { ownerId: string; issuedAt: Date }, label = 'Save'): APIButtonComponent {
  return button(encodeCustomId({ command: 'reading-list', action: 'save', ...owner, args: [paperRef(paper)] }), label, {
    style: ButtonStyle.Success,
    emoji: '📌',
  });
}

/** Numbered Save buttons ("Save 1" …) for a list of papers, in rows of five. */
export function saveButtonRows(papers: readonly Pick<Paper, 'id'>[], owner: { ownerId: string; issuedAt: Date }, firstNumber = 1): APIActionRowComponent<APIButtonComponent>[] {
  return actionRows(papers.map((paper, i) => saveButton(paper, owner, `Save ${firstNumber + i}`)));
}
