import { ask, type Feedback, type JudgeCheck } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { inScope, type PageQuestion, type ParagraphQuestion, type Split } from './sets.ts';

/** What one engine did with one question. */
export interface Outcome<Q> {
  question: Q;
  answered: boolean;
  /** 1-based rank of the first expected item among what was offered, or null (missed or declined). */
  rank: number | null;
  /** What was offered first, best first (chunk or document ids). */
  top: string[];
  /** Which of the judge's checks declined it, when Footnote declined it. */
  declinedBy?: JudgeCheck;
}

/** Figures over a group of in-scope questions. Shares are 0..1. */
export interface RankFigures {
  questions: number;
  declined: number;
  /** Over every question of the group: a declined question is a miss. */
  top1: number;
  top3: number;
  mrr: number;
  /** Over the questions that were answered. */
  answeredTop1: number;
  answeredTop3: number;
}

export interface DeclineFigures {
  questions: number;
  declined: number;
}

const share = (n: number, of: number) => (of === 0 ? 0 : n / of);

export function rankFigures<Q>(outcomes: readonly Outcome<Q>[]): RankFigures {
  const answered = outcomes.filter((o) => o.answered);
  const within = (list: readonly Outcome<Q>[], k: number) => list.filter((o) => o.rank !== null && o.rank <= k).length;
  return {
    questions: outcomes.length,
    declined: outcomes.length - answered.length,
    top1: share(within(outcomes, 1), outcomes.length),
    top3: share(within(outcomes, 3), outcomes.length),
    mrr: share(outcomes.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0), outcomes.length),
    answeredTop1: share(within(answered, 1), answered.length),
    answeredTop3: share(within(answered, 3), answered.length),
  };
}

export function declineFigures<Q>(outcomes: readonly Outcome<Q>[]): DeclineFigures {
  return { questions: outcomes.length, declined: outcomes.filter((o) => !o.answered).length };
}

/** Passages asked for: enough to see the top 3 distinct pages in a many-document folder. */
const DEPTH = 10;

/** Ask the article's questions as `ask --json` would, with what votes taught when given; ranks are over ask's passages. */
export function evaluateParagraphs(kb: KnowledgeBase, questions: readonly ParagraphQuestion[], feedback?: Feedback): Outcome<ParagraphQuestion>[] {
  return questions.map((question) => {
    const result = ask(kb, question.question, { passages: DEPTH, ...(feedback ? { feedback } : {}) });
    const ranked = result.passages.map((p) => p.chunk);
    const index = ranked.findIndex((c) => question.expected.includes(c.paragraph) && (!question.document || c.document === question.document));
    return {
      question,
      answered: result.answered,
      rank: result.answered && index >= 0 ? index + 1 : null,
      top: ranked.slice(0, 3).map((c) => c.id),
      ...(result.check ? { declinedBy: result.check } : {}),
    };
  });
}

/** Pages in the order their paragraphs first appear among `ids` (chunk ids `<document>#p<N>`). */
export function pagesOf(chunkIds: readonly string[]): string[] {
  const pages: string[] = [];
  for (const id of chunkIds) {
    const page = id.slice(0, id.lastIndexOf('#'));
    if (!pages.includes(page)) pages.push(page);
  }
  return pages;
}

/** A ranking of pages for a question, from any engine. */
export type PageRanker = (question: string) => { answered: boolean; pages: string[]; declinedBy?: JudgeCheck };

export const footnotePages = (kb: KnowledgeBase): PageRanker => (question) => {
  const result = ask(kb, question, { passages: DEPTH });
  return { answered: result.answered, pages: pagesOf(result.passages.map((p) => p.chunk.id)), ...(result.check ? { declinedBy: result.check } : {}) };
};

export function evaluatePages(rank: PageRanker, questions: readonly PageQuestion[]): Outcome<PageQuestion>[] {
  return questions.map((question) => {
    const { answered, pages, declinedBy } = rank(question.question);
    const index = pages.findIndex((p) => question.expected.includes(p));
    return { question, answered, rank: answered && index >= 0 ? index + 1 : null, top: pages.slice(0, 3), ...(declinedBy ? { declinedBy } : {}) };
  });
}

/** Outcomes grouped by split, plus all of them. */
export function bySplit<Q extends { split: Split }>(outcomes: readonly Outcome<Q>[]): [string, Outcome<Q>[]][] {
  return [
    ['tune', outcomes.filter((o) => o.question.split === 'tune')],
    ['held-out', outcomes.filter((o) => o.question.split === 'held-out')],
    ['all', [...outcomes]],
  ];
}

export interface ArticleFigures {
  inScope: RankFigures;
  outOfScope: DeclineFigures;
  /** In-scope kinds → ranks; out-of-scope kinds → declines. */
  inScopeKinds: Record<string, RankFigures>;
  outOfScopeKinds: Record<string, DeclineFigures>;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

export function articleFigures(outcomes: readonly Outcome<ParagraphQuestion>[]): ArticleFigures {
  const inside = outcomes.filter((o) => inScope(o.question));
  const outside = outcomes.filter((o) => !inScope(o.question));
  const kinds = <F>(list: Outcome<ParagraphQuestion>[], f: (l: Outcome<ParagraphQuestion>[]) => F) =>
    Object.fromEntries([...groupBy(list, (o) => o.question.kind)].map(([k, l]) => [k, f(l)]));
  return {
    inScope: rankFigures(inside),
    outOfScope: declineFigures(outside),
    inScopeKinds: kinds(inside, rankFigures),
    outOfScopeKinds: kinds(outside, declineFigures),
  };
}
