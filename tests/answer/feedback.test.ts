import { describe, expect, expectTypeOf, it } from 'vitest';
import { ask, Feedback, verdictOf, type AnswerVotes } from '../../src/answer/index.ts';
import type { VotedAnswer } from '../../src/store/types.ts';
import { articleKb } from '../helpers/folders.ts';

const P8 = 'china-ai-governance#p8';
const P9 = 'china-ai-governance#p9';

/** `people` distinct voters, `admins` of them server admins. */
function helpful(question: string, chunkId: string, people: number, admins = 0): AnswerVotes {
  return { question, chunkId, helpful: people, unhelpful: 0, adminHelpful: admins, adminUnhelpful: 0 };
}

function unhelpful(question: string, chunkId: string, people: number, admins = 0): AnswerVotes {
  return { question, chunkId, helpful: 0, unhelpful: people, adminHelpful: 0, adminUnhelpful: admins };
}

const first = (r: ReturnType<typeof ask>) => (r.answered ? r.passages[0]?.chunk.id : null);

// Declined today: the article says "innovation centres" and "BRICS", not "hubs" or "blocs".
const PARAPHRASE = 'What regional AI hubs has China set up with blocs of nations?';
const VOTED = 'Which regional AI hubs has China set up?';

describe('learning from votes', () => {
  it('takes the store’s VotedAnswer as it is', () => {
    expectTypeOf<VotedAnswer>().toExtend<AnswerVotes>();
  });

  it('answers a paraphrase declined today from the paragraph three people voted a differently worded question helpful on', async () => {
    const kb = await articleKb();
    expect(ask(kb, PARAPHRASE).answered).toBe(false);
    const feedback = Feedback.from(kb, [helpful(VOTED, P8, 3)]);
    expect(feedback.learned).toBe(1);
    const result = ask(kb, PARAPHRASE, { feedback });
    expect(first(result)).toBe(P8);
    expect(result.passages[0]?.learnedFrom).toBe(VOTED);
    // Still quoted verbatim from the paragraph.
    for (const excerpt of result.answer) expect(kb.chunks.get(excerpt.chunkId)?.text).toContain(excerpt.text);
  });

  it('moves a question answered from the wrong paragraph today to the voted one', async () => {
    const kb = await articleKb();
    const question = 'regional AI hubs China set up with blocs';
    expect(first(ask(kb, question))).not.toBe(P8);
    expect(first(ask(kb, question, { feedback: Feedback.from(kb, [helpful(VOTED, P8, 3)]) }))).toBe(P8);
  });

  it('learns nothing from one person, or two, however they vote', async () => {
    const kb = await articleKb();
    for (const people of [1, 2]) {
      const feedback = Feedback.from(kb, [helpful(VOTED, P8, people)]);
      expect(feedback.learned).toBe(0);
      expect(ask(kb, PARAPHRASE, { feedback }).answered).toBe(false);
    }
  });

  it('learns from one admin’s vote, unless an admin voted it down', async () => {
    const kb = await articleKb();
    expect(first(ask(kb, PARAPHRASE, { feedback: Feedback.from(kb, [helpful(VOTED, P8, 1, 1)]) }))).toBe(P8);
    const disputed = { ...helpful(VOTED, P8, 4, 1), unhelpful: 1, adminUnhelpful: 1 };
    expect(verdictOf(disputed)).toBe('blocked');
    expect(Feedback.from(kb, [disputed]).learned).toBe(0);
  });

  it('needs more helpful than unhelpful voters', () => {
    expect(verdictOf({ ...helpful(VOTED, P8, 3), unhelpful: 3 })).toBe(null);
    expect(verdictOf({ ...helpful(VOTED, P8, 4), unhelpful: 3 })).toBe('learned');
    expect(verdictOf(unhelpful(VOTED, P8, 1))).toBe(null);
    expect(verdictOf(unhelpful(VOTED, P8, 2))).toBe('blocked');
  });

  it('still declines unrelated questions, and questions about other names, after learning', async () => {
    const kb = await articleKb();
    const feedback = Feedback.from(kb, [helpful(VOTED, P8, 3), helpful('Which news outlets reported on the US plan?', P9, 3)]);
    for (const question of ['How do I bake sourdough bread?', 'What is the population of Shanghai?', 'What regional hubs has Japan set up?', 'Which regional AI hubs has Nvidia set up?']) {
      expect(ask(kb, question, { feedback }).answered, question).toBe(false);
    }
    // "UK" is not "US": the learned question does not vouch for it.
    expect(first(ask(kb, 'Which news outlets reported on the UK plan?', { feedback }))).not.toBe(P9);
  });

  it('ignores votes on a paragraph that no longer exists', async () => {
    const kb = await articleKb();
    const feedback = Feedback.from(kb, [helpful(VOTED, 'china-ai-governance#p99', 5, 1), unhelpful(VOTED, 'gone#p1', 5, 1)]);
    expect(feedback.learned).toBe(0);
    expect(feedback.blocked).toBe(0);
    expect(ask(kb, PARAPHRASE, { feedback })).toEqual(ask(kb, PARAPHRASE));
  });

  it('changes nothing without votes', async () => {
    const kb = await articleKb();
    const feedback = Feedback.from(kb, []);
    for (const question of [PARAPHRASE, 'When is the World AI Conference held?', 'What did the US unveil?', 'How do I bake sourdough bread?']) {
      expect(ask(kb, question, { feedback })).toEqual(ask(kb, question));
    }
  });
});

describe('withholding a voted-down answer', () => {
  // Answered today from ¶8, whose smart cities are the UAE's, not Egypt's: a trap.
  const TRAP = 'What smart city projects are planned in Egypt?';

  it('stops offering the paragraph for that question and its near-duplicates, but not for other questions', async () => {
    const kb = await articleKb();
    expect(first(ask(kb, TRAP))).toBe(P8);
    const feedback = Feedback.from(kb, [unhelpful(TRAP, P8, 2)]);
    expect(feedback.blocked).toBe(1);
    for (const question of [TRAP, 'what smart city projects are planned in egypt', 'What smart city projects are planned in Egypt??']) {
      const result = ask(kb, question, { feedback });
      expect(result.passages.map((p) => p.chunk.id), question).not.toContain(P8);
      expect(first(result), question).not.toBe(P8);
    }
    for (const question of ['Digital Egypt Builders', 'What is the Digital Egypt Builders program?', 'Which countries has China carried out technological research and innovation cooperation with?']) {
      expect(first(ask(kb, question, { feedback })), question).toBe(P8);
    }
  });

  it('needs two people, or one admin', async () => {
    const kb = await articleKb();
    expect(first(ask(kb, TRAP, { feedback: Feedback.from(kb, [unhelpful(TRAP, P8, 1)]) }))).toBe(P8);
    expect(first(ask(kb, TRAP, { feedback: Feedback.from(kb, [unhelpful(TRAP, P8, 1, 1)]) }))).not.toBe(P8);
  });
});
