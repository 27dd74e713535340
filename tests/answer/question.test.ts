import { describe, expect, it } from 'vitest';
import { focusOf, readQuestion } from '../../src/answer/question.ts';

describe('focusOf', () => {
  it.each([
    ['What is the population of Shanghai?', [['population'], ['shanghai']]],
    ['Which team won the Champions League?', [['team']]],
    ['Which countries did Chinese firms help?', [['countries']]],
    ['Who will speak at the conference?', [['speak']]],
    ['Who founded the Global Times?', [['founded'], ['global', 'times']]],
    ['Who is the president of Egypt?', [['president'], ['egypt']]],
    ['When was the first World AI Conference held?', [['first', 'world', 'ai', 'conference']]],
    ["What's the official theme of the conference?", [['official', 'theme'], ['conference']]],
    ['What is the rule for offside in football?', [['rule'], ['offside']]],
    ['What is the difference between a virus and bacteria?', [['difference'], ['virus']]],
  ])('finds what %j asks about', (q, focus) => expect(focusOf(q).focus).toEqual(focus));

  it.each([
    ['What does a supply chain manager do?', [['supply', 'chain', 'manager']]],
    ['What language is spoken in Laos?', [['language']]],
    ['What is the weather like in Shanghai in July?', [['weather']]],
  ])('finds the subject of "what does X do" and a "what" the tagger misreads in %j', (q, focus) => expect(focusOf(q).focus).toEqual(focus));

  it.each([
    ['How do I train a large language model?', ['language', 'model']],
    ['How does a blockchain reach consensus?', ['blockchain', 'consensus']],
    ['How is the logic of AI development changing?', ['logic', 'ai', 'development']],
    ['Explain quantum physics like I am five', ['quantum', 'physics']],
    ['Does the author believe technology is a weapon?', []],
    ['What is the best way to learn a new language?', ['language']],
    ['What is a good diet plan for runners?', ['diet', 'plan', 'runners']],
    ['What are the easiest recipes for students?', ['recipes', 'students']],
  ])('lists the things a how-question or a task names in %j, not as its focus', (q, things) => {
    expect(focusOf(q).things).toEqual(things);
    expect(focusOf(q).focus).toEqual([]);
  });

  it.each([
    ['how to set up a global npm package without sudo', ['npm', 'package', 'sudo']],
    ['best hiking trails near the coast', ['hiking', 'trails', 'coast']],
    ['is it worth renting a car in Lisbon', ['car', 'lisbon']],
    ['should I repaint the kitchen cabinets?', ['kitchen', 'cabinets']],
  ])('reads %j as a task: "how to…" is "how do I…" without its subject; a query opening on advice, or asking whether to do something, asks for advice', (q, things) => {
    expect(focusOf(q)).toMatchObject({ focus: [], things });
  });

  it.each([
    ['How big is the harbour stadium?', [['harbour', 'stadium']]],
    ['how old is the town hall', [['town', 'hall']]],
    ['when does the spring festival start', [['spring', 'festival']]],
    ['Where did the new program begin?', [['new', 'program']]],
  ])('finds the subject of a measure, and leaves the verb of "when/where does X verb" out of it, in %j', (q, focus) => expect(focusOf(q).focus).toEqual(focus));

  it.each([
    ['How does a blockchain reach consensus?', ['blockchain', 'consensus'], ['reach']],
    ['How does the report characterise the policy?', ['report', 'policy'], ['characterise']],
  ])('finds the verb after "how does" in %j even where the tagger took it for a noun', (q, things, predicate) => {
    expect(focusOf(q)).toMatchObject({ things, predicate });
  });

  it('reads "which N should I…" as asking what to do: its nouns are things as well as its focus', () => {
    expect(focusOf('Which database should I pick for a small shop?')).toMatchObject({ focus: [['database']], things: ['database', 'shop'], predicate: ['pick', 'small'] });
    expect(focusOf('Which database did the team pick?').things).toEqual([]);
    expect(focusOf('Which editor is best for writing novels?').things).toEqual(['editor', 'writing', 'novels']);
  });

  it.each(['digital divide', 'Does the author believe technology is a weapon?', 'Is it true that China shares its technology?', 'How long is the plan?', 'What is China doing about the gap?', 'What did Washington unveil on Wednesday?'])(
    'names no focus in %j: keywords, yes/no, "how long", "what is X doing" and "what did X verb" questions are judged by coverage alone',
    (q) => expect(focusOf(q).focus).toEqual([]),
  );

  it.each([
    ['tips for keeping houseplants alive', ['houseplants']],
    ['what tools do I need to repaint a fence', ['tools', 'fence']],
    ['do we need a permit for a garden shed', ['permit', 'garden', 'shed']],
  ])('reads %j as a task: a query headed by a noun of advice, or asking what "I" or "we" need, asks what to do', (q, things) => {
    expect(focusOf(q).things).toEqual(things);
  });

  it('reads no task into what "we" did: the past asks what happened', () => {
    expect(focusOf('What tools did we need?')).toMatchObject({ focus: [['tools']], things: [] });
  });

  it.each([
    ['what does quality control mean in a bakery', [['quality', 'control'], ['bakery']]],
    ["what's wrong with the tax rules", [['tax', 'rules']]],
    ['What is new about the plan?', [['plan']]],
  ])('finds in %j what X means and where, and what an adjective alone judges', (q, focus) => expect(focusOf(q).focus).toEqual(focus));

  it('requires ordinals, superlatives and the verb of a "who" question', () => {
    expect(focusOf('When was the first World AI Conference held?').required).toEqual(['first']);
    expect(focusOf('What is the tallest mountain in the world?').required).toEqual(['tallest']);
    expect(focusOf('Who heads the China-BRICS center?').required).toEqual(['heads']);
  });

  it('requires an adjective graded by "most" or "least", wherever it stands', () => {
    expect(focusOf('Which Chinese AI models are most popular?').required).toEqual(['popular']);
  });

  it('lists acronyms, and the neighbouring words of names of several words', () => {
    expect(focusOf('How did the EU respond to the US AI action plan?').acronyms).toEqual(['EU', 'US', 'AI']);
    expect(focusOf('Who founded the United Nations?').namePairs).toEqual([['United', 'Nations']]);
    expect(focusOf('Global AI Governance Initiative October 2023').namePairs).toEqual([['Governance', 'Initiative']]);
  });

  it('reads the verbs and adjectives of a how-question', () => {
    expect(focusOf("How did Vietnam's government react to the AI cooperation?").predicate).toEqual(['react']);
    expect(focusOf('What is China doing about the gap?').predicate).toEqual([]);
  });

  it('reads the names that are the subject of "what/why did X verb"', () => {
    expect(focusOf('Why did Lyon join the loan scheme?').actors).toEqual(['Lyon']);
    expect(focusOf('What did the European Union decide?').actors).toEqual(['European', 'Union']);
    expect(focusOf('What did the museum lend to Lyon?').actors).toEqual([]);
    expect(focusOf('Which cities did Lyon help?').actors).toEqual([]);
  });

  it('reads the plural a which-question asks to pick out', () => {
    expect(focusOf('Which Saudi enterprises did Chinese firms help?').members).toBe('enterprises');
    expect(focusOf('Which international cooperation framework was established?').members).toBeNull();
    // An uncountable noun is picked out by kinds, as a plural by members: which equipment, which ones.
    expect(focusOf('Which office equipment did the firm buy?').members).toBe('equipment');
  });

  it('lists the names and years a question gives, in any case', () => {
    expect(focusOf('What did Japan say about the 2025 conference?').names).toEqual(expect.arrayContaining(['Japan', '2025']));
    expect(focusOf('what did japan say about it').names).toEqual(['japan']);
  });

  it('lists a people\'s word as a name, in lower case as in capitals', () => {
    expect(focusOf('what caused the french revolution').names).toEqual(['french']);
    expect(focusOf('What caused the French Revolution?').names).toEqual(expect.arrayContaining(['French']));
  });
});

