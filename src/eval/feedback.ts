import { Feedback, FEEDBACK_DEFAULTS, groupQuestions, type AnswerVotes } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { articleFigures, evaluateParagraphs, rankFigures, type ArticleFigures, type Outcome } from './evaluate.ts';
import { inScope, SPLITS, type ParagraphQuestion, type Split } from './sets.ts';

/**
 * What learning from votes does to the article set, with votes simulated as people would cast
 * them: 👍 on answers from the right paragraph, 👎 on wrong answers and on answers to questions
 * the article does not answer. Only the tune part is voted on for learning; held-out questions
 * are asked, never voted on.
 */

/** Distinct people simulated behind each vote: just enough to pass the thresholds. */
const HELPFUL_VOTERS = FEEDBACK_DEFAULTS.helpfulVoters;
const UNHELPFUL_VOTERS = FEEDBACK_DEFAULTS.unhelpfulVoters;

const helpful = (question: string, chunkId: string, people = HELPFUL_VOTERS): AnswerVotes => ({ question, chunkId, helpful: people, unhelpful: 0, adminHelpful: 0, adminUnhelpful: 0 });
const unhelpful = (question: string, chunkId: string, people = UNHELPFUL_VOTERS): AnswerVotes => ({ question, chunkId, helpful: 0, unhelpful: people, adminHelpful: 0, adminUnhelpful: 0 });

/** Answered from an expected paragraph first: what a person votes helpful. */
const right = (o: Outcome<ParagraphQuestion>) => o.answered && o.rank === 1;
/** Answered, but not from an expected paragraph, or when the article does not answer: what a person votes down. */
const wrong = (o: Outcome<ParagraphQuestion>) => o.answered && o.rank !== 1 && o.top[0] !== undefined;

/** The tune part's right answers, voted helpful: each question people asked and liked, on its paragraph. */
export function helpfulVotes(before: readonly Outcome<ParagraphQuestion>[], people = HELPFUL_VOTERS): AnswerVotes[] {
  return before.filter((o) => o.question.split === 'tune' && inScope(o.question) && right(o)).map((o) => helpful(o.question.question, o.top[0]!, people));
}

/** The tune part's wrong answers, voted down. */
export function unhelpfulVotes(before: readonly Outcome<ParagraphQuestion>[], people = UNHELPFUL_VOTERS): AnswerVotes[] {
  return before.filter((o) => o.question.split === 'tune' && wrong(o)).map((o) => unhelpful(o.question.question, o.top[0]!, people));
}

export interface PartFigures {
  questions: number;
  declined: number;
  top1: number;
  top3: number;
}

const partFigures = (list: readonly Outcome<ParagraphQuestion>[]): PartFigures => {
  const f = rankFigures(list);
  return { questions: f.questions, declined: f.declined, top1: f.top1, top3: f.top3 };
};

export interface FeedbackReport {
  learned: number;
  /** In-scope questions not voted on (tune: the ones that were not answered right; held out: all), before and after. */
  paraphrases: Record<Split, { before: PartFigures; after: PartFigures }>;
  down: {
    blocked: number;
    /** Questions voted down and their near-duplicates in the set, re-asked. */
    asked: number;
    /** Of those, how many no longer get the paragraph voted down; and how that ended. */
    withdrawn: number;
    nowDeclined: number;
    nowRight: number;
    /** Near-duplicates (not themselves voted on) that lost the answer. */
    nearDuplicates: number;
  };
  /** One person's 👍 on every right answer and 👎 on every wrong one: questions whose outcome changed. */
  steering: { pairs: number; learned: number; blocked: number; changed: number };
  /** The whole set, without votes and with every vote above. */
  collateral: Record<Split, { before: ArticleFigures; after: ArticleFigures }>;
}

const sameOutcome = (a: Outcome<ParagraphQuestion>, b: Outcome<ParagraphQuestion>) => a.answered === b.answered && a.rank === b.rank && a.top.join() === b.top.join();

