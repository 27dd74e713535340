import { describe, expect, it } from 'vitest';
import { asksForSource, asksForWording, citesSource, givesName, holdsAnswerType, namedOnlyAsPlace, namedOnlyAsSource, namedOnlyInCompound, quotesWords } from '../../src/answer/answer-kinds.ts';

describe('holdsAnswerType: how long', () => {
  it('takes a span of days or years for the span of time "how long" asks, and a single date for none', () => {
    const q = 'How long does the conference last?';
    expect(holdsAnswerType('It is held in Shanghai from July 26-28.', 'number', q)).toBe(true);
    expect(holdsAnswerType('It ran from 2019 to 2023.', 'number', q)).toBe(true);
    expect(holdsAnswerType('It lasts three days.', 'number', q)).toBe(true);
    expect(holdsAnswerType('It opens on July 26.', 'number', q)).toBe(false);
    expect(holdsAnswerType('It is held in Shanghai from July 26-28.', 'number', 'How big is the conference?')).toBe(false);
  });
});

describe('holdsAnswerType', () => {
  const q = 'When is it held?';
  it('finds a date in a month, a weekday or a year', () => {
    expect(holdsAnswerType('It is held in Shanghai from July 26-28.', 'date', q)).toBe(true);
    expect(holdsAnswerType('Washington on Wednesday unveiled it.', 'date', q)).toBe(true);
    expect(holdsAnswerType('It is held in Shanghai.', 'date', q)).toBe(false);
  });

  it('does not take a year or a day of the month for a quantity', () => {
    expect(holdsAnswerType('The 2025 conference runs July 26-28.', 'number', 'How many attended?')).toBe(false);
    expect(holdsAnswerType('Some 5,000 people attended.', 'number', 'How many attended?')).toBe(true);
    expect(holdsAnswerType('Three countries signed.', 'number', 'How many signed?')).toBe(true);
  });

  it('counts the days of a span of days, and the years of a span of years, only when asked to', () => {
    expect(holdsAnswerType('It is held in Shanghai from July 26-28.', 'number', 'How many days is the conference?')).toBe(true);
    expect(holdsAnswerType('It is held in Shanghai from July 26-28.', 'number', 'How many people attend the conference?')).toBe(false);
    expect(holdsAnswerType('It is held in Shanghai on July 26.', 'number', 'How many days is the conference?')).toBe(false);
    expect(holdsAnswerType('The programme ran from 2019 to 2023.', 'number', 'How many years did the programme run?')).toBe(true);
    expect(holdsAnswerType('The programme started in 2019.', 'number', 'How many years did the programme run?')).toBe(false);
  });

  it('wants a name the question does not give, and not one the material uses everywhere', () => {
    const question = 'Who unveiled the AI action plan?';
    expect(holdsAnswerType('Washington unveiled its AI action plan.', 'name', question)).toBe(true);
    expect(holdsAnswerType('the plan is about AI and more AI.', 'name', question)).toBe(false);
    expect(holdsAnswerType('It said AI matters to China.', 'name', question, (w) => w === 'AI' || w === 'China')).toBe(false);
  });

  it('takes a role or a body for an answer to "who" in a team\'s documents', () => {
    expect(holdsAnswerType('The support team approves refunds up to 200 euros.', 'name', 'Who approves refunds?')).toBe(true);
    expect(holdsAnswerType('Refunds are approved within two days.', 'name', 'Who approves refunds?')).toBe(false);
  });

  it('wants a place for "where is it held"', () => {
    expect(holdsAnswerType('The conference is held in Shanghai.', 'place', 'Where is the conference held?')).toBe(true);
    expect(holdsAnswerType('Institutions have been successively established.', 'place', 'Where is the center located?')).toBe(false);
  });
});

