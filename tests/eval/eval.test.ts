import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleFigures, evaluatePages, evaluateParagraphs, type ArticleFigures } from '../../src/eval/evaluate.ts';
import { IN_SCOPE_KINDS, OUT_OF_SCOPE_KINDS, readPageQuestions, readParagraphQuestions, type ParagraphQuestion } from '../../src/eval/sets.ts';
import { slugFromPath } from '../../src/knowledge/files.ts';
import { articleKb, PROJECT } from '../helpers/folders.ts';

/**
 * Floors on the article's question set (tests/eval/article.json, written from the article without
 * looking at the engine). Raising a figure is welcome; lowering one fails here. `npm run eval`
 * prints every figure, and `--misses tune` the misses of the part tuning may look at.
 */
const FLOORS = {
  /** Raised from the tune part's own figures; the held-out part's stay where they were last measured. */
  tune: { inScopeDeclined: 0.07, answeredTop1: 0.93, answeredTop3: 0.98, outOfScopeDeclined: 1 },
  'held-out': { inScopeDeclined: 0.06, answeredTop1: 0.95, answeredTop3: 0.97, outOfScopeDeclined: 0.92 },
};

let questions: ParagraphQuestion[];
const figures: Record<string, ArticleFigures> = {};

beforeAll(async () => {
  questions = await readParagraphQuestions(join(PROJECT, 'tests/eval/article.json'));
  const outcomes = evaluateParagraphs(await articleKb(), questions);
  for (const split of ['tune', 'held-out'] as const) figures[split] = articleFigures(outcomes.filter((o) => o.question.split === split));
});

describe('the article evaluation set', () => {
  it('has at least 100 in-scope and 60 out-of-scope questions, every kind in both parts', () => {
    expect(questions.filter((q) => q.expected.length > 0).length).toBeGreaterThanOrEqual(100);
    expect(questions.filter((q) => q.expected.length === 0).length).toBeGreaterThanOrEqual(60);
    for (const kind of [...IN_SCOPE_KINDS, ...OUT_OF_SCOPE_KINDS]) {
      for (const split of ['tune', 'held-out']) expect(questions.some((q) => q.kind === kind && q.split === split), `${kind} in ${split}`).toBe(true);
    }
  });

  it('labels out-of-scope kinds only on questions without an answer, and in-scope kinds only on answered ones', () => {
    for (const q of questions) {
      const outside = (OUT_OF_SCOPE_KINDS as readonly string[]).includes(q.kind);
      expect(q.expected.length === 0, q.question).toBe(outside);
    }
  });
});

/**
 * Floors on the development sets written while tuning the judge (all tune): `npm run eval -- --set dev`.
 * dev-chat.json, written for the fifth round, is harder than the others: with it the share of
 * out-of-scope questions declined is lower than on the first three alone. dev-blind.json, written
 * for the eighth round, joins them. dev-probes.json, foreign questions only, written for the ninth
 * round before the engine was run on it, has a floor of its own: it declines fewer than the rest.
 */
const DEV_FLOORS = { outOfScopeDeclined: 0.98, inScopeDeclined: 0.12, probesDeclined: 0.96 };
/**
 * dev-twelfth.json, written blind for the twelfth round: at what the round reached (its first
 * figures, before the round, were 92.7 % out of scope declined and 20 % in scope declined).
 */
const TWELFTH_FLOORS = { outOfScopeDeclined: 1, inScopeDeclined: 0.2 };

describe('the development sets', () => {
  it('decline their out-of-scope questions and answer their paraphrases no worse than when the judge was tuned', async () => {
    const kb = await articleKb();
    const sets = await Promise.all(['dev-out-of-scope.json', 'dev-more.json', 'dev-fresh.json', 'dev-chat.json', 'dev-blind.json'].map((f) => readParagraphQuestions(join(PROJECT, 'tests/eval', f))));
    const f = articleFigures(evaluateParagraphs(kb, sets.flat()));
    expect(f.outOfScope.declined / f.outOfScope.questions).toBeGreaterThanOrEqual(DEV_FLOORS.outOfScopeDeclined);
    expect(f.inScope.declined / f.inScope.questions).toBeLessThanOrEqual(DEV_FLOORS.inScopeDeclined);
    for (const set of sets.slice(1)) expect(set.every((q) => q.split === 'tune')).toBe(true);
  });

  it('decline the foreign probes no worse than when the judge was tuned', async () => {
    const probes = await readParagraphQuestions(join(PROJECT, 'tests/eval/dev-probes.json'));
    expect(probes.every((q) => q.split === 'tune' && q.expected.length === 0)).toBe(true);
    const f = articleFigures(evaluateParagraphs(await articleKb(), probes));
    expect(f.outOfScope.declined / f.outOfScope.questions).toBeGreaterThanOrEqual(DEV_FLOORS.probesDeclined);
  });
});

describe('the twelfth development set', () => {
  it('declines its out-of-scope questions and answers its in-scope ones no worse than the round left it', async () => {
    const set = await readParagraphQuestions(join(PROJECT, 'tests/eval/dev-twelfth.json'));
    expect(set.every((q) => q.split === 'tune')).toBe(true);
    const f = articleFigures(evaluateParagraphs(await articleKb(), set));
    expect(f.outOfScope.declined / f.outOfScope.questions).toBeGreaterThanOrEqual(TWELFTH_FLOORS.outOfScopeDeclined);
    expect(f.inScope.declined / f.inScope.questions).toBeLessThanOrEqual(TWELFTH_FLOORS.inScopeDeclined);
  });
});

describe('the team-scale evaluation set', () => {
  it('names pages by the document ids the loader gives them, so a found page can count', async () => {
    const pages = await readPageQuestions(join(PROJECT, 'tests/eval/large.json'));
    expect(pages.length).toBeGreaterThanOrEqual(150);
    for (const q of pages) for (const id of q.expected) expect(slugFromPath(`${id}.md`), q.question).toBe(id);
  });
});

describe.each(['tune', 'held-out'] as const)('evaluation floors on the article, %s part', (split) => {
  it('declines almost no in-scope question', () => {
    const f = figures[split]!.inScope;
    expect(f.declined / f.questions).toBeLessThanOrEqual(FLOORS[split].inScopeDeclined);
  });

  it('ranks the answering paragraph first, or in the top 3, among answered questions', () => {
    expect(figures[split]!.inScope.answeredTop1).toBeGreaterThanOrEqual(FLOORS[split].answeredTop1);
    expect(figures[split]!.inScope.answeredTop3).toBeGreaterThanOrEqual(FLOORS[split].answeredTop3);
  });

  it('declines out-of-scope questions', () => {
    const f = figures[split]!.outOfScope;
    expect(f.declined / f.questions).toBeGreaterThanOrEqual(FLOORS[split].outOfScopeDeclined);
  });
});

describe('evaluatePages', () => {
  it('ranks a question by the first expected page among those offered, and a decline as a miss', () => {
    const offered = ['git/git-blame', 'perl/5-36-0/pod/perlsub', 'nodejs/api/child-process'];
    const q = (expected: string[]) => ({ question: 'q', expected, package: 'x', wording: 'own' as const, split: 'tune' as const });
    const asked = [q(['perl/5-36-0/pod/perlsub']), q(['nodejs/api/child-process', 'git/git-blame']), q(['debian-reference/ch01-en'])];
    expect(evaluatePages(() => ({ answered: true, pages: offered }), asked).map((o) => o.rank)).toEqual([2, 1, null]);
    expect(evaluatePages(() => ({ answered: false, pages: offered }), asked).map((o) => o.rank)).toEqual([null, null, null]);
  });
});
