import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Feedback } from '../../src/answer/index.ts';
import { articleFigures, evaluateParagraphs, type Outcome } from '../../src/eval/evaluate.ts';
import { helpfulVotes, simulateFeedback, type FeedbackReport } from '../../src/eval/feedback.ts';
import { readParagraphQuestions, SPLITS, type ParagraphQuestion } from '../../src/eval/sets.ts';
import { articleKb, PROJECT } from '../helpers/folders.ts';

/**
 * Floors on what learning from votes does to the article set (`npm run eval -- --set feedback`
 * prints it all): learning finds answers it missed without declining or misanswering more, and
 * withholding a voted-down answer never makes the bot answer what it should not.
 */
let report: FeedbackReport;
let before: Outcome<ParagraphQuestion>[];
let learned: Outcome<ParagraphQuestion>[];

beforeAll(async () => {
  const kb = await articleKb();
  const questions = await readParagraphQuestions(join(PROJECT, 'tests/eval/article.json'));
  report = simulateFeedback(kb, questions);
  before = evaluateParagraphs(kb, questions);
  learned = evaluateParagraphs(kb, questions, Feedback.from(kb, helpfulVotes(before)));
});

describe('learning from votes on the article set', () => {
  it('answers some tune question it missed, from the right paragraph, after the others were voted helpful', () => {
    expect(report.learned).toBeGreaterThan(50);
    const { before: b, after: a } = report.paraphrases.tune;
    expect(a.top1).toBeGreaterThan(b.top1);
    expect(a.declined).toBeLessThanOrEqual(b.declined);
  });

  it.each(SPLITS)('declines no more in-scope questions and no fewer out-of-scope ones after learning (%s)', (split) => {
    const of = (list: Outcome<ParagraphQuestion>[]) => articleFigures(list.filter((o) => o.question.split === split));
    expect(of(learned).inScope.declined).toBeLessThanOrEqual(of(before).inScope.declined);
    expect(of(learned).inScope.top1).toBeGreaterThanOrEqual(of(before).inScope.top1);
    expect(of(learned).outOfScope.declined).toBeGreaterThanOrEqual(of(before).outOfScope.declined);
  });

  it.each(SPLITS)('declines no fewer out-of-scope questions with every vote, up and down (%s)', (split) => {
    const { before: b, after: a } = report.collateral[split];
    expect(a.outOfScope.declined).toBeGreaterThanOrEqual(b.outOfScope.declined);
    expect(a.inScope.top1).toBeGreaterThanOrEqual(b.inScope.top1);
  });

  it('no longer offers any voted-down answer to the question voted on', () => {
    expect(report.down.blocked).toBeGreaterThan(0);
    expect(report.down.withdrawn - report.down.nearDuplicates).toBe(report.down.blocked);
  });

  it('lets no single person change an answer', () => {
    expect(report.steering).toMatchObject({ learned: 0, blocked: 0, changed: 0 });
    expect(report.steering.pairs).toBeGreaterThan(50);
  });
});
