import { describe, expect, it } from 'vitest';
import { ask, search } from '../../src/answer/index.ts';
import { articleKb } from '../helpers/folders.ts';

describe('ask on the article', () => {
  it.each([
    ['When is the World AI Conference held?', 'china-ai-governance#p2', /July 26-28/],
    ['shanghia conferance', 'china-ai-governance#p2', /Shanghai/],
    ['What did the US unveil?', 'china-ai-governance#p9', /action plan/],
    ['Who drew the illustration?', 'china-ai-governance#credit', /Chen Xia/],
    ['Digital Egypt Builders', 'china-ai-governance#p8', /Egypt/],
  ])('%s → %s', async (question, id, sentence) => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(true);
    expect(result.passages[0]?.chunk.id).toBe(id);
    expect(result.answer.map((a) => a.text).join(' ')).toMatch(sentence);
  });

  it('finds the credit by what it is when the question has other words too', async () => {
    const result = ask(await articleKb(), 'Who drew the picture that accompanies the article?');
    expect(result.answered).toBe(true);
    expect(result.passages[0]?.chunk.id).toBe('china-ai-governance#credit');
  });

  it('quotes whole sentences verbatim from the paragraph it cites, and marks the query words', async () => {
    const kb = await articleKb();
    const result = ask(kb, 'Which countries did China cooperate with on research?');
    expect(result.answer.length).toBeGreaterThan(0);
    for (const excerpt of result.answer) {
      const chunk = kb.chunks.get(excerpt.chunkId);
      expect(chunk?.text).toContain(excerpt.text);
      expect(excerpt.citation).toBe(chunk?.citation);
      expect(excerpt.text).toMatch(/[.!?"]$/);
      for (const [start, end] of excerpt.marks) expect(excerpt.text.slice(start, end)).toMatch(/^[\p{L}\p{N}]+/u);
    }
    const marked = result.answer.flatMap((e) => e.marks.map(([s, t]) => e.text.slice(s, t).toLowerCase()));
    expect(marked).toEqual(expect.arrayContaining(['countries']));
  });

  it.each([
    'How do I bake sourdough bread?',
    'What are the symptoms of type 2 diabetes?',
    'What is the stock price of Nvidia?',
  ])('declines %j and offers the closest topics instead', async (question) => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(false);
    expect(result.answer).toEqual([]);
    expect(result.refusal).toMatch(/does not answer/);
    expect(result.suggestions.length).toBeGreaterThan(0);
    const topics = (await articleKb()).topics.map((t) => t.name);
    for (const s of result.suggestions) expect(topics).toContain(s);
  });

  it.each([
    ['Write a poem about AI', 'request'],
    ['What did Japan say about the conference?', 'unknown-name'],
    ['What is the population of Shanghai?', 'focus'],
    ['When did Vietnam join?', 'answer-type'],
  ] as const)('names the judge check that declined %j (%s), for whoever tunes it', async (question, check) => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(false);
    expect(result.check).toBe(check);
  });

  it('names no judge check on an answer, nor on a question with no words to judge', async () => {
    expect(ask(await articleKb(), 'When is the World AI Conference held?').check).toBeUndefined();
    expect(ask(await articleKb(), 'the of and').check).toBeUndefined();
  });

  it.each(['', '   ', '?!…', 'the of and'])('declines the unusable question %j with a reason', async (question) => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(false);
    expect(result.refusal).toBeTruthy();
  });

  it('handles a 6,000-character question without stalling', async () => {
    const result = ask(await articleKb(), `hegemony ${'lorem ipsum dolor '.repeat(400)}`);
    expect(result.passages.length).toBeGreaterThan(0);
  });
});

describe('search', () => {
  it('pages through ranked hits', async () => {
    const kb = await articleKb();
    const all = search(kb, 'AI governance cooperation', { limit: 50 });
    const page2 = search(kb, 'AI governance cooperation', { limit: 3, offset: 3 });
    expect(all.total).toBeGreaterThan(6);
    expect(page2.hits.map((h) => h.chunk.id)).toEqual(all.hits.slice(3, 6).map((h) => h.chunk.id));
    const scores = all.hits.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('restricts to one document', async () => {
    const kb = await articleKb();
    expect(search(kb, 'AI', { document: 'no-such-doc' }).total).toBe(0);
    expect(search(kb, 'AI', { document: 'china-ai-governance' }).total).toBeGreaterThan(0);
  });
});

describe('ask judges the runner-ups when the best paragraph lacks the kind of answer asked for', () => {
  // The Shanghai paragraph ranks second to one on other events, which gives no number of days.
  const question = 'How many days does the Shanghai event last?';

  it('answers from a runner-up the judge accepts, and returns it first', async () => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(true);
    expect(result.passages[0]?.chunk.id).toBe('china-ai-governance#p2');
    expect(result.answer.every((a) => a.chunkId === 'china-ai-governance#p2')).toBe(true);
    expect(result.answer.map((a) => a.text).join(' ')).toMatch(/July 26-28/);
  });

  it('still declines by the first paragraph\'s check when no runner-up passes', async () => {
    const result = ask(await articleKb(), 'How many people attended the conference?');
    expect(result.answered).toBe(false);
    expect(result.check).toBe('answer-type');
    expect(result.passages[0]?.chunk.id).toBe('china-ai-governance#p2');
  });

  it('judges the best paragraph alone with runnerUps: 0', async () => {
    const kb = await articleKb();
    const result = ask(kb, question, { runnerUps: 0 });
    expect(result.answered).toBe(false);
    expect(result.check).toBe('answer-type');
    expect(result.passages.map((p) => p.chunk.id)).toEqual(['china-ai-governance#p11', 'china-ai-governance#p2', 'china-ai-governance#p8']);
  });

  it('judges no runner-up when a check about the question declines it', async () => {
    const result = ask(await articleKb(), 'What did China propose in 2019?', { runnerUps: 3 });
    expect(result.answered).toBe(false);
    expect(result.check).toBe('unknown-name');
  });
});
