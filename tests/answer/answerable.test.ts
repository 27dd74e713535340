import { describe, expect, it } from 'vitest';
import { judge } from '../../src/answer/answerable.ts';
import { coverageIn, missingFocus } from '../../src/answer/held-words.ts';
import { onlyAsExample } from '../../src/answer/members.ts';
import { bestExcerpts } from '../../src/answer/excerpts.ts';
import { ask } from '../../src/answer/ask.ts';
import { readQuestion } from '../../src/answer/question.ts';
import { planQuery, type KnowledgeBase } from '../../src/search/index.ts';
import { JUDGE_DEFAULTS, type JudgeOptions } from '../../src/answer/options.ts';
import { articleKb, kbFrom } from '../helpers/folders.ts';

/** The verdict on a question against one paragraph of the article, chosen by the test rather than by ranking. */
function verdictOn(kb: KnowledgeBase, question: string, paragraph: string, options: JudgeOptions = JUDGE_DEFAULTS) {
  const chunk = kb.chunks.get(`china-ai-governance#${paragraph}`)!;
  const plan = planQuery(question, kb.vocabulary);
  const excerpts = bestExcerpts(chunk, plan, kb.vocabulary);
  return { plan, chunk, excerpts, verdict: judge(question, plan, { chunk, excerpts }, kb.vocabulary, options) };
}

describe('judge', () => {
  it('answers a question whose words, focus and answer type the paragraph holds', async () => {
    const { verdict } = verdictOn(await articleKb(), 'When will the World AI Conference be held?', 'p2');
    expect(verdict.answerable).toBe(true);
  });

  it('declines a "when" question whose paragraph holds no date', async () => {
    const { verdict } = verdictOn(await articleKb(), 'When was the China-ASEAN center founded?', 'p8');
    expect(verdict).toMatchObject({ answerable: false, reason: 'answer-type' });
  });

  it('declines "what is the X for Y" when the paragraph holds X but not what it is for', async () => {
    // The article has plans, never retirement savings.
    expect(ask(await articleKb(), 'What is the plan for retirement savings?')).toMatchObject({ answered: false, check: 'focus' });
  });

  it('declines a question whose focus the paragraph lacks, however many names it shares', async () => {
    const { verdict } = verdictOn(await articleKb(), 'What is the population of Shanghai?', 'p2');
    expect(verdict).toMatchObject({ answerable: false });
  });

  it('declines a request before looking at any paragraph', async () => {
    const kb = await articleKb();
    const plan = planQuery('write me a haiku about Shanghai', kb.vocabulary);
    expect(judge('write me a haiku about Shanghai', plan, undefined, kb.vocabulary)).toMatchObject({ answerable: false, reason: 'request' });
  });

  it('declines when nothing matched at all', async () => {
    const kb = await articleKb();
    const plan = planQuery('photosynthesis', kb.vocabulary);
    expect(judge('photosynthesis', plan, undefined, kb.vocabulary)).toMatchObject({ answerable: false, reason: 'no-match' });
  });

  it('does not let synonyms alone carry a question: their credit is not literal', async () => {
    const kb = await articleKb();
    // p1 speaks of "countries", which "nations" bridges to.
    const chunk = kb.chunks.get('china-ai-governance#p1')!;
    const plan = planQuery('What do nations think?', kb.vocabulary);
    expect(plan.planned.find((w) => w.word === 'nations')?.match).toBe('synonym');
    const c = coverageIn(plan, chunk);
    expect(c.all).toBeGreaterThan(0);
    expect(c.literal).toBe(0);
    expect(judge('What do nations think?', plan, { chunk, excerpts: [] }, kb.vocabulary).answerable).toBe(false);
  });

  it('lets the kind of answer asked for stand in for the question\'s own words when a synonym holds its focus', async () => {
    const kb = await articleKb();
    // Every word of subject is a synonym of the paragraph's ("assembly" for "meeting"), and the sentence names a place.
    const { plan, chunk, verdict } = verdictOn(kb, 'Where will the assembly be staged?', 'p2');
    expect(coverageIn(plan, chunk).literal).toBeLessThan(0.05);
    expect(verdict.answerable).toBe(true);
    // The same words with no kind of answer to find ("what about") are a synonym alone.
    expect(verdictOn(kb, 'What about the assembly?', 'p2').verdict.answerable).toBe(false);
    // A focus the paragraph lacks is not carried by the place it names.
    expect(verdictOn(kb, 'Where will the football tournament be staged?', 'p2').verdict.answerable).toBe(false);
  });

  it('does not hold a focus whose head only a synonym holds and whose qualifier the material has in no form', async () => {
    const kb = await articleKb();
    // "rate" reaches the paragraph only through a synonym, and the article never says "literacy".
    expect(verdictOn(kb, 'What is the literacy rate in Egypt?', 'p8').verdict).toMatchObject({ answerable: false, reason: 'not-covered' });
    // A qualifier in other words is fine when the head is the paragraph's own word.
    expect(verdictOn(kb, 'Which Asian countries has China done research with?', 'p8').verdict.answerable).toBe(true);
  });

  it('does not hold a focus through a correction two slips away, but does through one', async () => {
    const kb = await articleKb();
    // "polarization" is two edits from "popularization" in the article; "trasnformation" one swap from "transformation".
    expect(verdictOn(kb, 'What is polarization?', 'p12').verdict).toMatchObject({ answerable: false, reason: 'not-covered' });
    expect(verdictOn(kb, 'What is a trasnformation?', 'p4').verdict.answerable).toBe(true);
  });

  it('counts a name\'s synonym as the name itself ("America" for "US")', async () => {
    const kb = await articleKb();
    const plan = planQuery('What is America planning?', kb.vocabulary);
    const c = coverageIn(plan, kb.chunks.get('china-ai-governance#p9')!);
    expect(c.literal).toBeGreaterThan(0);
  });
});