function bySplit<T>(f: (split: Split) => T): Record<Split, T> {
  return Object.fromEntries(SPLITS.map((s) => [s, f(s)])) as Record<Split, T>;
}

/** The near-duplicates of each question in the set, by the grouping the question report uses. */
function nearDuplicates(questions: readonly ParagraphQuestion[]): Map<ParagraphQuestion, ParagraphQuestion[]> {
  const out = new Map<ParagraphQuestion, ParagraphQuestion[]>();
  for (const group of groupQuestions(questions.map((q) => q.question))) {
    for (const i of group) out.set(questions[i]!, group.filter((j) => j !== i).map((j) => questions[j]!));
  }
  return out;
}

/** The set asked without votes: what each simulation below is measured against. */
interface Baseline {
  kb: KnowledgeBase;
  questions: readonly ParagraphQuestion[];
  before: Outcome<ParagraphQuestion>[];
  outcomeOf: ReadonlyMap<ParagraphQuestion, Outcome<ParagraphQuestion>>;
}

export function simulateFeedback(kb: KnowledgeBase, questions: readonly ParagraphQuestion[]): FeedbackReport {
  const before = evaluateParagraphs(kb, questions);
  const base: Baseline = { kb, questions, before, outcomeOf: new Map(before.map((o) => [o.question, o])) };
  const up = helpfulVotes(before);
  const { learned, paraphrases } = learnFromHelpful(base, up);
  const down = unhelpfulVotes(before);
  return { learned, paraphrases, down: blockFromUnhelpful(base, down), steering: steerByOnePerson(base), collateral: collateralOf(base, [...up, ...down]) };
}

/** Helpful votes, then the in-scope questions nobody voted on. */
function learnFromHelpful(base: Baseline, up: readonly AnswerVotes[]): Pick<FeedbackReport, 'learned' | 'paraphrases'> {
  const { kb, questions, outcomeOf } = base;
  const learning = Feedback.from(kb, up);
  const voted = new Set(up.map((v) => v.question));
  const others = questions.filter((q) => inScope(q) && !voted.has(q.question));
  const afterUp = new Map(evaluateParagraphs(kb, others, learning).map((o) => [o.question, o]));
  const paraphrases = bySplit((split) => {
    const part = others.filter((q) => q.split === split);
    return { before: partFigures(part.map((q) => outcomeOf.get(q)!)), after: partFigures(part.map((q) => afterUp.get(q)!)) };
  });
  return { learned: learning.learned, paraphrases };
}

/** Down votes, then the questions voted down and their near-duplicates. */
function blockFromUnhelpful(base: Baseline, down: readonly AnswerVotes[]): FeedbackReport['down'] {
  const blocking = Feedback.from(base.kb, down);
  const targets = downVoteTargets(base.questions, base.before, base.outcomeOf);
  const reasked = evaluateParagraphs(base.kb, [...targets.keys()], blocking);
  const withdrawn = reasked.filter((o) => !o.answered || o.top[0] !== targets.get(o.question));
  const downVoted = new Set(down.map((v) => v.question));
  return {
    blocked: blocking.blocked,
    asked: reasked.length,
    withdrawn: withdrawn.length,
    nowDeclined: withdrawn.filter((o) => !o.answered).length,
    nowRight: withdrawn.filter((o) => o.answered && inScope(o.question) && o.rank === 1).length,
    nearDuplicates: withdrawn.filter((o) => !downVoted.has(o.question.question)).length,
  };
}

/**
 * The questions to re-ask after the tune part's wrong answers are voted down, each with the
 * paragraph voted down: the question itself, and its near-duplicates that got that same paragraph
 * first (a vote on one wording should reach the others).
 */
