import { describe, expect, it } from 'vitest';
import { sentenceTexts, splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits plain prose and keeps offsets that point back into the text', () => {
    const text = '  Deeper networks are hard to train. We present a fix!  Does it work? Yes.  ';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      'Deeper networks are hard to train.',
      'We present a fix!',
      'Does it work?',
      'Yes.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('returns nothing for empty or blank text', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences('   ')).toEqual([]);
  });

  it('keeps a last sentence without a final period', () => {
    expect(sentenceTexts('We train a model. Code is released on GitHub')).toEqual([
      'We train a model.',
      'Code is released on GitHub',
    ]);
  });

  it.each([
    ['e.g. followed by a capitalised name', 'We use priors, e.g. Gaussian ones. Then we stop.', ['We use priors, e.g. Gaussian ones.', 'Then we stop.']],
    ['e.g., with a comma', 'We use priors, e.g., Gaussian ones. Then we stop.', ['We use priors, e.g., Gaussian ones.', 'Then we stop.']],
    ['i.e. inside brackets', 'Models (i.e. transformers) work. Next.', ['Models (i.e. transformers) work.', 'Next.']],
    ['et al. before a year', 'As shown by Smith et al. (2020), this works. Next one.', ['As shown by Smith et al. (2020), this works.', 'Next one.']],
    ['et al. before a reference', 'Following He et al. [12], we train. Done.', ['Following He et al. [12], we train.', 'Done.']],
    ['et al., with a comma', 'We cite Kipf et al., who showed it. Next.', ['We cite Kipf et al., who showed it.', 'Next.']],
    ['vs. before a capitalised word', 'CNN vs. RNN comparison is done. Done.', ['CNN vs. RNN comparison is done.', 'Done.']],
    ['a percentage with decimals', 'We reduce error by 0.1%. We gain.', ['We reduce error by 0.1%.', 'We gain.']],
    ['a speed-up factor', 'We speed up by 7.5x. The end.', ['We speed up by 7.5x.', 'The end.']],
    ['Fig. before a number', 'See Fig. 2 for details. Also Fig. 3.', ['See Fig. 2 for details.', 'Also Fig. 3.']],
    ['Eq. and Sec. before numbers', 'We use Eq. 3 and Sec. 4 here. Then more.', ['We use Eq. 3 and Sec. 4 here.', 'Then more.']],
    ['inline LaTeX at the start', '$μ$LO is fast. It works.', ['$μ$LO is fast.', 'It works.']],
    ['a period inside inline math', 'We set $a. B$ here. Next.', ['We set $a. B$ here.', 'Next.']],
    ['a period inside display math', 'We use $$a. B$$ here. Next.', ['We use $$a. B$$ here.', 'Next.']],
    ['a URL with dots', 'Code is at https://github.com/a/b.c. Try it.', ['Code is at https://github.com/a/b.c.', 'Try it.']],
    ['a URL at the very end', 'We release code. See https://example.org/x.y', ['We release code.', 'See https://example.org/x.y']],
    ['a closing quote after the period', 'The model "works." Next one.', ['The model "works."', 'Next one.']],
    ['a closing bracket after the period', 'It helps (see Fig. 2). Works.', ['It helps (see Fig. 2).', 'Works.']],
    ['a sentence starting with a digit', 'The accuracy is 80%. 12 models were trained.', ['The accuracy is 80%.', '12 models were trained.']],
    ['repeated punctuation', 'Wow!! Really?! Yes.', ['Wow!!', 'Really?!', 'Yes.']],
    ['etc. before a new sentence', 'We compare with ResNet etc. The result is good.', ['We compare with ResNet etc.', 'The result is good.']],
  ])('handles %s', (_label, text, expected) => {
    expect(sentenceTexts(text)).toEqual(expected);
  });

  it('ends a sentence at "et al." when a capitalised sentence follows', () => {
    expect(sentenceTexts('It was proposed by Vaswani et al. We extend it. Next.')).toEqual([
      'It was proposed by Vaswani et al.',
      'We extend it.',
      'Next.',
    ]);
  });

  it('does not let a lone dollar sign swallow the rest of the text', () => {
    expect(sentenceTexts('We save $5 per run. Then we stop. Again.')).toEqual(['We save $5 per run.', 'Then we stop.', 'Again.']);
  });

  it('does not split after "?" or "!" when a lower-case word follows', () => {
    expect(sentenceTexts('Do GNNs generalize (why?) in practice. Next.')).toEqual(['Do GNNs generalize (why?) in practice.', 'Next.']);
  });

  it('returns verbatim substrings for every sentence of a realistic abstract', () => {
    const abstract =
      'Graph Neural Networks (GNNs) are an effective framework, e.g. for molecules. Kipf et al. (2017) proposed GCNs; ' +
      'however, their power vs. the WL test is unclear. We show a 7.5x speed-up and 0.1% error (Fig. 2), see https://x.org/a.b. ' +
      'Our $\\mu$-model is released';
    const sentences = splitSentences(abstract);
    expect(sentences).toHaveLength(4);
    for (const s of sentences) {
      expect(abstract.includes(s.text)).toBe(true);
      expect(abstract.slice(s.start, s.end)).toBe(s.text);
    }
  });
});

describe('sentenceTexts', () => {
  it('is the texts of splitSentences', () => {
    const text = 'One. Two? Three!';
    expect(sentenceTexts(text)).toEqual(splitSentences(text).map((s) => s.text));
    expect(sentenceTexts(text)).toEqual(['One.', 'Two?', 'Three!']);
  });
});
