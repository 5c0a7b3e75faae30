import { describe, expect, it } from 'vitest';
import { bestOfRole, classifySentences, mainContribution, motivatingProblem, reportedResult, roleScores } from '../../src/search/roles.js';

const ABSTRACT = [
  'Deep networks have achieved remarkable success in vision.',
  'However, training very deep networks remains difficult.',
  'In this paper, we propose skip gates, which let each block be bypassed.',
  'Each gate is a small network that reads the block input.',
  'Experiments show that skip gates reduce error by 12% on ImageNet.',
  'Code is available at https://example.org/skip.',
];

describe('roleScores', () => {
  const title = new Set(['skip', 'gate']);
  it('scores cue phrases: "we propose" for contribution, "experiments show" for result, "however" for problem', () => {
    const c = roleScores(ABSTRACT[2]!, 2, 6, title);
    expect(c.contribution).toBeGreaterThan(Math.max(c.result, c.problem, c.background));
    const r = roleScores(ABSTRACT[4]!, 4, 6, title);
    expect(r.result).toBeGreaterThan(Math.max(r.contribution, r.problem, r.background));
    const p = roleScores(ABSTRACT[1]!, 1, 6, title);
    expect(p.problem).toBeGreaterThan(Math.max(p.contribution, p.result, p.background));
  });

  it('reads contribution verbs in any tense and past a filler adverb ("we developed", "we carefully build")', () => {
    const score = (text: string) => roleScores(text, 1, 5, new Set()).contribution;
    expect(score('We developed a tool for mapping networks onto the brain.')).toBeCloseTo(score('We develop a tool for mapping networks onto the brain.'));
    expect(score('Put simply, we carefully build graphs from the input networks.')).toBeCloseTo(score('Put simply, we build graphs from the input networks.'));
    expect(score('We will take a deep look at ranking models.')).toBeGreaterThan(score('We had a deep look at ranking models.') + 1);
    const s = roleScores('We developed a tool for mapping networks onto the brain.', 0, 5, new Set());
    expect(s.contribution).toBeGreaterThan(1.2);
  });

  it('reads "we find that", a distant "evaluations … demonstrate", "the effectiveness of", passives, comparisons and abilities as results', () => {
    for (const text of [
      'We find that in most cases plain students match their residual teachers.',
      'Extensive evaluations on both human-designed and synthesized neural architectures of many sizes demonstrate the superiority of our algorithm.',
      'We validate the effectiveness of our method on several tasks.',
      'We show both analytically and numerically that grokking occurs in linear networks.',
      'The model sets a new state of the art on three benchmarks.',
      'The efficiency of the proposed method is demonstrated through numerical experiments.',
      'Our best network nearly matches the accuracy of a pre-trained model and is faster than any previous approach.',
      'Our network is able to recover photo-realistic textures from downsampled images.',
    ]) {
      const s = roleScores(text, 3, 5, new Set());
      expect(s.result, text).toBeGreaterThan(Math.max(s.contribution, s.problem, s.background));
    }
  });

  it('reads what others found ("recent studies have shown") as context, not as the authors\' result', () => {
    const others = roleScores('Recent studies have shown that networks are easily fooled by small perturbations.', 1, 6, new Set());
    expect(others.background).toBeGreaterThan(others.result);
    const own = roleScores('Our studies have shown that networks are easily fooled by small perturbations.', 1, 6, new Set());
    expect(own.result).toBeGreaterThan(Math.max(own.background, own.contribution, own.problem));
  });

  it('does not read "state of the art" describing others\' methods as a result', () => {
    expect(roleScores('We divide the state-of-the-art graph networks into four categories.', 3, 5, new Set()).result).toBeLessThan(0.5);
  });

  it('reads a need as a problem, but not the naming or solving of a "problem"', () => {
    const need = roleScores('Thus, it is necessary and timely to provide an overview of attacks.', 1, 5, new Set());
    expect(need.problem).toBeGreaterThan(Math.max(need.contribution, need.result, need.background));
    const solved = roleScores('Residual connections alleviate the vanishing gradient problem.', 1, 5, new Set());
    expect(solved.background).toBeGreaterThan(solved.problem);
  });

  it('does not read "not only … but also" as a contrast', () => {
    expect(roleScores('Shallow networks not only match attention but also train faster.', 3, 5, new Set()).problem).toBeLessThan(0.2);
  });

  it('reads costs, weaknesses and a concessive opening as a problem', () => {
    for (const text of ['These models contain millions of parameters, making them prone to overfitting.', 'Despite their success elsewhere, graph transformers are relatively shallow.']) {
      const s = roleScores(text, 1, 5, new Set());
      expect(s.problem, text).toBeGreaterThan(Math.max(s.contribution, s.result, s.background));
    }
  });

  it('leans on position: openings toward background, endings toward result', () => {
    const neutral = 'Networks are trained with gradient descent.';
    const first = roleScores(neutral, 0, 5, new Set());
    const last = roleScores(neutral, 4, 5, new Set());
    expect(first.background).toBeGreaterThan(last.background);
    expect(last.result).toBeGreaterThan(first.result);
    const cued = 'Networks reach 90% accuracy.';
    expect(roleScores(cued, 4, 5, new Set()).result).toBeGreaterThan(roleScores(cued, 0, 5, new Set()).result);
  });

  it('counts a sentence about the authors\' own work ("we", "our") as never background', () => {
    expect(roleScores('We train networks.', 0, 3, new Set()).background).toBe(0);
  });

  it('leans to contribution when the sentence names the title\'s subject', () => {
    const text = 'The method uses gates.';
    expect(roleScores(text, 1, 3, new Set(['gate'])).contribution).toBeGreaterThan(roleScores(text, 1, 3, new Set(['tree'])).contribution);
  });
});

