/**
 * Writes a tiny WordNet database (index.<pos> and data.<pos> in the wndb format) from synsets named by id, so tests
 * of the reader and of related words run on a few hand-written synsets with known answers.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { WordNetPos } from '../../src/search/wordnet.js';

/** A synset of the fixture; `pointers` name target synsets by id, with word numbers (0 for the whole synset). */
export interface FixtureSynset {
  id: string;
  pos: WordNetPos;
  words: string[];
  pointers?: { symbol: string; to: string; source?: number; target?: number }[];
}

const LETTER: Record<WordNetPos, string> = { noun: 'n', verb: 'v', adj: 'a', adv: 'r' };
const LICENSE = '  1 This is a fixture, not WordNet; license lines start with two spaces.  \n';

/**
 * Writes the synsets into a new temporary folder and returns it. Each lemma's senses are in the order the synsets are
 * given (the first is its most frequent sense).
 */
export function writeWordNetFixture(synsets: readonly FixtureSynset[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'wordnet-fixture-'));
  // Offsets have a fixed width, so lines can be laid out once with the final offsets.
  const offsetOf = new Map<string, number>();
  const lineOf = (s: FixtureSynset, offsets: Map<string, number>) => {
    const pad = (n: number) => String(n).padStart(8, '0');
    const words = s.words.map((w) => `${w} 0`).join(' ');
    const ptrs = (s.pointers ?? []).map((p) => {
      const target = synsets.find((t) => t.id === p.to)!;
      const st = `${(p.source ?? 0).toString(16).padStart(2, '0')}${(p.target ?? 0).toString(16).padStart(2, '0')}`;
      return `${p.symbol} ${pad(offsets.get(p.to) ?? 0)} ${LETTER[target.pos]} ${st}`;
    });
    return `${pad(offsets.get(s.id) ?? 0)} 05 ${LETTER[s.pos]} ${s.words.length.toString(16).padStart(2, '0')} ${words} ${String(ptrs.length).padStart(3, '0')}${ptrs.map((p) => ` ${p}`).join('')} | gloss of ${s.id}  \n`;
  };
  for (const pos of ['noun', 'verb', 'adj', 'adv'] as const) {
    let at = LICENSE.length;
    for (const s of synsets.filter((x) => x.pos === pos)) {
      offsetOf.set(s.id, at);
      at += Buffer.byteLength(lineOf(s, new Map()));
    }
  }
  for (const pos of ['noun', 'verb', 'adj', 'adv'] as const) {
    const own = synsets.filter((s) => s.pos === pos);
    writeFileSync(path.join(dir, `data.${pos}`), LICENSE + own.map((s) => lineOf(s, offsetOf)).join(''));
    const senses = new Map<string, number[]>();
    for (const s of own) for (const w of s.words) senses.set(w, [...(senses.get(w) ?? []), offsetOf.get(s.id)!]);
    const lines = [...senses.keys()].sort().map((w) => {
      const offs = senses.get(w)!;
      return `${w} ${LETTER[pos]} ${offs.length} 0 ${offs.length} 0 ${offs.map((o) => String(o).padStart(8, '0')).join(' ')}  \n`;
    });
    writeFileSync(path.join(dir, `index.${pos}`), LICENSE + lines.join(''));
  }
  return dir;
}
