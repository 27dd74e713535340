import { describe, expect, it } from 'vitest';
import { describesMembers, leftUnnamed, listsExamples, listsNames, namesMembers } from '../../src/answer/members.ts';

describe('namesMembers', () => {
  const none = () => false;
  it('sees which members a sentence names: a name beside the plural, a list, or the plural inside a name', () => {
    const countries = new Set(['countri']);
    expect(namesMembers('China has carried out cooperation with countries like Vietnam and Laos.', countries, 'Which countries?', none, 3)).toBe(true);
    expect(namesMembers('It brings global challenges such as ethical norms.', new Set(['challeng']), 'Which challenges?', none, 3)).toBe(true);
    expect(namesMembers('The China-ASEAN AI Innovation Cooperation Center was established.', new Set(['center']), 'Which centers?', none, 3)).toBe(true);
    expect(namesMembers('Nothing here is about that.', countries, 'Which countries?', none, 3)).toBe(true);
    // A list may open after a comma, in the same clause; not across a full stop.
    expect(namesMembers('It named key sectors for growth, including farming and mining.', new Set(['sector']), 'Which sectors?', none, 3)).toBe(true);
    expect(namesMembers('It named key sectors for growth. Including them took years.', new Set(['sector']), 'Which sectors?', none, 3)).toBe(false);
  });

  it('does not count a name the question gives, or one across a comma', () => {
    const enterprises = new Set(['enterpris']);
    expect(namesMembers('and helped Saudi enterprises improve operational efficiency.', enterprises, 'Which Saudi enterprises did they help?', none, 3)).toBe(false);
    expect(namesMembers('assisted them in building smart cities, and helped Saudi enterprises', new Set(['citi']), 'Which smart cities?', none, 3)).toBe(false);
  });

  it('does not take the people of a place the question names for a member named', () => {
    const models = new Set(['model']);
    expect(namesMembers('Rules limit the spread of Japanese robot models now.', models, 'Which robot models does Japan sell?', none, 3)).toBe(false);
    expect(namesMembers('Rules limit the spread of Japanese robot models now.', models, 'Which robot models are limited?', none, 3)).toBe(true);
  });

  it('takes the question\'s qualifiers before another plural for a mention of it in other words', () => {
    const question = 'Which German banks lent to the project?';
    const german = [new Set(['german'])];
    // "German lenders" mentions the banks without naming one; the own word is not in the sentence at all.
    expect(namesMembers('Several German lenders financed the bridge.', new Set(['bank']), question, none, 3, german)).toBe(false);
    expect(namesMembers('Several German lenders financed the bridge.', new Set(['bank']), question, none, 3)).toBe(true);
    expect(namesMembers('German lenders such as Deutsche Bank financed it.', new Set(['bank']), question, none, 3, german)).toBe(true);
    // Every qualifier, in order: "French AI equipment" is no echo of "German AI banks".
    expect(namesMembers('It sold French AI equipment.', new Set(['bank']), 'Which German AI banks?', none, 3, [new Set(['german']), new Set(['ai'])])).toBe(true);
  });
});

describe('listsNames', () => {
  const none = () => false;
  it('sees two names joined as one list, after "and", "or" or a comma', () => {
    expect(listsNames('China has carried out cooperation with countries like Vietnam and Laos.', 'Which nations?', none)).toBe(true);
    expect(listsNames('It was reported by outlets such as CNN, Reuters and others.', 'Which outlets?', none)).toBe(true);
    expect(listsNames('Centers such as the China-BRICS Center and the China-ASEAN Center opened.', 'Which hubs?', none)).toBe(true);
  });

  it('does not count one name, names in separate clauses, a name the question gives, or a word opening a sentence', () => {
    expect(listsNames('Washington on Wednesday unveiled its plan, according to CNN.', 'Which outlets?', none)).toBe(false);
    expect(listsNames('It met in Shanghai. Later it met in Cairo.', 'Which cities?', none)).toBe(false);
    expect(listsNames('It worked with Vietnam and Laos.', 'Which nations besides Vietnam?', none)).toBe(false);
    expect(listsNames('Yesterday. And Laos joined.', 'Which nations?', none)).toBe(false);
  });

  it('does not count an everyday word of the material written with a capital', () => {
    const common = (w: string) => w === 'Global';
    expect(listsNames('It cared for Global and Local matters.', 'Which matters?', common)).toBe(false);
  });
});

describe('describesMembers', () => {
  const sentence = 'While the technology creates enormous development opportunities, it also brings global challenges.';
  const opportunities = new Set(['opportun']);

  it('takes a qualifier the question does not give for what kind of N a "what N" question asks', () => {
    expect(describesMembers(sentence, opportunities, 'what opportunities does ai create')).toBe(true);
  });

  it('does not answer "which N", a qualifier the question gives, or a verb before N', () => {
    expect(describesMembers(sentence, opportunities, 'which opportunities does ai create')).toBe(false);
    expect(describesMembers(sentence, opportunities, 'what development opportunities does ai create')).toBe(false);
    expect(describesMembers('It is essential to dismantle barriers.', new Set(['barrier']), 'what barriers need to come down')).toBe(false);
  });
});

describe('listsExamples', () => {
  it('finds a list of two examples or more after an opener, within one clause', () => {
    expect(listsExamples('key areas for collaboration, including infrastructure development, industrial empowerment, and talent training')).toBe(true);
    expect(listsExamples('global challenges such as ethical norms and the digital divide')).toBe(true);
    expect(listsExamples('countries like Vietnam. And then more')).toBe(false);
    expect(listsExamples('no list here, and nothing else')).toBe(false);
  });
});

describe('namesMembers: members left unnamed on purpose', () => {
  const none = () => false;
  const countries = new Set(['countri']);
  const sentence = 'While some countries remain ensnared in the myth of technological hegemony, China is open.';

  it('takes "some N", "a few N", "certain N" for all the sentence says of which, when allowed', () => {
    expect(namesMembers(sentence, countries, 'Which countries are stuck in the myth?', none, 3)).toBe(false);
    expect(namesMembers(sentence, countries, 'Which countries are stuck in the myth?', none, 3, [], true)).toBe(true);
    expect(namesMembers('It is a tool for a few rich countries to keep power.', countries, 'Which countries?', none, 3, [], true)).toBe(true);
  });

  it('does not take a plain or definite plural for one left unnamed', () => {
    expect(namesMembers('The countries remain ensnared in the myth.', countries, 'Which countries?', none, 3, [], true)).toBe(false);
    expect(namesMembers('Some say the countries remain ensnared.', countries, 'Which countries?', none, 3, [], true)).toBe(false);
  });
});

describe('leftUnnamed', () => {
  const ws = (text: string) => text.split(' ').map((t) => ({ text: t }));
  it('looks back over qualifiers to a quantifier, not past a name or an article', () => {
    expect(leftUnnamed(ws('some rich countries'), 2)).toBe(true);
    expect(leftUnnamed(ws('some Asian countries'), 2)).toBe(false);
    expect(leftUnnamed(ws('some of the countries'), 3)).toBe(false);
  });
});