describe('classifySentences', () => {
  it('labels a typical abstract background, problem, contribution (with its elaboration), result, other', () => {
    expect(classifySentences(ABSTRACT, 'Skip Gates').map((s) => s.role)).toEqual(['background', 'problem', 'contribution', 'contribution', 'result', 'other']);
  });

  it('reads a contrast with a difficulty as a problem, even in a general opening, and "show that" as a result', () => {
    const roles = classifySentences([
      'Relational reasoning is a central skill, but has proven difficult for networks to learn.',
      'We describe a module for relational reasoning.',
      'We test it on three tasks and show that it reaches human accuracy.',
    ]).map((s) => s.role);
    expect(roles).toEqual(['problem', 'contribution', 'result']);
  });

  it('handles an empty abstract', () => {
    expect(classifySentences([])).toEqual([]);
  });
});

describe('bestOfRole', () => {
  it('finds the strongest sentence of a role, or -1 when none has it', () => {
    const roled = classifySentences(ABSTRACT, 'Skip Gates');
    expect(bestOfRole(roled, 'contribution')).toBe(2);
    expect(bestOfRole(roled, 'result')).toBe(4);
    expect(bestOfRole(classifySentences(['Tensors are arrays.']), 'result')).toBe(-1);
  });
});

describe('bestOfRole with fragments', () => {
  it('prefers a sentence that stands alone over a fragment of the same role ("We show that it is.")', () => {
    const roled = classifySentences([
      'Can deep networks be made shallow without losing accuracy?',
      'We show that it is.',
      'We propose parallel subnetworks.',
      'We show that a network with 12 layers reaches 80% top-1 accuracy on ImageNet.',
    ]);
    expect(roled.map((s) => [s.role, s.fragment])).toEqual([
      ['problem', false],
      ['result', true],
      ['contribution', false],
      ['result', false],
    ]);
    expect(bestOfRole(roled, 'result')).toBe(3);
    expect(bestOfRole(roled.slice(0, 3), 'result')).toBe(1);
  });
});

