import { describe, expect, it } from 'vitest';
import type { Outcome } from '../../src/eval/evaluate.ts';
import { downVoteTargets } from '../../src/eval/feedback.ts';
import type { ParagraphQuestion, Split } from '../../src/eval/sets.ts';

const question = (text: string, split: Split = 'tune'): ParagraphQuestion => ({ question: text, expected: [3], kind: 'paraphrase', split });
const outcome = (q: ParagraphQuestion, top: string[], rank: number | null): Outcome<ParagraphQuestion> => ({ question: q, answered: true, rank, top });

function targetsOf(outcomes: Outcome<ParagraphQuestion>[]): [string, string][] {
  const targets = downVoteTargets(outcomes.map((o) => o.question), outcomes, new Map(outcomes.map((o) => [o.question, o])));
  return [...targets].map(([q, chunk]) => [q.question, chunk]);
}

describe('downVoteTargets', () => {
  it('re-asks a wrongly answered tune question with the paragraph voted down, and leaves right answers alone', () => {
    const wrong = outcome(question('When is the conference?'), ['doc#p7'], null);
    const right = outcome(question('password reset'), ['doc#p3'], 1);
    expect(targetsOf([wrong, right])).toEqual([['When is the conference?', 'doc#p7']]);
  });

  it('reaches the near-duplicates that got the same paragraph first, not those that got another', () => {
    const voted = outcome(question('How do I reset my password'), ['doc#p9'], null);
    const same = outcome(question('how can i reset my password?'), ['doc#p9'], null);
    const other = outcome(question('password reset'), ['doc#p3'], 1);
    expect(targetsOf([voted, same, other])).toEqual([
      ['How do I reset my password', 'doc#p9'],
      ['how can i reset my password?', 'doc#p9'],
    ]);
  });

  it('votes on no held-out answer', () => {
    expect(targetsOf([outcome(question('When is the conference?', 'held-out'), ['doc#p7'], null)])).toEqual([]);
  });
});