describe('readQuestion', () => {
  it('reads no type or focus into a request', () => {
    expect(readQuestion('Who can write me a poem about Shanghai?')).toMatchObject({ request: false });
    expect(readQuestion('write me a haiku about Shanghai')).toEqual({ request: true, answerType: 'any', focus: [], required: [], things: [], members: null, subject: [], predicate: [], names: [], acronyms: [], expand: [], namePairs: [], actors: [] });
  });
});

describe('readQuestion: places', () => {
  it.each([
    ['Which city will stage the final?', []],
    ['which country is hosting the games', []],
    ['Which Egyptian city will host the fair?', [['egyptian']]],
  ])('reads %j as asking for a place, its qualifiers as its focus', (q, focus) => expect(readQuestion(q)).toMatchObject({ answerType: 'place', focus }));

  it('reads a plural the tagger took into the phrase, before "the", as the verb: "which city hosts the fair"', () => {
    expect(focusOf('which city hosts the fair this summer')).toMatchObject({ focus: [['city']], members: null });
    expect(readQuestion('which city hosts the fair this summer')).toMatchObject({ answerType: 'place', focus: [] });
    expect(focusOf('Which Chinese companies launched the program?')).toMatchObject({ focus: [['chinese', 'companies']], members: 'companies' });
  });

  it('reads "which city is X" as a description of the city, not a request to name one', () => {
    expect(readQuestion('Which city is the capital of Peru?')).toMatchObject({ answerType: 'any', focus: [['city']] });
  });
});

