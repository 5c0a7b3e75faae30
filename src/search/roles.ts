/**
 * Rhetorical roles of abstract sentences: background (what is known), problem (the gap or difficulty), contribution
 * (what the authors propose, build or study, and how) and result (what they find or achieve); "other" for links and
 * housekeeping. A small rule-based classifier in the spirit of argumentative zoning (Teufel & Moens, 2002): cue
 * phrases score each role, the sentence's position in the abstract shifts the odds (openings state context and
 * problems, endings results), and a sentence that names the title's subject leans to contribution.
 */
import { tokenize } from './tokenize.js';

export const ROLES = ['background', 'problem', 'contribution', 'result', 'other'] as const;
export type SentenceRole = (typeof ROLES)[number];

/** A sentence's role and how strongly it reads as each role. */
export interface RoledSentence {
  role: SentenceRole;
  scores: Record<SentenceRole, number>;
  /** Too few content words to stand alone ("We show that it is."): it leans on its neighbours, so it is quoted last. */
  fragment: boolean;
}

/** Distinct content terms below which a sentence is a fragment. */
export const MIN_CONTENT_TERMS = 3;

type Cue = readonly [RegExp, number];

const WE = String.raw`(?:we|this (?:paper|work|study|survey|review|tutorial)|the present (?:paper|work)|our (?:paper|work|study))`;

/** Verb forms of regular verbs: base, third person, past ("propose", "proposes", "proposed"; "study", "studied"). */
function verbForms(bases: readonly string[]): string {
  return bases
    .map((v) => (v.endsWith('y') && !/[aeiou]y$/.test(v) ? `${v.slice(0, -1)}(?:y|ies|ied)` : v.endsWith('e') ? `${v}(?:s|d)?` : `${v}(?:s|es|ed)?`))
    .join('|');
}

// What the authors do: verbs after "we" / "this paper" that state the work itself (any tense: abstracts also say
// "we developed"). Verbs of finding ("show", "find") are result cues instead.
const CONTRIBUTION_VERBS = [
  verbForms([
    'propose', 'introduce', 'present', 'develop', 'design', 'devise', 'construct', 'formulate', 'reformulate', 'describe', 'define',
    'extend', 'explore', 'investigate', 'study', 'examine', 'conduct', 'review', 'revisit', 'rethink', 'provide', 'offer', 'contribute',
    'tackle', 'address', 'solve', 'overcome', 'seek', 'aim', 'use', 'employ', 'leverage', 'exploit', 'incorporate', 'integrate', 'combine',
    'modify', 'apply', 'analyze', 'analyse', 'consider', 'categorize', 'establish', 'identify', 'share', 'summarize', 'compare', 'delve',
    'challenge', 'remedy', 'strive', 'substitute', 'augment', 'enlarge', 'instantiate', 'train', 'release', 'perform', 'adopt', 'adapt',
    'implement', 'interpret', 'derive', 'focus', 'create', 'collect', 'curate', 'unify', 'generalize', 'take',
  ]),
  'build|builds|built|make|makes|made|give|gives|gave|draw|draws|drew|cast|casts',
].join('|');
// Words that may stand between "we" and the verb: "we also propose", "we carefully build", "we will take".
const FILLER = String.raw`(?:(?:also|then|further|first|here|now|instead|therefore|thus|hence|next|will|can|would|\w+ly)\s+){0,2}`;