describe('judge: a word of asking a possessive owns', () => {
  it('counts "China\'s list" toward coverage as a word of subject', async () => {
    const kb = await articleKb();
    const question = "Is China's list of cooperative projects getting longer?";
    const { plan, chunk } = verdictOn(kb, question, 'p8');
    expect(plan.planned.find((w) => w.word === 'list')?.asking).toBe(true);
    const owned = verdictOn(kb, question, 'p8').verdict.coverage;
    const asked = verdictOn(kb, question, 'p8', { ...JUDGE_DEFAULTS, possessedIsSubject: false }).verdict.coverage;
    expect(owned).toBeGreaterThan(asked);
    // The plain coverage of the paragraph is the query plan's, words of asking left out.
    expect(coverageIn(plan, chunk).all).toBeCloseTo(asked);
  });
});

describe('judge: members left unnamed on purpose', () => {
  it('answers "which N" from "some N" where the paragraph holds every other noun of the question', async () => {
    const kb = await articleKb();
    const question = 'which countries remain in the myth of hegemony';
    expect(verdictOn(kb, question, 'p1').verdict.answerable).toBe(true);
    expect(verdictOn(kb, question, 'p1', { ...JUDGE_DEFAULTS, unnamedMembersAnswer: false }).verdict).toMatchObject({ answerable: false, check: 'members' });
  });

  it('declines it where the question names a thing the paragraph lacks: other countries', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'which countries won the most medals', 'p1').verdict).toMatchObject({ answerable: false, check: 'members' });
    expect(verdictOn(kb, 'which countries are ensnared in debt', 'p1').verdict).toMatchObject({ answerable: false });
  });
});