describe('givesName', () => {
  it('takes a place and its people or adjective for one name', () => {
    expect(givesName('Which films does France make?', 'French')).toBe(false);
    expect(givesName('Which films does Italy make?', 'Italian')).toBe(true);
    expect(givesName('Which ships does Norway build?', 'Norwegian')).toBe(false);
    expect(givesName('What does Egypt grow?', 'Egyptian')).toBe(true);
    expect(givesName('What does Japan export?', 'Japanese')).toBe(true);
    expect(givesName('Who leads the Canadian team?', 'Canada')).toBe(true);
    expect(givesName('Who leads the team?', 'Canada')).toBe(false);
    expect(givesName('What did Iran say?', 'Iraq')).toBe(false);
  });
});

describe('quotesWords and asksForWording', () => {
  it('finds two or more words in quotation marks, and not a quoted single word or none', () => {
    expect(quotesWords('It is centered around the theme of "Global Solidarity in the AI Era."')).toBe(true);
    expect(quotesWords('It is centered around the theme of “Global Solidarity”.')).toBe(true);
    expect(quotesWords('It is called "solidarity".')).toBe(false);
    expect(quotesWords('It is held in Shanghai from July 26-28.')).toBe(false);
  });

  it('knows the nouns that ask for a wording', () => {
    expect(asksForWording('slogan')).toBe(true);
    expect(asksForWording('Motto')).toBe(true);
    expect(asksForWording('theme')).toBe(false);
  });
});

describe('namedOnlyAsPlace', () => {
  const sentence = 'The 2025 World AI Conference is set to be held in Shanghai, centered around the theme of "Global Solidarity in the AI Era."';
  it('finds a phrase named only after a preposition of place', () => {
    expect(namedOnlyAsPlace(sentence, ['shanghai'])).toBe(true);
    expect(namedOnlyAsPlace('Talks opened in the Hague.', ['hague'])).toBe(true);
  });

  it('does not where the phrase is also what the sentence is about, or where the text never spells it out', () => {
    expect(namedOnlyAsPlace(sentence, ['world', 'ai', 'conference'])).toBe(false);
    expect(namedOnlyAsPlace('Shanghai chose "Better City, Better Life" and hosted it in Shanghai.', ['shanghai'])).toBe(false);
    expect(namedOnlyAsPlace(sentence, ['beijing'])).toBe(false);
  });
});

describe('citesSource and asksForSource', () => {
  it('finds a name cited as a source, and not "according to" a common noun', () => {
    expect(citesSource('…meant to cement the US as a global leader, according to CNN.')).toBe(true);
    expect(citesSource('…limit the spread of Chinese AI models, according to the South China Morning Post.')).toBe(true);
    expect(citesSource('Prices vary according to the season.')).toBe(false);
  });

  it('reads a source noun, or any body qualified as news, media or press, as asking for sources', () => {
    expect(asksForSource(['news', 'outlets'])).toBe(true);
    expect(asksForSource(['news', 'organisations'])).toBe(true);
    expect(asksForSource(['sources'])).toBe(true);
    expect(asksForSource(['organisations'])).toBe(false);
    expect(asksForSource(['chips'])).toBe(false);
  });
});

describe('namedOnlyAsSource', () => {
  it('finds a name that a text only cites, and not one it is also about', () => {
    expect(namedOnlyAsSource('Washington unveiled its plan, according to CNN.', ['cnn'])).toBe(true);
    expect(namedOnlyAsSource('CNN opened an office in Washington, according to the Post.', ['cnn'])).toBe(false);
    expect(namedOnlyAsSource('The plan was unveiled, according to the South China Morning Post.', ['morning', 'post'])).toBe(true);
    expect(namedOnlyAsSource('Nothing here names it.', ['cnn'])).toBe(false);
  });
});

describe('namedOnlyInCompound', () => {
  it('finds a word named only joined by a hyphen to another name', () => {
    expect(namedOnlyInCompound('the China-ASEAN AI Innovation Cooperation Center', ['asean'])).toBe(true);
    expect(namedOnlyInCompound('the China-ASEAN center, and ASEAN itself', ['asean'])).toBe(false);
    expect(namedOnlyInCompound('the China-ASEAN center', ['center'])).toBe(false);
    expect(namedOnlyInCompound('the China-ASEAN center', ['china', 'asean'])).toBe(false);
  });
});