export function downVoteTargets(questions: readonly ParagraphQuestion[], before: readonly Outcome<ParagraphQuestion>[], outcomeOf: ReadonlyMap<ParagraphQuestion, Outcome<ParagraphQuestion>>): Map<ParagraphQuestion, string> {
  const dupes = nearDuplicates(questions);
  const targets = new Map<ParagraphQuestion, string>();
  for (const o of before.filter((o) => o.question.split === 'tune' && wrong(o))) {
    for (const q of [o.question, ...(dupes.get(o.question) ?? [])]) if (outcomeOf.get(q)!.top[0] === o.top[0]) targets.set(q, o.top[0]!);
  }
  return targets;
}

/** One person's vote alone on every right and wrong answer of the tune part. */
function steerByOnePerson(base: Baseline): FeedbackReport['steering'] {
  const { kb, questions, before } = base;
  const alone = [...helpfulVotes(before, 1), ...unhelpfulVotes(before, 1)];
  const single = Feedback.from(kb, alone);
  const steered = evaluateParagraphs(kb, questions, single);
  return { pairs: alone.length, learned: single.learned, blocked: single.blocked, changed: steered.filter((o, i) => !sameOutcome(o, before[i]!)).length };
}

/** Every vote together, over the whole set. */
function collateralOf(base: Baseline, votes: readonly AnswerVotes[]): FeedbackReport['collateral'] {
  const { kb, questions, before } = base;
  const after = evaluateParagraphs(kb, questions, Feedback.from(kb, votes));
  return bySplit((split) => ({
    before: articleFigures(before.filter((o) => o.question.split === split)),
    after: articleFigures(after.filter((o) => o.question.split === split)),
  }));
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const declined = (f: { questions: number; declined: number }) => `${f.declined}/${f.questions}`;
const arrow = (a: string, b: string) => `${a} → ${b}`.padEnd(24);

export function formatFeedback(r: FeedbackReport): string[] {
  const lines = [
    `Helpful votes: ${r.learned} tune questions answered from the right paragraph, each voted helpful by ${HELPFUL_VOTERS} people; then the in-scope questions nobody voted on`,
    `  ${''.padEnd(28)}${'declined'.padEnd(24)}${'top-1'.padEnd(24)}top-3`,
  ];
  for (const split of SPLITS) {
    const { before: b, after: a } = r.paraphrases[split];
    lines.push(`  ${`${split} (${b.questions})`.padEnd(28)}${arrow(declined(b), declined(a))}${arrow(pct(b.top1), pct(a.top1))}${pct(b.top3)} → ${pct(a.top3)}`);
  }
  const d = r.down;
  lines.push(
    '',
    `Down votes: ${d.blocked} wrong answers of the tune part (wrong paragraph, or a question the article does not answer), each voted down by ${UNHELPFUL_VOTERS} people`,
    `  re-asked, with their near-duplicates that got the same answer: ${d.asked}`,
    `  the voted-down paragraph no longer offered first: ${d.withdrawn} (${d.nearDuplicates} of them near-duplicates)`,
    `  of those, now declined: ${d.nowDeclined}; now answered from the right paragraph: ${d.nowRight}; answered from another wrong one: ${d.withdrawn - d.nowDeclined - d.nowRight}`,
    '',
    `Steering: one person's vote on each of ${r.steering.pairs} answers (👍 on right ones, 👎 on wrong ones): ${r.steering.learned} learned, ${r.steering.blocked} blocked, ${r.steering.changed} questions changed`,
    '',
    'Collateral: the whole article set without votes → with all of the votes above',
    `  ${''.padEnd(28)}${SPLITS.map((s) => s.padEnd(28)).join('')}`,
  );
  const row = (label: string, f: (x: ArticleFigures) => string) =>
    lines.push(`  ${label.padEnd(28)}${SPLITS.map((s) => arrow(f(r.collateral[s].before), f(r.collateral[s].after)).padEnd(28)).join('')}`);
  row('out of scope: declined', (x) => declined(x.outOfScope));
  row('in scope: declined', (x) => declined(x.inScope));
  row('  top-1 of all', (x) => pct(x.inScope.top1));
  row('  top-3 of all', (x) => pct(x.inScope.top3));
  row('  top-1 of answered', (x) => pct(x.inScope.answeredTop1));
  return lines;
}
