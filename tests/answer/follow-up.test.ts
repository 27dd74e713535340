import { describe, expect, it } from 'vitest';
import { askFollowUp, followUpCandidates, refersBack, topicOf } from '../../src/answer/index.ts';
import { fixtureKb } from '../helpers/discord/fixtures.ts';

describe('follow-up questions', () => {
  it('find what the earlier question was about', () => {
    expect(topicOf('When is the conference?')).toBe('the conference');
    expect(topicOf('When does the on-call rota change?')).toBe('the on-call rota');
    expect(topicOf('Where does the deploy key live?')).toBe('the deploy key');
  });

  it('tell a continuation from a question of its own', () => {
    expect(refersBack('and where is it held?')).toBe(true);
    expect(refersBack('who keeps it?')).toBe(true);
    expect(refersBack('How many days of holiday does a team member have?')).toBe(false);
  });

  it('put the earlier topic where the follow-up points back at it', () => {
    expect(followUpCandidates('When is the conference?', 'and where is it held?')[0]).toBe('where is the conference held?');
  });

  it('answer "who keeps it?" as a question about the rota asked before', async () => {
    const kb = await fixtureKb();
    const result = askFollowUp(kb, 'When does the on-call rota change?', 'and who keeps it?');
    expect(result.answered).toBe(true);
    expect(result.asked).toBe('who keeps the on-call rota?');
    expect(result.answer[0]?.text).toBe('The team lead keeps the rota in the shared calendar.');
  });

  it('answer a new question on its own, and keep small talk declined', async () => {
    const kb = await fixtureKb();
    const own = askFollowUp(kb, 'When does the on-call rota change?', 'How many days of holiday does a team member have?');
    expect(own.asked).toBe('How many days of holiday does a team member have?');
    expect(own.answer[0]?.text).toBe('Every team member has 28 days of holiday a year.');
    const thanks = askFollowUp(kb, 'When does the on-call rota change?', 'thanks!');
    expect(thanks.answered).toBe(false);
    expect(thanks.reason).toBe('request');
  });
});
