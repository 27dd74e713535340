import { describe, expect, it } from 'vitest';
import { demonymBefore, madeThings, possessedNouns, prepositionObjects, qualifiedNouns, questionNouns, thingNouns } from '../../src/answer/question-nouns.ts';

describe('demonymBefore', () => {
  it('finds the people\'s word that begins the name of their country', () => {
    expect(demonymBefore('What did Chinese firms do for companies in Saudi Arabia?', 'Arabia')).toBe('Saudi');
    expect(demonymBefore('how did chinese companies help saudi arabia', 'arabia')).toBe('saudi');
  });

  it('finds none before a body of a people, nor before a place whose first word is no people\'s', () => {
    expect(demonymBefore('How did the Egyptian Army help?', 'Army')).toBeNull();
    expect(demonymBefore('What did the Chinese Academy say about AI?', 'Academy')).toBeNull();
    expect(demonymBefore('What did Chinese firms do in South Korea?', 'Korea')).toBeNull();
  });
});

describe('madeThings', () => {
  it('lists the things a task names with "a" or "an"', () => {
    expect(madeThings('how to prepare a talk for a scientific conference', ['talk', 'conference'])).toEqual(['talk', 'conference']);
    expect(madeThings('how do I write an essay on the plan', ['essay', 'plan'])).toEqual(['essay']);
  });

  it('lists none where the asker is not the one to do it, or the thing is definite', () => {
    expect(madeThings('how does the author make a point about hegemony', ['author', 'point', 'hegemony'])).toEqual([]);
    expect(madeThings('how do I cite the article', ['article'])).toEqual([]);
  });
});

describe('qualifiedNouns', () => {
  it('pairs each noun with the adjective or noun before it', () => {
    expect(qualifiedNouns('cheap flights to china in july')).toEqual([['cheap', 'flights']]);
    expect(qualifiedNouns('which countries are in asean')).toEqual([]);
  });
});

describe('prepositionObjects', () => {
  it('lists the nouns of the phrases after the question\'s prepositions, through a gerund', () => {
    expect(prepositionObjects('what new hazards come with cycling')).toEqual(['cycling']);
    expect(prepositionObjects('what is the path to becoming a doctor')).toEqual(['doctor']);
    expect(prepositionObjects('What is the population of Shanghai?')).toEqual(['shanghai']);
  });
  it('lists none where no preposition is, nor after "like", which only compares', () => {
    expect(prepositionObjects('what sectors does the 2024 action plan cover')).toEqual([]);
    expect(prepositionObjects('what is the weather like today')).toEqual([]);
  });
});

describe('questionNouns', () => {
  it('lists the question\'s nouns wherever they stand, pronouns aside', () => {
    expect(questionNouns('which countries won the most medals')).toEqual(['countries', 'medals']);
    expect(questionNouns('what did they say about it')).toEqual([]);
  });
});

describe('possessedNouns', () => {
  it('lists the nouns a possessive owns, not those a pronoun owns', () => {
    expect(possessedNouns("Is China's list of partnerships getting longer?")).toEqual(['list']);
    expect(possessedNouns("what is the author's view")).toEqual(['view']);
    expect(possessedNouns('what is its list of partners')).toEqual([]);
  });
});

describe('thingNouns', () => {
  it('leaves out the nouns that say when', () => {
    expect(thingNouns('what did the neighbours say about the noise on wednesday')).toEqual(['neighbours', 'noise']);
    expect(questionNouns('what did the neighbours say about the noise on wednesday')).toContain('wednesday');
  });
});