describe('judge: a focus held through a synonym\'s related word', () => {
  it('holds "scheme" in a paragraph on a plan (scheme → program → plan) where the paragraph holds much of the question', async () => {
    const kb = await articleKb();
    const question = 'What is the aim of the 2024 scheme to build AI capacity?';
    expect(verdictOn(kb, question, 'p7').verdict.answerable).toBe(true);
    expect(verdictOn(kb, question, 'p7', { ...JUDGE_DEFAULTS, synonymsRelatedMinCoverage: 2 }).verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('holds nothing two steps away in a paragraph that holds little of the question ("platform" → program → plan)', async () => {
    const kb = await articleKb();
    const question = 'which platform does the night train leave from';
    expect(verdictOn(kb, question, 'p7').verdict).toMatchObject({ answerable: false, check: 'focus' });
    expect(verdictOn(kb, question, 'p7', { ...JUDGE_DEFAULTS, synonymsRelatedMinCoverage: 0 }).verdict.answerable).toBe(true);
  });
});

describe('judge: a list in the sentence that continues the quote', () => {
  const question = 'what sectors does the 2024 action plan cover';

  it('answers "what N" from the next sentence\'s list of examples, and says to quote it', async () => {
    const { excerpts, verdict } = verdictOn(await articleKb(), question, 'p7');
    // The question's words find the sentence that introduces the plan; the next one lists its areas.
    expect(excerpts.map((e) => e.text).join(' ')).not.toContain('including');
    expect(verdict).toMatchObject({ answerable: true, continued: expect.stringContaining('including infrastructure development') });
    expect(verdictOn(await articleKb(), question, 'p7', { ...JUDGE_DEFAULTS, listContinuesQuote: false }).verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('quotes the continuing sentence after the quoted ones', async () => {
    const result = ask(await articleKb(), question);
    expect(result.answered).toBe(true);
    expect(result.answer.at(-1)?.text).toContain('including infrastructure development');
  });

  it('reads no continuation where the paragraph lacks, in its own words, what the question\'s clause is about', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'what new hazards come with AI', 'p4').verdict).toMatchObject({ answerable: true, continued: expect.stringContaining('such as ethical norms') });
    // "Cycling" is held only through a synonym ("round", in "the new round of…"): no finding of the question's own.
    expect(verdictOn(kb, 'what new hazards come with cycling', 'p4').verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('reads no continuation for "which N", which asks for names, nor where the quoted sentences list already', async () => {
    expect(verdictOn(await articleKb(), 'which sectors does the 2024 action plan cover', 'p7').verdict).toMatchObject({ answerable: false });
    const listed = verdictOn(await articleKb(), 'what sectors does the plan list for collaboration, including infrastructure', 'p7').verdict;
    expect(listed.answerable && listed.continued).toBeFalsy();
  });
});

describe('judge: names', () => {
  it('declines an acronym the material neither uses nor spells out, and a name whose words stand apart', async () => {
    const kb = await articleKb();
    for (const q of ['How did the EU respond to the US AI action plan?', 'Who founded the United Nations?']) {
      expect(ask(kb, q).answered, q).toBe(false);
    }
    expect(ask(kb, 'What did Chinese enterprises do in the UAE?').answered).toBe(true);
  });

  it('knows a country called after its people by their word, and no body of that people', async () => {
    const kb = await articleKb();
    // The article says "Saudi enterprises", never "Saudi Arabia".
    expect(ask(kb, 'What did Chinese firms do for companies in Saudi Arabia?').answered).toBe(true);
    expect(ask(kb, 'how did chinese companies help saudi arabia').answered).toBe(true);
    expect(ask(kb, 'How did the Egyptian Army help?')).toMatchObject({ answered: false, check: 'unknown-name' });
    expect(ask(kb, 'Did Chinese companies do any projects in South Korea?')).toMatchObject({ answered: false, check: 'unknown-name' });
  });

  it('knows a national capital as its country, and no other city of it', async () => {
    const kb = await articleKb();
    const answered = ask(kb, 'What did Beijing unveil in October 2023?');
    expect(answered.answered).toBe(true);
    expect(answered.passages[0]?.chunk.id).toBe('china-ai-governance#p6');
    expect(ask(kb, 'What did Guangzhou unveil in October 2023?')).toMatchObject({ answered: false, check: 'unknown-name' });
  });
});

describe('judge: what an acronym stands for', () => {
  it('answers only from a paragraph that spells the acronym out, not one that only uses it', async () => {
    const kb = await articleKb();
    // The article spells out WAIC ("World AI Conference") but only uses CNN.
    expect(verdictOn(kb, 'What does WAIC stand for?', 'p13').verdict.answerable).toBe(true);
    expect(verdictOn(kb, 'What does CNN stand for?', 'p9').verdict).toMatchObject({ answerable: false, reason: 'not-covered' });
    expect(verdictOn(kb, 'What did CNN report?', 'p9').verdict.answerable).toBe(true);
  });
});

describe('judge: tasks and how-questions', () => {
  it('declines a task about a thing the material never names, and answers one it names in other words', async () => {
    const kb = await articleKb();
    for (const q of ['How do I train a large language model?', 'How can I improve my sleep?', 'Explain quantum physics like I am five']) expect(ask(kb, q).answered, q).toBe(false);
    for (const q of ['How have Chinese businesses helped the Emirates?', 'How is the development logic of AI undergoing a profound transformation?']) expect(ask(kb, q).answered, q).toBe(true);
  });

  it('reads a question asking for advice as a task: a thing the material never names declines it', async () => {
    const kb = await articleKb();
    // "wireless" is in the article in no form, not even a synonym: the article does not say how to do it.
    for (const q of ['What is a good diet plan for runners?', 'Which camera should I buy for travel photos?', 'Which framework should I pick for wireless security?']) {
      expect(ask(kb, q).answered, q).toBe(false);
    }
    expect(ask(kb, 'What is the best approach to AI governance, according to the author?').answered).toBe(true);
  });

  it('reads "what is good X" as asking for advice though the tagger takes "good" for an adverb there', async () => {
    expect(ask(await articleKb(), 'what is good corporate governance')).toMatchObject({ answered: false, check: 'unknown-predicate' });
  });

  it('takes a short noun the query plan left out as a slip for a stop word for a thing the material never names', async () => {
    // "dog" is one letter from "do", "div" from "did": the plan drops them, the tagger reads them as nouns.
    const kb = await articleKb();
    for (const q of ['how do I wash a dog', 'how do i center a div']) expect(ask(kb, q), q).toMatchObject({ answered: false, check: 'unknown-thing' });
  });

  it('reads "how to…" and a query opening on advice as tasks: a thing the material never names declines them', async () => {
    const kb = await articleKb();
    for (const q of ['how to grow tomatoes on a balcony', 'best hiking trails near the coast']) expect(ask(kb, q).answered, q).toBe(false);
    expect(ask(kb, 'how to build consensus through dialogue').answered).toBe(true);
  });
});

describe('judge: things held only through synonyms', () => {
  it('declines a task whose things the paragraph holds only through synonyms, and answers one it holds in its own words', async () => {
    const kb = await articleKb();
    // WordNet's "depository financial institution" makes "bank" reach the article's "Institutions".
    const bank = verdictOn(kb, 'How do I open a bank account?', 'p8');
    expect(bank.plan.planned.find((w) => w.word === 'bank')?.match).toBe('synonym');
    expect(bank.verdict).toMatchObject({ answerable: false, check: 'unknown-thing' });
    expect(verdictOn(kb, 'How do I open an account with the Egyptian government?', 'p8').verdict.answerable).toBe(true);
  });
});

describe('judge: asking for advice, meanings and places', () => {
  it('reads "what X do I need…" and "tips for…" as tasks: a thing the material never names declines them', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'what infrastructure do I need to host a game server', 'p7').verdict).toMatchObject({ answerable: false, check: 'unknown-thing' });
    expect(verdictOn(kb, 'what infrastructure does the plan cover', 'p7').verdict.answerable).toBe(true);
    expect(verdictOn(kb, 'tips for building smart cities', 'p8').verdict.answerable).toBe(true);
  });

  it('declines "what does X mean in Y" where the paragraph holds X but not Y', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'what does data management mean in a hospital', 'p7').verdict).toMatchObject({ answerable: false, check: 'focus' });
    expect(verdictOn(kb, 'what does data management mean in the plan', 'p7').verdict.answerable).toBe(true);
  });

  it('answers "what is wrong with X" from a paragraph on X, though it never says "wrong"', async () => {
    expect(verdictOn(await articleKb(), 'what is wrong with export controls', 'p10').verdict.answerable).toBe(true);
  });

  it('answers "which city…" with a place the sentence names, and declines a paragraph that names none', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'Which city will host the conference?', 'p2').verdict.answerable).toBe(true);
    expect(verdictOn(kb, 'Which city will host the conference?', 'p4').verdict).toMatchObject({ answerable: false, check: 'answer-type' });
  });

  it('declines "where in X" from a sentence whose only place is X itself', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, 'Where in Shanghai will the conference be held?', 'p2').verdict).toMatchObject({ answerable: false, check: 'answer-type' });
    expect(verdictOn(kb, 'Where will the conference be held?', 'p2').verdict.answerable).toBe(true);
  });
});