describe('motivatingProblem', () => {
  it('takes the problem stated nearest before the contribution, not an earlier one', () => {
    const roled = classifySentences([
      'Labelled data is costly and limited.',
      'Graph networks aggregate neighbours.',
      'However, aggregation fails to exploit unlabelled nodes.',
      'In this paper, we propose pretext tasks for graph networks.',
      'Experiments show gains of 5% on citation graphs.',
    ]);
    expect(roled.map((s) => s.role).slice(0, 4)).toEqual(['problem', 'background', 'problem', 'contribution']);
    expect(motivatingProblem(roled)).toBe(2);
  });

  it('is -1 when no problem precedes the contribution (a later "problem" elaborates the method)', () => {
    const roled = classifySentences([
      'In this paper, we propose dense blocks that connect every layer.',
      'Dense blocks are, however, costly in memory.',
      'Experiments show that dense blocks reduce error by 10%.',
    ]);
    expect(roled[1]!.role).toBe('problem');
    expect(motivatingProblem(roled)).toBe(-1);
  });

  it('falls back on the background sentence just before the contribution when it leans to a problem', () => {
    const roled = classifySentences([
      'Graph networks have proven successful and are widely used.',
      'Despite that depth has proven successful elsewhere, existing graph transformers are relatively shallow.',
      'In this work, we explore whether more layers help graph transformers.',
      'Experiments show that deeper models reach state-of-the-art accuracy.',
    ]);
    expect(roled.map((s) => s.role)).toEqual(['background', 'background', 'contribution', 'result']);
    expect(motivatingProblem(roled)).toBe(1);
    const plain = classifySentences(['Graph networks are widely used in chemistry.', 'In this work, we explore whether more layers help graph transformers.']);
    expect(plain[0]!.role).toBe('background');
    expect(motivatingProblem(plain)).toBe(-1);
  });

  it('ignores a sentence that is "problem" only for want of any cue', () => {
    const roled = classifySentences(['Understanding concepts is important for us.', 'In this work we give an overview of recurrent networks.']);
    expect(roled[0]!.role).toBe('problem');
    expect(motivatingProblem(roled)).toBe(-1);
  });
});

describe('reportedResult', () => {
  it('takes the strongest result after the contribution over an earlier, first-stated one', () => {
    const roled = classifySentences([
      'Deep networks are hard to train.',
      'However, we observe that deeper networks for super-resolution are more difficult to train.',
      'To solve this, we propose residual channel attention networks.',
      'Each group contains residual blocks.',
      'Extensive experiments show that our networks achieve better accuracy than state-of-the-art methods.',
    ]);
    expect(roled[1]!.role).toBe('result');
    expect(bestOfRole(roled, 'result')).toBe(1);
    expect(reportedResult(roled)).toBe(4);
  });

  it('ignores a weakly cued "result" before the contribution, and says none rather than borrow a link', () => {
    const roled = classifySentences([
      'Ranking models are central to retrieval.',
      'We believe it is the right time to look back.',
      'In this survey, we review neural ranking models.',
      'Our code is available at https://example.org/rank.',
    ]);
    expect(roled[1]!.role).toBe('result');
    expect(reportedResult(roled)).toBe(-1);
  });

  it('takes a contribution sentence after the main one that clearly reports a result when no sentence is a result', () => {
    const roled = classifySentences([
      'Transformers need memory quadratic in the sequence length.',
      'In this paper we introduce sparse factorizations of attention.',
      'We use the same architecture to model images and text, setting a new state of the art for density modelling.',
    ]);
    expect(roled.map((s) => s.role)).toEqual(['problem', 'contribution', 'contribution']);
    expect(reportedResult(roled)).toBe(2);
  });
});

describe('mainContribution', () => {
  it('is the best contribution sentence, or the result with the clearest contribution evidence when none is classified so', () => {
    expect(mainContribution(classifySentences(ABSTRACT, 'Skip Gates'))).toBe(2);
    const findings = classifySentences([
      'Training deep networks is a hard non-convex problem.',
      'In this paper, we prove that the gap is non-zero for linear networks.',
      'In contrast, we show that the gap closes when networks are stacked in parallel, which we call a parallel architecture.',
    ], 'Parallel Architectures Close the Duality Gap');
    expect(findings.map((s) => s.role)).toEqual(['problem', 'result', 'result']);
    expect(mainContribution(findings)).toBe(2);
    expect(mainContribution(classifySentences(['Tensors are arrays.', 'They have indices.']))).toBe(-1);
  });
});

