/**
 * CLI command `add <arXiv id or URL> [--json]`: fetches the paper from the arXiv API and keeps it in the state
 * database, so every later command (and the bot) finds it. Dispatched from `main.ts`.
 */
import type { Runtime } from '../app/runtime.js';
import { ArxivError } from '../arxiv/index.js';
import { UsageError, type CliIo, type ParsedArgs } from './args.js';

const EXAMPLE = 'add 1706.03762 (or arXiv:1706.03762v7, https://arxiv.org/abs/1706.03762)';

/** Runs `add`; returns the exit code: 0 added or merged, 1 arXiv failed (nothing changed), 2 usage error or bad id. */
export async function runAddCommand(runtime: Runtime, args: ParsedArgs, io: CliIo): Promise<number> {
  for (const flag of Object.keys(args.flags)) {
    if (flag !== 'json') throw new UsageError(`--${flag} is not an option of add; e.g. ${EXAMPLE}`);
  }
  if (args.positionals.length !== 1) throw new UsageError(`add needs exactly one arXiv id or URL; e.g. ${EXAMPLE}`);
  const { adder, digest } = runtime;
  if (!adder || !digest) throw new Error('add needs the state database: create the runtime without readOnly');
  let added;
  try {
    added = await adder.add(args.positionals[0]!);
  } catch (error) {
    if (error instanceof ArxivError) {
      io.stderr(`error: ${error.message}; nothing was added\n`);
      return error.kind === 'invalid-id' ? 2 : 1;
    }
    throw error;
  }
  const { paper, status } = added;
  if (args.flags.json) {
    io.stdout(
      `${JSON.stringify({ status, paper: { id: paper.id, arxivId: paper.arxivId, title: paper.title, url: paper.url, authors: paper.authors, publishedAt: paper.publishedAt }, state: digest.state.path })}\n`,
    );
  } else {
    const verb = status === 'added' ? 'Added' : 'Already known, details merged:';
    io.stdout(`${verb} ${paper.title} (arXiv ${paper.arxivId ?? '?'})  ${paper.url}\nStored in ${digest.state.path}; searchable from now on.\n`);
  }
  return 0;
}