describe('judge: the subject of a what/which-N clause', () => {
  it('declines when the paragraph holds none of the subject\'s words, and answers when it holds one in other words', async () => {
    const kb = await articleKb();
    expect(ask(kb, 'what technology does a tesla battery use')).toMatchObject({ answered: false, check: 'focus' });
    // "blueprint" is not the article's word, but "2024" is: the subject is the 2024 plan.
    expect(ask(kb, 'what fields does the 2024 blueprint cover').answered).toBe(true);
  });

  it('does not decline for the subject when the option is off', async () => {
    const kb = await articleKb();
    const question = 'what technology does a tesla battery use';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p11', options).verdict;
    expect(judged()).toMatchObject({ answerable: false, check: 'focus' });
    expect(judged({ ...JUDGE_DEFAULTS, subjectHeld: false }).answerable).toBe(true);
  });
});

describe('judge: a wording given in quotation marks', () => {
  it('holds "slogan" or "motto" by words the quoted sentence gives in quotation marks, and not where it gives none', async () => {
    const kb = await articleKb();
    const question = "what's the motto of the shanghai conference";
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p2', options).verdict;
    expect(judged().answerable).toBe(true);
    expect(judged({ ...JUDGE_DEFAULTS, quotationGivesWording: false })).toMatchObject({ answerable: false, check: 'focus' });
    // The US plan's paragraph quotes no words: it gives no slogan.
    expect(ask(kb, "What's the slogan of the US AI action plan?")).toMatchObject({ answered: false, check: 'focus' });
  });

  it('does not give the motto of a place the quoted sentence names only as where something is held', async () => {
    const kb = await articleKb();
    const question = 'what is the motto of shanghai';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p2', options).verdict;
    expect(judged().answerable).toBe(false);
    expect(ask(kb, question).answered).toBe(false);
    expect(ask(kb, 'what is the motto of the world ai conference').answered).toBe(true);
  });

  it('counts the wording noun as held in coverage too, where it is the question\'s rarest word', async () => {
    const kb = await articleKb();
    const question = "what's the slogan for this year's ai summit";
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p2', options).verdict;
    expect(judged().answerable).toBe(true);
    expect(judged({ ...JUDGE_DEFAULTS, quotationGivesWording: false })).toMatchObject({ answerable: false, check: 'coverage' });
    expect(ask(kb, "what's the slogan of the world cup").answered).toBe(false);
  });
});