const CUES: Record<Exclude<SentenceRole, 'other'>, readonly Cue[]> = {
  contribution: [
    [new RegExp(String.raw`\b${WE}\s+${FILLER}(?:${CONTRIBUTION_VERBS})\b`, 'i'), 1.2],
    [/\bin this (?:paper|work|study|survey|review|tutorial)\b/i, 0.8],
    [/\b(?:this|the present) (?:paper|work|survey|review|tutorial) (?:goes|is|presents|introduces|proposes|explores|studies)\b/i, 1],
    [/\bour (?:approach|method|framework|model|technique|algorithm|system|design|proposed|primary|main contribution|contribution|innovation|goal|aim|objective|research)\b/i, 0.7],
    [/\b(?:called|named|dubbed|termed|coined)\b/i, 0.6],
    [/\bwhich we (?:call|name|term)\b/i, 0.8],
    [/\bto (?:address|solve|tackle|overcome|alleviate|bridge|fill|remedy|mitigate) (?:this|these|the|such|that)\b/i, 0.8],
    [/^(?:specifically|in particular|concretely|to this end|to do so|to achieve this|inspired by|instead|more specifically)\b/i, 0.6],
    [/^(?:first|second|third|then|finally|lastly|moreover|additionally|furthermore|in addition|also),? we (?!show|find|found|observe|demonstrate|report|confirm|discover|prove|see|obtain|achieve)/i, 0.6],
    [/\bthe (?:main|key|core) idea\b|\bthe novelty\b/i, 0.8],
    [/^(?:we|our)\b/i, 0.3],
  ],
  result: [
    [/\b(?:experiments?|experimental results?|results?|evaluations?|findings|analysis|evidence|ablations?|studies|tests?)\b[^.]{0,100}\b(?:show|shows|demonstrate|demonstrates|reveal|reveals|indicate|indicates|confirm|confirms|suggest|suggests|highlight|prove|validate|substantiate|support|corroborate|verify)/i, 1.2],
    [new RegExp(String.raw`\b${WE}\s+${FILLER}(?:show|find|found|demonstrate|observe|prove|report|confirm|discover|reveal|verify|validate|substantiate|corroborate|obtain|achieve|see|establish that)(?:s|d|ed|n)?\b`, 'i'), 1],
    [/\b(?:and|to|by) (?:show|demonstrat|prov|find)\w* that\b|\bshow(?:s|n|ing)? (?:that|how)\b|\b(?:show[sn]?|find|found|observe[sd]?|demonstrate[sd]?|prove[sd]?|reveal(?:s|ed)?|confirm(?:s|ed)?|establish(?:es|ed)?|verif(?:y|ies|ied))(?: (?!that\b)[\w-]+){0,4} that\b/i, 0.6],
    [/\bthe (?:effectiveness|superiority|efficacy|viability|benefits?|advantages?) of\b|\b(?:promising|preliminary|empirical|experimental|numerical) (?:results?|evidence|verification|evaluation)\b|\b(?:provid|offer|give|gave|gain|yield)\w* (?:[\w-]+ ){0,2}insights?\b/i, 0.5],
    [/\bachiev\w* (?:excellent|strong|good|high|better|superior|competitive|comparable|state|remarkable|significant|new)\b/i, 0.6],
    // "State of the art" as a result ("setting a new state of the art", "state-of-the-art accuracy"), not as a
    // description of others' methods ("the state-of-the-art networks").
    [/\b(?:outperform\w*|surpass\w*|beats?|exceed\w*|superior|new state[- ]of[- ]the[- ]art|state[- ]of[- ]the[- ]art (?:performance|results?|accuracy|on)|(?:achiev|reach|obtain|attain|set|establish)\w* (?:a |the )?state[- ]of[- ]the[- ]art|sota|new record|better (?:accuracy|performance|results)|competitive|on par|boosts?|improv(?:e|es|ed|ement|ements))\b/i, 0.7],
    [/\d(?:\.\d+)?\s?%|\b\d+(?:\.\d+)?x\b|\bspeed-?up\b|\btimes (?:faster|less|fewer|smaller)\b/i, 0.6],
    [/\bour (?:results|findings|experiments|main result|analysis|evaluation|proof)\b|\b(?:the )?main result\b/i, 1],
    [/\b(?:significant(?:ly)?|remarkabl[ey]|substantial(?:ly)?|surprisingly|interestingly|notably|consistently)\b/i, 0.3],
    [/\b(?:won|ranked first|first place|1st place)\b/i, 0.6],
    [/\bthis (?:allows|enables|leads|results|helps|means|suggests|implies|discovery|insight)\b|\bthese (?:results|findings|demonstrate)\b/i, 0.5],
    [/\bwe (?:believe|hope)\b/i, 0.3],
    // Results stated without "we show": passives, comparisons, abilities, implications.
    [/\b(?:is|are|was|were) (?:\w+ly )?(?:demonstrated|proved|proven|confirmed|verified|validated)\b|\b(?:reveals|highlights|underscores|sheds? light)\b/i, 0.6],
    [/\b(?:better|worse|higher|lower|faster|slower|simpler|closer|smaller|larger|superior|more \w+)\b[^.;]{0,60}\bthan\b|\bcompared (?:with|to)\b|\b(?:promising|strong|superior|competitive|comparable|better|good) (?:performance|results|accuracy)\b/i, 0.5],
    [/\b(?:is|are) (?:also )?able to\b|\b(?:has|have) the potential to\b|\bpotentially\b|\bpave[sd]? the way\b|\d(?:\.\d+)? times\b/i, 0.4],
  ],
  problem: [
    [/\bhowever\b|\bnevertheless\b|\bunfortunately\b/i, 0.8],
    [/\bbut\b(?! also)|\byet\b/i, 0.4],
    [/\b(?:challeng\w*|limitations?|limited|limits?|difficult\w*|bottlenecks?|suffer\w*|lack\w*|unclear|open (?:question|problem)|struggle\w*|fails?|costly|expensive|impractical|hinder\w*|imped\w*|poorly understood|little studied|not (?:well|fully|been|enough)|unsolved|remains?|shortcomings?|drawbacks?|vulnerab\w*|constraints?|issues?|prohibitive|degrad\w*|overlook\w*|neglect\w*|ignore|unable|cannot|complicated|prevent\w*|restrict\w*|too (?:large|slow|costly|generic))\b/i, 0.7],
    [/\b(?:whether|how can|can we|is it possible|the question)\b|\?$/i, 0.5],
    [/\bdespite\b|\balthough\b|\bwhile\b/i, 0.2],
    // A concession opening the sentence ("Despite their success, …") puts the point in the main clause: the gap.
    [/^(?:despite|although|though|while|whereas)\b/i, 0.4],
    [/\b(?:prone to|necessitat\w*|redundan\w*|inefficien\w*|laborious|tedious|burdens?|quadratic\w*|implausible|unstable|instability|none of|no (?:effort|work|study|studies|attempt)|little (?:effort|attention|work)|fewer studies|rarely|requir(?:e|es|ing) (?:time|memory|large|a large|massive|huge|expensive|extensive|much|many|rich))\b/i, 0.7],
    [/\b(?:still|(?<!not )only|merely|might|may not)\b/i, 0.2],
    // "Problem" names a task as often as a gap ("the ranking problem"); solving one is not a gap.
    [/\bproblems?\b(?<!\b(?:solv\w*|address\w*|alleviat\w*|tackl\w*|mitigat\w*|the|this|these) (?:[\w-]+ ){0,3}problems?)/i, 0.4],
    // A need: "it is necessary to", "has to be taken into account".
    [/\b(?:necessary|timely|imperative|desirable) to\b|\b(?:has|have|needs?) to be\b|\bmust be\b|\bthere is a (?:need|lack)\b/i, 0.7],
  ],
  background: [
    [/\b(?:have|has) (?:been|shown|achieved|become|emerged|gained|proven|demonstrated|witnessed|revolutionized|attracted)\b/i, 0.5],
    [/\b(?:recent(?:ly)?|widely|popular|commonly|conventional(?:ly)?|traditional(?:ly)?|typically|generally|usually|standard|well-established|de facto)\b/i, 0.3],
    [/\b(?:is|are) (?:a|an|the)?\s?(?:powerful|popular|key|central|essential|critical|important|crucial|promising|effective|fundamental)\b/i, 0.4],
    [/\bet al\.|\(\w+ et al|\bprevious (?:work|studies|methods)\b|\bexisting\b/i, 0.3],
  ],
};

const OTHER = /https?:\/\/|www\.|github\.com|\bour code\b|\bcode and (?:pre-trained )?models\b|\b(?:code|codes|implementation|models?|dataset|data)\b[^.]{0,40}\b(?:is|are|will be|has been|have been) (?:publicly )?(?:available|released)|\bpublicly available\b|^homepage\b|^please visit\b/i;

// How much the position in the abstract counts: openings lean background/problem, endings result.
const POSITION = { background: 0.6, problem: 0.25, result: 0.45, contribution: 0.15 };
// Without a result cue, the end of an abstract hints at a result only weakly; a sentence about something else than
// the authors' own work starts as background.
const UNCUED_RESULT = 0.2;
const UNCUED_BACKGROUND = 0.25;
// Problem cues from which a sentence after the contribution still states a problem (one strong cue: "however", "difficult").
const CLEAR_PROBLEM = 0.7;
const CONTRAST = /\b(?:but|however|yet|although|though|despite|nevertheless)\b/i;
const CONTRAST_BONUS = 0.5;
// A sentence naming the title's subject leans to contribution (share of title terms it holds, times this).
const TITLE_WEIGHT = 0.5;
// Others' work named as such: "recent studies", "previous methods", "prior work".
const OTHERS_WORK = /\b(?:recent|previous|prior|earlier|existing|many|several|some|other|these|those)\s+(?:[\w-]+\s+)?(?:studies|works|research|papers|literature|methods|approaches|researchers)\b|\bet al\b/i;
// Their result cues count half, and they lean to background.
const OTHERS_DAMPING = 0.5;
const OTHERS_BACKGROUND = 0.5;
// A sentence that speaks of the authors' own work ("we", "our") is not background.
const OWN_WORK = /\b(?:we|our|us)\b/i;

/** Sum of the weights of the cues of one role found in `text`. */
function cueScore(text: string, cues: readonly Cue[]): number {
  let score = 0;
  for (const [re, weight] of cues) if (re.test(text)) score += weight;
  return score;
}

/**
 * Scores of each role for one sentence at `index` of `total`, given the title's terms. Pure; the role is the best
 * score (ties in the order contribution, result, problem, background).
 */
export function roleScores(text: string, index: number, total: number, titleTerms: ReadonlySet<string>): Record<SentenceRole, number> {
  const at = total > 1 ? index / (total - 1) : 0;
  const ownWork = OWN_WORK.test(text);
  const terms = new Set(tokenize(text));
  let shared = 0;
  for (const t of titleTerms) if (terms.has(t)) shared += 1;
  const titleShare = titleTerms.size > 0 ? shared / titleTerms.size : 0;
  const other = OTHER.test(text) ? 3 : 0;
  const contributionCues = cueScore(text, CUES.contribution);
  // What others found or built ("recent studies have shown …") is context, not the authors' result.
  const othersWork = !ownWork && OTHERS_WORK.test(text);
  const resultCues = cueScore(text, CUES.result) * (othersWork ? OTHERS_DAMPING : 1);
  const problemCues = cueScore(text, CUES.problem);
  // Naming the title's subject says "this is what we did" only in a sentence about the authors' own work.
  const titleLean = TITLE_WEIGHT * titleShare * (ownWork || contributionCues > 0 ? 1 : 0.3);
  return {
    contribution: contributionCues + titleLean + POSITION.contribution * (1 - Math.abs(at - 0.4)),
    result: resultCues + (resultCues > 0 ? POSITION.result : UNCUED_RESULT) * at,
    // A sentence that turns ("but", "however") onto a difficulty makes its point in the turn: the problem.
    problem: problemCues * (ownWork ? 0.6 : 1) + POSITION.problem * (1 - at) + (CONTRAST.test(text) && problemCues >= 1 ? CONTRAST_BONUS : 0),
    background: ownWork ? 0 : cueScore(text, CUES.background) + (othersWork ? OTHERS_BACKGROUND : 0) + POSITION.background * (1 - at) + (problemCues > 0 ? 0 : UNCUED_BACKGROUND),
    other,
  };
}

const TIE_ORDER: readonly SentenceRole[] = ['other', 'contribution', 'result', 'problem', 'background'];

/**
 * Classifies each sentence of an abstract (in order) into a role. Context matters once: after the first contribution
 * sentence, a sentence that reads as background, as a result on position alone (no cue), or as a problem on a weak
 * cue, is taken to elaborate the contribution (how the method works), since abstracts give their context first.
 */
export function classifySentences(sentences: readonly string[], title = ''): RoledSentence[] {
  const titleTerms = new Set(tokenize(title));
  let contributed = false;
  return sentences.map((text, index) => {
    const scores = roleScores(text, index, sentences.length, titleTerms);
    let role: SentenceRole = TIE_ORDER[0]!;
    for (const r of TIE_ORDER) if (scores[r] > scores[role]) role = r;
    // After the contribution, a sentence with nothing but its position to go on elaborates the contribution.
    const resultCued = cueScore(text, CUES.result) > 0;
    const problemCues = cueScore(text, CUES.problem);
    const weak = (role === 'result' && !resultCued && problemCues === 0) || (role === 'problem' && problemCues < CLEAR_PROBLEM);
    if (contributed && (role === 'background' || weak)) role = 'contribution';
    if (role === 'contribution') contributed = true;
    return { role, scores, fragment: new Set(tokenize(text)).size < MIN_CONTENT_TERMS };
  });
}

/**
 * Index of the sentence that best states `role`: among the sentences classified so, the highest score for the role,
 * scores above {@link CLEAR_SCORE} counting alike, so that of several clear statements the first wins (abstracts
 * state their main point before piling up supporting detail), a fragment only when no other sentence has the role;
 * -1 when no sentence has the role.
 */
export function bestOfRole(roled: readonly RoledSentence[], role: SentenceRole): number {
  let best = -1;
  const strength = (i: number) => Math.min(CLEAR_SCORE, roled[i]!.scores[role]);
  // A fragment states its role only with its neighbours: it is the best only when nothing else has the role.
  const rank = (i: number) => (roled[i]!.fragment ? -CLEAR_SCORE : 0) + strength(i);
  roled.forEach((s, i) => {
    if (s.role === role && (best < 0 || rank(i) > rank(best))) best = i;
  });
  return best;
}

/** A role score from which a sentence states its role clearly (one strong cue with some support). */
export const CLEAR_SCORE = 1.5;

/**
 * Index of the problem the work answers: abstracts state the gap just before what the authors do about it, so of
 * the sentences classified as problem before the best contribution sentence, the nearest one; -1 when none comes
 * before it (a "problem" sentence after the contribution usually elaborates the method or qualifies a result). A
 * sentence counts when it has some problem cue (score at least {@link MIN_PROBLEM}). Without one, the background
 * sentence just before the contribution when it leans to a problem ({@link LEANING_PROBLEM}).
 */
export function motivatingProblem(roled: readonly RoledSentence[]): number {
  const contribution = bestOfRole(roled, 'contribution');
  const end = contribution < 0 ? roled.length : contribution;
  for (let i = end - 1; i >= 0; i -= 1) if (roled[i]!.role === 'problem' && roled[i]!.scores.problem >= MIN_PROBLEM) return i;
  // Else the sentence just before the contribution, where abstracts state the gap, if it reads partly as one.
  const before = roled[end - 1];
  return before && before.role === 'background' && before.scores.problem >= LEANING_PROBLEM ? end - 1 : -1;
}

/** Problem score from which a background sentence just before the contribution is taken as its problem (one clear cue). */
export const LEANING_PROBLEM = 0.7;

/** A problem score below which a sentence is "problem" only because nothing else fits (no cue, early position). */
export const MIN_PROBLEM = 0.5;

/**
 * Index of the result the work reports, for a compare row: results follow what the authors did, so of the result
 * sentences after the best contribution the one with the strongest result evidence (one before it only when none
 * follows; a fragment only when nothing else reads as a result). When no sentence is classified as a result, a
 * sentence after the contribution that still carries clear result evidence ({@link RESULT_EVIDENCE}: "…, setting a
 * new state of the art") is taken; else -1.
 */
export function reportedResult(roled: readonly RoledSentence[]): number {
  const contribution = bestOfRole(roled, 'contribution');
  const rank = (i: number) => (i > contribution ? 2 * STRONG : 0) + (roled[i]!.fragment ? -STRONG : 0) + roled[i]!.scores.result;
  // Before the contribution, only a clear result counts: a weakly cued one there is usually context or motivation.
  const counts = (s: RoledSentence, i: number) => s.role === 'result' && (i > contribution || s.scores.result >= CLEAR_SCORE);
  let best = -1;
  roled.forEach((s, i) => {
    if (counts(s, i) && (best < 0 || rank(i) > rank(best))) best = i;
  });
  return best >= 0 ? best : strongestEvidence(roled, 'result', (s, i) => i > contribution && s.role === 'contribution');
}

/**
 * Index of the sentence that states what the authors did: the best contribution sentence or, when no sentence is
 * classified so (an abstract of findings: "we prove …", "we show that … by stacking …"), the sentence with the
 * clearest contribution evidence among the results ({@link CONTRIBUTION_EVIDENCE}); -1 when there is none.
 */
export function mainContribution(roled: readonly RoledSentence[]): number {
  const best = bestOfRole(roled, 'contribution');
  return best >= 0 ? best : strongestEvidence(roled, 'contribution', (s) => s.role === 'result');
}

/** The sentence among `eligible` ones with the highest `role` score, if at least the role's evidence threshold; else -1. */
function strongestEvidence(roled: readonly RoledSentence[], role: 'result' | 'contribution', eligible: (s: RoledSentence, i: number) => boolean): number {
  const min = role === 'result' ? RESULT_EVIDENCE : CONTRIBUTION_EVIDENCE;
  let best = -1;
  roled.forEach((s, i) => {
    if (eligible(s, i) && !s.fragment && s.scores[role] >= min && (best < 0 || s.scores[role] > roled[best]!.scores[role])) best = i;
  });
  return best;
}

// Larger than any role score: used to order sentences by a condition first, then by score.
const STRONG = 100;
/** Result score from which a sentence of another role still reports a result. */
export const RESULT_EVIDENCE = 1;
/** Contribution score from which a sentence of another role still states what the authors did (one clear cue). */
export const CONTRIBUTION_EVIDENCE = 1;
