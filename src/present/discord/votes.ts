import type { VoteOutcome } from '../../store/index.ts';
import { notice } from './notices.ts';
import type { Presented } from './types.ts';

/** What a vote came to, as the voter is told it privately; 'failed' when the log could not confirm it. */
export type VoteReport = VoteOutcome | 'failed';

const NAME = { up: 'helpful', down: 'not helpful' } as const;

/** The private acknowledgement of a 👍 or 👎: the public answer is never edited for a vote. */
export function voteNotice(report: VoteReport, direction: 'up' | 'down'): Presented {
  const name = NAME[direction];
  switch (report) {
    case 'recorded':
      return notice(
        direction === 'up'
          ? 'Thanks — counted as helpful. When several people find an answer helpful, Footnote answers the same question asked in other words from the same paragraph. You can change your vote any time.'
          : 'Thanks — counted as not helpful. The team sees such answers in /questions; once enough people agree, Footnote stops offering this paragraph for this question. You can change your vote any time.',
      );
    case 'changed':
      return notice(`Your vote on this answer is now: ${name}.`);
    case 'unchanged':
      return notice(`You had already voted this answer ${name}; nothing changed.`);
    case 'unknown-answer':
      return notice('This answer is no longer in the question log (it was removed or has expired), so the vote was not counted.');
    case 'failed':
      return notice('Footnote could not record your vote just now. If it does not count, vote again in a minute.');
  }
}

/** A vote on an answer older than the log keeps. */
export function voteTooOldNotice(days: number): Presented {
  return notice(`This answer is older than the ${days} days the question log keeps, so votes on it are no longer counted. Ask again for a fresh answer to vote on.`);
}

/** A vote while the question log is switched off. */
export function votesOffNotice(): Presented {
  return notice('Votes are not recorded here: whoever runs Footnote has switched the question log off.');
}