describe('judge: sources cited by name', () => {
  it('holds "which news outlets" by a name the quoted sentence cites "according to", and not where it cites none', async () => {
    const kb = await articleKb();
    const question = 'which news outlets reported on the US proposal';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p9', options).verdict;
    expect(judged().answerable).toBe(true);
    expect(judged({ ...JUDGE_DEFAULTS, citationGivesSource: false }).answerable).toBe(false);
    // The paragraph on Digital Egypt Builders cites no one.
    expect(ask(kb, 'Which newspapers reported on the Digital Egypt Builders program?').answered).toBe(false);
  });
});

describe('judge: a thing to make named by a word of asking', () => {
  it('declines a task to make a thing the material never names, though its word is a word of asking ("a talk")', async () => {
    const kb = await articleKb();
    const question = 'how to prepare a talk for a scientific conference';
    expect(ask(kb, question)).toMatchObject({ answered: false, check: 'unknown-thing' });
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p2', options).verdict;
    expect(judged({ ...JUDGE_DEFAULTS, madeThingsHeld: false }).answerable).toBe(true);
  });
});

describe('judge: words that narrow, wherever they stand', () => {
  it('declines "when did X first…" where the paragraph never says which time was the first', async () => {
    const kb = await articleKb();
    expect(ask(kb, 'when did the us first restrict chip exports to china')).toMatchObject({ answered: false, check: 'focus' });
    expect(ask(kb, 'when did the us unveil its ai action plan').answered).toBe(true);
  });
});

describe('judge: "what N" answered by what kind of N', () => {
  it('answers "what opportunities" from a sentence that says which kind, and declines "which Chinese companies" from one that does not name them', async () => {
    const kb = await articleKb();
    const question = 'what opportunities does ai create';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p4', options).verdict;
    expect(judged().answerable).toBe(true);
    expect(judged({ ...JUDGE_DEFAULTS, describedMembersAnswerWhat: false })).toMatchObject({ answerable: false, check: 'members' });
    expect(ask(kb, 'what saudi companies did chinese firms help')).toMatchObject({ answered: false, check: 'members' });
  });
});

