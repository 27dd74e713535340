import { describe, expect, it } from 'vitest';
import { questionReport, wordingKey } from '../../src/questions/report.ts';
import type { QuestionRow } from '../../src/store/types.ts';

let next = 0;
function row(question: string, askedAt: number, fields: Partial<QuestionRow> = {}): QuestionRow {
  const answered = fields.answered ?? false;
  return { id: `q${next++}`, askedAt, guildId: 'g', channelId: 'c', question, answered, reason: answered ? null : 'not-covered', citations: [], helpful: 0, unhelpful: 0, ...fields };
}

const ROWS: QuestionRow[] = [
  row('population of Shanghai?', 1000),
  row('how many people live in Shanghai', 2000),
  row('How many people live in Shanghai?', 3000),
  row('Population of Beijing', 1500),
  row('How do I reset my password', 500, { answered: true, citations: ['faq#p3'], unhelpful: 2 }),
  row('how can i reset my password?', 700, { answered: true, citations: ['faq#p3', 'faq#p4'], helpful: 1 }),
  row('password reset', 900, { answered: true, citations: ['faq#p4'] }),
  row('password reset', 950, { answered: true, citations: ['faq#p4'] }),
  row('When is the conference?', 4000, { answered: true, citations: ['article#p2'], helpful: 3 }),
];

describe('questionReport', () => {
  it('groups declined questions by meaning, with counts and the most frequent wording first', () => {
    const report = questionReport(ROWS, { filter: 'declined' });
    expect(report).toEqual([
      {
        question: 'How many people live in Shanghai?',
        variants: ['population of Shanghai?'],
        count: 3,
        answered: 0,
        declined: 3,
        helpful: 0,
        unhelpful: 0,
        citations: [],
        lastAsked: 3000,
      },
      { question: 'Population of Beijing', variants: [], count: 1, answered: 0, declined: 1, helpful: 0, unhelpful: 0, citations: [], lastAsked: 1500 },
    ]);
  });

  it('lists down-voted answers with what they cited, most cited first', () => {
    const [group, ...rest] = questionReport(ROWS, { filter: 'unhelpful' });
    expect(rest).toEqual([]);
    expect(group).toMatchObject({ question: 'password reset', count: 4, answered: 4, declined: 0, helpful: 1, unhelpful: 2, citations: ['faq#p4', 'faq#p3'], lastAsked: 950 });
    expect(group?.variants).toEqual(['how can i reset my password?', 'How do I reset my password']);
  });

  it('lists every group in to-do order: declined and down-voted first, then most asked, then most recent', () => {
    const report = questionReport(ROWS, { filter: 'all' });
    expect(report.map((g) => g.question)).toEqual(['How many people live in Shanghai?', 'password reset', 'Population of Beijing', 'When is the conference?']);
    expect(questionReport(ROWS, { filter: 'all', limit: 2 }).map((g) => g.question)).toEqual(['How many people live in Shanghai?', 'password reset']);
  });

  it('breaks a tie between wordings by the most recent, and compares wordings case- and punctuation-blind', () => {
    const rows = [row('Reset password', 10), row('password reset?', 20)];
    expect(questionReport(rows, { filter: 'all' })[0]).toMatchObject({ question: 'password reset?', variants: ['Reset password'], count: 2 });
    expect(wordingKey('  How do I   reset my password?! ')).toBe(wordingKey('how do i reset my password'));
  });

  it('keeps different names apart and gives the same report for the same rows', () => {
    const report = questionReport(ROWS, { filter: 'declined' });
    expect(report.find((g) => g.question === 'Population of Beijing')?.count).toBe(1);
    expect(questionReport(ROWS, { filter: 'declined' })).toEqual(report);
  });

  it('returns nothing for no rows', () => {
    expect(questionReport([], { filter: 'all' })).toEqual([]);
  });
});
