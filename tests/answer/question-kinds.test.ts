import { describe, expect, it } from 'vitest';
import { expectedAnswer, isRequest, withoutAskingToExplain } from '../../src/answer/question-kinds.ts';
import { readQuestion } from '../../src/answer/question.ts';

describe('isRequest', () => {
  it.each([
    'write a poem about AI',
    'Can you help me write a cover letter?',
    'please translate this into French',
    'tell me a joke',
    'Hi there!',
    'good morning everyone',
    "what's your favourite colour?",
    'recommend a good book',
  ])('takes %j for a request or small talk', (q) => expect(isRequest(q)).toBe(true));

  it.each([
    'generate an unguessable token for a password-reset link',
    'write my own command-line task for the project',
    'how do I send an email from a Django view?',
    'tell me about the Global AI Governance Initiative',
    'Which team won the Champions League?',
    'summarise the article',
  ])('leaves %j to the material: documents answer such things', (q) => expect(isRequest(q)).toBe(false));
});

describe('expectedAnswer', () => {
  it.each([
    ['When is the conference held?', 'date'],
    ['so when did china drop the plan?', 'date'],
    ['In what year was it unveiled?', 'date'],
    ['How many countries signed up?', 'number'],
    ['What is the population of Shanghai?', 'number'],
    ['What did the government pay for it?', 'number'],
    ['what does a data analyst earn', 'number'],
    ['what are the fees for the conference', 'number'],
    ['Who unveiled the plan?', 'name'],
    ['Where is the summit taking place?', 'place'],
    ['Where will the conference be held?', 'place'],
    ['Where will the assembly be staged?', 'place'],
    ['where do I read the log messages of one service?', 'any'],
    ['UnboundLocalError when I assign to a variable', 'any'],
    ['how long has each query been running?', 'any'],
    ['how long does film development take at a photo lab', 'number'],
    ['How long will the conference last?', 'number'],
    ['how long ago was the plan unveiled', 'date'],
    ['How big is the harbour stadium?', 'number'],
    ['how far is the venue from the airport', 'number'],
    ['how rich is saudi arabia', 'number'],
    ['How populous is Egypt?', 'number'],
    ['What does the article say about export controls?', 'any'],
  ] as const)('%j needs %s', (q, type) => expect(expectedAnswer(q)).toBe(type));

  it('asks "where in X" for a place only where X is a place', () => {
    expect(expectedAnswer('where in Lyon is the museum?')).toBe('place');
    expect(expectedAnswer('where in the config file is the port set?')).toBe('any');
  });
});

describe('readQuestion: acting on a text', () => {
  it.each(["explain this like i'm five", 'simplify it please', 'make it shorter', 'fix this'])('reads %j as a request: a verb on "this" or "it", naming nothing', (q) => {
    expect(readQuestion(q).request).toBe(true);
  });

  it.each(['explain this error: permission denied', 'does this plan work', 'is it true that china shares tech'])('leaves %j to the material: it names what it asks about, or asks whether', (q) => {
    expect(readQuestion(q).request).toBe(false);
  });
});

describe('withoutAskingToExplain', () => {
  it.each([
    ['can you explain the rules of cricket', 'what is the rules of cricket'],
    ['tell me about the capacity building plan', 'what is the capacity building plan'],
    ['could you please describe how a jet engine works', 'how does a jet engine works'],
    ['can you explain how a credit score is calculated', 'how does a credit score is calculated'],
    ['can you explain what the plan proposes', 'what the plan proposes'],
    ['explain how do vaccines work', 'how do vaccines work'],
  ])('reads %j as %j', (question, asked) => {
    expect(withoutAskingToExplain(question)).toBe(asked);
  });

  it('leaves other questions as they are', () => {
    expect(withoutAskingToExplain('what is the theme of the conference')).toBe('what is the theme of the conference');
    expect(withoutAskingToExplain('does it explain the plan')).toBe('does it explain the plan');
  });

  it('gives "can you explain X" the focus of "what is X"', () => {
    expect(readQuestion('can you explain the rules of cricket').focus).toEqual(readQuestion('what are the rules of cricket').focus);
    expect(readQuestion('can you explain the rules of cricket').focus.flat()).toContain('cricket');
  });
});