describe('judge: measures', () => {
  it('asks "how big/far/old" for a quantity, so a paragraph that only names the thing does not answer', async () => {
    const { verdict } = verdictOn(await articleKb(), 'How big is the Shanghai conference?', 'p2');
    expect(verdict).toMatchObject({ answerable: false, reason: 'answer-type' });
  });

  it('reads "how rich" as asking for a quantity: a paragraph that only names the country does not answer', async () => {
    expect(ask(await articleKb(), 'how rich is saudi arabia').answered).toBe(false);
  });
});

describe('judge: which-questions', () => {
  it('declines a which-question whose sentence names no member: the asked place\'s people and the material\'s everyday words name none', async () => {
    const kb = await articleKb();
    // "limit the spread of Chinese AI models": "Chinese" is the question's China; "AI equipment" is no mention of the models.
    expect(ask(kb, 'Which AI models does China export?').answered).toBe(false);
    expect(ask(kb, 'Which countries has China carried out research cooperation with?').answered).toBe(true);
    // "restrict exports of American AI equipment" says which equipment no more than which models.
    expect(ask(kb, 'Which American AI equipment does the plan restrict?')).toMatchObject({ answered: false, check: 'members' });
  });
});

describe('judge: a which-plural answered by a list of names', () => {
  it('answers "which N" from a paragraph that lists names of N under another word, not without the rule', async () => {
    const kb = await articleKb();
    const question = 'which southeast asian nations does china do research with';
    const on = (options = JUDGE_DEFAULTS) => {
      const chunk = kb.chunks.get('china-ai-governance#p8')!;
      const plan = planQuery(question, kb.vocabulary);
      return judge(question, plan, { chunk, excerpts: bestExcerpts(chunk, plan, kb.vocabulary) }, kb.vocabulary, options);
    };
    expect(on()).toMatchObject({ answerable: true });
    expect(on({ ...JUDGE_DEFAULTS, listedNamesAreMembers: false })).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('still declines a which-plural whose paragraph names no list, or whose other focus it lacks', async () => {
    const kb = await articleKb();
    // p9 names CNN and the South China Morning Post in two sentences: no list of outlets.
    expect(verdictOn(kb, 'Which chips does the US ban from export to China?', 'p9').verdict).toMatchObject({ answerable: false, check: 'focus' });
    expect(verdictOn(kb, 'Which football clubs did Vietnam and Laos fund?', 'p8').verdict).toMatchObject({ answerable: false, check: 'focus' });
  });
});

describe('judge: names given only as examples', () => {
  const MUSEUM = [
    '# The touring collection',
    '',
    'The museum has lent its paintings to partner cities like Lyon and Porto over the last decade, and the loans keep growing.',
    '',
    'Madrid opened a new wing for the collection in 2020, after the loans to the partner cities had ended.',
  ].join('\n');

  it('sees a name that stands only in a list of examples, and one that does something in its own sentence', async () => {
    const kb = await kbFrom({ 'museum.md': MUSEUM });
    const [lent, opened] = [kb.chunks.get('museum#p1')!, kb.chunks.get('museum#p2')!];
    expect(onlyAsExample('Porto', lent)).toBe(true);
    expect(onlyAsExample('Madrid', opened)).toBe(false);
    // A name the chunk never mentions is not given there as an example either.
    expect(onlyAsExample('Porto', opened)).toBe(false);
  });

  it('declines "what did X do" when the paragraph gives X only as an example, and answers it when X acts', async () => {
    const kb = await kbFrom({ 'museum.md': MUSEUM });
    expect(ask(kb, 'What did Porto borrow from the museum?')).toMatchObject({ answered: false, check: 'example' });
    expect(ask(kb, 'What did Madrid open for the collection?').answered).toBe(true);
  });
});

describe('judge: a focus held through a narrower word', () => {
  const HARBOUR = [
    '# The harbour',
    '',
    'Before the harbour can reopen, the city must carry out its plan to remove the barriers that block the northern channel.',
    '',
    'The harbour master publishes the tide tables every morning at the office on the quay.',
    '',
    'The museum on the quay runs a summer program for schools.',
  ].join('\n');

  async function onChannel(question: string, options = JUDGE_DEFAULTS) {
    const kb = await kbFrom({ 'harbour.md': HARBOUR });
    const chunk = kb.chunks.get('harbour#p1')!;
    const plan = planQuery(question, kb.vocabulary);
    return { plan, chunk, verdict: judge(question, plan, { chunk, excerpts: bestExcerpts(chunk, plan, kb.vocabulary) }, kb.vocabulary, options) };
  }

  it('answers "what obstacles" from a paragraph on barriers, a kind of obstacle, and declines it when related words may not hold a focus', async () => {
    const question = 'What obstacles must the city remove before the harbour reopens?';
    const { plan, verdict } = await onChannel(question);
    // The narrower word is no synonym: nothing searches for it.
    expect(plan.planned.find((w) => w.word === 'obstacles')).toMatchObject({ match: 'none', terms: [], related: ['barrier'] });
    expect(verdict.answerable).toBe(true);
    expect((await onChannel(question, { ...JUDGE_DEFAULTS, relatedHoldsFocus: false })).verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('counts a related word nowhere in coverage', async () => {
    const { plan, chunk } = await onChannel('What obstacles must the city remove before the harbour reopens?');
    const without = { ...plan, planned: plan.planned.map((w) => ({ ...w, related: [] })) };
    expect(coverageIn(plan, chunk)).toEqual(coverageIn(without, chunk));
  });

  it('goes one step only: a hindrance is broader than an obstacle, which is broader than a barrier', async () => {
    const { verdict } = await onChannel('What hindrances must the city remove before the harbour reopens?');
    expect(verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('holds a word the material uses elsewhere by its synonym in the paragraph ("program" in one on a plan)', async () => {
    const question = 'Which program must the city carry out before the harbour reopens?';
    const { plan, verdict } = await onChannel(question);
    expect(plan.planned.find((w) => w.word === 'program')).toMatchObject({ match: 'exact', terms: [{ term: 'program', weight: 1 }], related: ['plan'] });
    expect(verdict.answerable).toBe(true);
    expect((await onChannel(question, { ...JUDGE_DEFAULTS, relatedHoldsFocus: false })).verdict).toMatchObject({ answerable: false, check: 'focus' });
  });

  it('holds a narrower word only by a word of its own, not by the stem of a longer word ("intern" in "international")', async () => {
    const { plan, verdict } = verdictOn(await articleKb(), 'What are the ethical norms for doctors?', 'p4');
    expect(plan.planned.find((w) => w.word === 'doctors')?.related).toContain('intern');
    expect(verdict).toMatchObject({ answerable: false, check: 'focus' });
    const kb = await articleKb();
    const chunk = kb.chunks.get('china-ai-governance#p4')!;
    const anyLength = judge('What are the ethical norms for doctors?', plan, { chunk, excerpts: bestExcerpts(chunk, plan, kb.vocabulary) }, kb.vocabulary, { ...JUDGE_DEFAULTS, maxInflection: 20 });
    expect(anyLength.answerable).toBe(true);
  });

  it('holds a focus through a related word only in the quoted sentences, not elsewhere in the paragraph', async () => {
    const kb = await articleKb();
    // p9 quotes the sentence on the US plan; "contrast", related to "opposition", stands in the one before it.
    const question = 'who is the leader of the opposition in the uk';
    expect(verdictOn(kb, question, 'p9').verdict).toMatchObject({ answerable: false, check: 'focus' });
    expect(verdictOn(kb, question, 'p9', { ...JUDGE_DEFAULTS, relatedInQuote: false }).verdict.answerable).toBe(true);
  });

  it('never holds a name through a related word', async () => {
    const { plan, chunk } = await onChannel('What obstacles must the city remove before the harbour reopens?');
    const named = { ...plan, planned: plan.planned.map((w) => (w.word === 'obstacles' ? { ...w, name: true } : w)) };
    expect(missingFocus(['obstacles'], plan, chunk)).toEqual([]);
    expect(missingFocus(['obstacles'], named, chunk)).toEqual(['obstacles']);
  });
});

describe('judge: a name cited only as a source', () => {
  it('declines a question about a name the quoted sentence only cites ("according to CNN"), unless it asks what the source said', async () => {
    const kb = await articleKb();
    const question = 'where is cnn headquartered';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p9', options).verdict;
    expect(judged()).toMatchObject({ answerable: false, check: 'focus' });
    expect(judged({ ...JUDGE_DEFAULTS, citedSourceIsNoSubject: false }).answerable).toBe(true);
    expect(ask(kb, 'what did the south china morning post report').answered).toBe(true);
  });
});

describe('judge: a keyword query naming a thing the material never names', () => {
  it('declines a query with no focus whose qualified noun the material has in no form ("cheap flights")', async () => {
    const kb = await articleKb();
    const question = 'cheap flights to china in july';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p2', options).verdict;
    expect(judged()).toMatchObject({ answerable: false, check: 'unknown-thing' });
    expect(judged({ ...JUDGE_DEFAULTS, unknownPhraseDeclinesKeywords: false }).answerable).toBe(true);
    // A keyword query in the material's own words is answered.
    expect(ask(kb, 'conference july').answered).toBe(true);
  });
});

describe('judge: a list of examples gives the members of "what N"', () => {
  it('answers "what N" from a quoted list of examples whatever the material calls them, and not "which N"', async () => {
    const kb = await articleKb();
    const question = 'what probelms does ai bring';
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p4', options).verdict;
    expect(verdictOn(kb, question, 'p4').excerpts.some((e) => e.text.includes('such as'))).toBe(true);
    expect(judged().answerable).toBe(true);
    expect(judged({ ...JUDGE_DEFAULTS, examplesAreMembers: false })).toMatchObject({ answerable: false, check: 'focus' });
  });
});

describe('judge: a name held only inside a compound', () => {
  it('declines "which countries are in ASEAN" from a sentence naming only the China-ASEAN center', async () => {
    const kb = await articleKb();
    const question = 'which countries are in asean';
    expect(readQuestion(question).focus).toEqual([['countries'], ['asean']]);
    const judged = (options?: JudgeOptions) => verdictOn(kb, question, 'p8', options).verdict;
    expect(judged()).toMatchObject({ answerable: false, check: 'focus' });
    expect(judged({ ...JUDGE_DEFAULTS, compoundIsNoFocus: false }).answerable).toBe(true);
  });
});

describe('judge: a name in the focus', () => {
  it('declines a focus whose name the paragraph lacks, however much else it holds', async () => {
    const kb = await articleKb();
    // ¶10 is on US export controls; Vietnam is named in ¶8 only.
    expect(verdictOn(kb, "what is vietnam's main export", 'p10').verdict).toMatchObject({ answerable: false, check: 'focus' });
    expect(verdictOn(kb, "what is vietnam's main export", 'p10', { ...JUDGE_DEFAULTS, focusNamesHeld: false }).verdict.answerable).toBe(true);
  });

  it('answers where the paragraph names it', async () => {
    expect(verdictOn(await articleKb(), "what is china's approach to ai governance", 'p5').verdict.answerable).toBe(true);
  });
});

describe('judge: a question whose nouns the material has in no form', () => {
  it.each([
    ['is it true you lose most heat through your head', 'p11'],
    ['smart watch battery life comparison', 'p8'],
  ])('declines %j: the paragraph shares a verb or a qualifier, not a thing', async (question, paragraph) => {
    const kb = await articleKb();
    expect(verdictOn(kb, question, paragraph).verdict).toMatchObject({ answerable: false, check: 'unknown-thing' });
    expect(verdictOn(kb, question, paragraph, { ...JUDGE_DEFAULTS, nounsHeldOwn: false }).verdict.answerable).toBe(true);
  });

  it('counts a name held by another name, and leaves out the nouns that say when', async () => {
    const kb = await articleKb();
    expect(verdictOn(kb, "what does beijing's 2023 proposal ask nations to balance", 'p6').verdict.answerable).toBe(true);
    expect(verdictOn(kb, 'what did the neighbours say about the noise on wednesday', 'p9').verdict).toMatchObject({ answerable: false, check: 'unknown-thing' });
  });

  it('leaves a question asking for a kind of answer to that check', async () => {
    expect(verdictOn(await articleKb(), 'which city hosts the meeting this summer', 'p2').verdict.answerable).toBe(true);
  });
});