describe('readQuestion: acronyms to spell out', () => {
  it.each([
    ['What does NATO stand for?', ['NATO']],
    ['What is the IMF short for?', ['IMF']],
    ['What is the full name of the IMF?', ['IMF']],
    ['What did NATO decide?', []],
  ])('finds in %j the acronyms whose words it asks for', (q, expand) => expect(readQuestion(q).expand).toEqual(expand));
});

describe('focusOf: the subject of a what/which-N clause', () => {
  it('reads the noun phrase after "what/which N" and an auxiliary as the clause\'s subject', () => {
    expect(focusOf('what technology does a tesla battery use').subject).toEqual(['tesla', 'battery']);
    expect(focusOf('What sectors does the 2024 action plan cover?').subject).toEqual(['2024', 'action', 'plan']);
  });

  it('reads none where no auxiliary follows N, or a pronoun is the subject', () => {
    expect(focusOf('Which countries signed the plan?').subject).toEqual([]);
    expect(focusOf('what do they want').subject).toEqual([]);
  });
});

describe('focusOf: a noun the tagger reads as a verb after "what"', () => {
  it('takes the word after "what" for the first noun of the phrase an auxiliary follows', () => {
    expect(focusOf('what time zone is vietnam in').focus).toEqual([['time', 'zone']]);
  });

  it('leaves a verb that no noun phrase and auxiliary follow', () => {
    expect(focusOf('what happened in september 2024').focus).toEqual([]);
  });
});

describe('focusOf: an ordinal before the verb', () => {
  it('requires an ordinal that stands before the verb, as one in the focus is', () => {
    expect(focusOf('when did the us first restrict chip exports to china').required).toContain('first');
    expect(focusOf('when did the us restrict chip exports to china').required).toEqual([]);
  });
});

describe('readQuestion: a task asked about its effort or its place', () => {
  it('reads "how long does it take to…" and "where can I…" as tasks whose nouns are things', () => {
    expect(readQuestion('how long does it take to train a puppy').things).toEqual(['puppy']);
    expect(readQuestion('where can I buy cheap equipment for a home gym').things).toEqual(['equipment', 'home', 'gym']);
    // Not a task: what it asks is where something is, or how long something lasts.
    expect(readQuestion('where is the conference held').things).toEqual([]);
    expect(readQuestion('how long does the conference last').things).toEqual([]);
  });
});

describe('readQuestion: a time at the end', () => {
  it('reads "what is the X of Y this year" as asking about X of Y: the time ends the clause', () => {
    expect(readQuestion('what is the theme of the olympic games this year').focus).toEqual([['theme'], ['olympic', 'games']]);
    // A clause that goes on past its noun phrase asks nothing named.
    expect(readQuestion('what is China doing').focus).toEqual([]);
  });
});

describe('focusOf: a gerund after the preposition', () => {
  it('reads what the gerund acts on as what the phrase is for', () => {
    expect(focusOf('what is the path to becoming a doctor').focus).toEqual([['path'], ['doctor']]);
    expect(focusOf('What is the reason for restricting exports?').focus).toEqual([['reason'], ['exports']]);
  });
  it('reads a noun after the preposition as before', () => {
    expect(focusOf('What is the rule for offside?').focus).toEqual([['rule'], ['offside']]);
  });
});

describe('focusOf: "what" as the subject of a verb', () => {
  it('reads the verb\'s object, and what a preposition after it names, without requiring the verb', () => {
    const shape = focusOf('what caused the industrial revolution in britain');
    expect(shape.focus).toEqual([['industrial', 'revolution'], ['britain']]);
    expect(shape.required).toEqual([]);
  });
  it('leaves "what N does…" and "what is…" to their own readings', () => {
    expect(focusOf('What technology does a Tesla battery use?').focus).toEqual([['technology']]);
    expect(focusOf('What is the population of Shanghai?').focus).toEqual([['population'], ['shanghai']]);
  });
});

describe('focusOf: the verb after "do" where the tagger found none', () => {
  it('reads the last word as the verb when the noun phrase runs on to it', () => {
    expect(focusOf('when does the wednesday night market open').focus).toEqual([['wednesday', 'night', 'market']]);
  });
  it('reads the first word after the subject that can be a verb when a determiner breaks the phrase', () => {
    expect(focusOf('How does the writer characterise the plan?').predicate).toEqual(['characterise']);
  });
});

describe('readQuestion: days of the week', () => {
  it('reads a day of the week as a name in lower case as in capitals', () => {
    expect(readQuestion('what time does the post office close on saturday').names).toContain('saturday');
    expect(readQuestion('What did Washington unveil on Wednesday?').names).toContain('Wednesday');
  });
});
