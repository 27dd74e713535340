import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../knowledge/index.ts';
import { DEFAULT_CACHE_DIR, DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../paths.ts';
import { openKnowledgeBase } from '../search/index.ts';
import { evaluatePages, evaluateParagraphs, footnotePages } from './evaluate.ts';
import { formatFeedback, simulateFeedback } from './feedback.ts';
import { runParity } from './parity-run.ts';
import { PAGE_PEERS } from './peers.ts';
import { articleMisses, formatArticle, formatPages, pageMisses } from './report.ts';
import { readPageQuestions, readParagraphQuestions, SPLITS, type Split } from './sets.ts';
import { evaluateSummaries, formatSummaries, readSummaryEntries, SUMMARY_EVAL_SENTENCES, summaryPart } from './summaries.ts';

const USAGE = `npm run eval -- [--set article|dev|feedback|large|summary|parity] [--knowledge DIR] [--questions FILE] [--misses tune|held-out] [--peers none] [--sentences N] [--split tune|held-out]

--set article (default): tests/eval/article.json on knowledge/: declining and ranking, per split and kind.
--set dev: the development sets written while tuning the judge, each on its own (all tune):
  tests/eval/dev-out-of-scope.json, dev-more.json, dev-fresh.json, dev-chat.json, dev-blind.json,
  dev-probes.json and dev-twelfth.json;
  --misses tune lists their misses.
--set feedback: the article set with votes simulated (learning from votes): the tune part's right
  answers voted helpful by 3 people, then the questions nobody voted on re-asked; its wrong answers
  voted down by 2, then re-asked with their near-duplicates; one person's votes alone; and the
  whole set without votes beside the set with all of them.
--set large: tests/eval/large.json on --knowledge (default ../shared/corpora/debian-docs): the page
  that answers in the top 1 / top 3, beside MiniSearch with its defaults and MiniSearch tuned.
--set summary: main points each summary covers, on knowledge/ (tests/eval/summaries.json) or on
  --knowledge (tests/eval/summaries-large.json when the folder is not the project's); --sentences N
  (default ${SUMMARY_EVAL_SENTENCES}); --misses SPLIT lists the points each summary of that split
  missed; --split SPLIT summarizes that split's entries only (tune while tuning).
--set parity: the same questions of the same material in two formats, from ../shared/corpora:
  tests/eval/parity-python.json on the Python pages as HTML (formats/python-html) and as Markdown
  (debian-docs/python, the same pages), and tests/eval/parity-policy.json on the Debian Policy
  Manual as HTML and as PDF (formats/debian-policy); with the questions on which they part.
--misses SPLIT lists the misses of that split (tuning looks at "tune" only).`;

const SHARED_CORPUS = resolve(PROJECT_ROOT, '../shared/corpora/debian-docs');

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    set: { type: 'string', default: 'article' },
    knowledge: { type: 'string' },
    questions: { type: 'string' },
    misses: { type: 'string' },
    peers: { type: 'string' },
    sentences: { type: 'string' },
    split: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const SETS = ['article', 'dev', 'feedback', 'large', 'summary', 'parity'];
if (!SETS.includes(values.set)) fail(`--set must be article, dev, feedback, large, summary or parity, not ${values.set}`);
/** Question sets written while tuning the judge: no held-out part, reported apart from the article's. */
const DEV_SETS = ['tests/eval/dev-out-of-scope.json', 'tests/eval/dev-more.json', 'tests/eval/dev-fresh.json', 'tests/eval/dev-chat.json', 'tests/eval/dev-blind.json', 'tests/eval/dev-probes.json', 'tests/eval/dev-twelfth.json'];
const misses = values.misses as Split | undefined;
if (misses !== undefined && !SPLITS.includes(misses)) fail(`--misses must be ${SPLITS.join(' or ')}`);
const only = values.split as Split | undefined;
if (only !== undefined && !SPLITS.includes(only)) fail(`--split must be ${SPLITS.join(' or ')}`);
if (only !== undefined && values.set !== 'summary') fail('--split is for --set summary');

if (values.set === 'parity') {
  const corpora = resolve(PROJECT_ROOT, '../shared/corpora');
  if (!existsSync(join(corpora, 'formats'))) fail(`parity needs the shared corpora at ${corpora}`);
  console.log((await runParity(corpora)).join('\n'));
  process.exit(0);
}

const large = values.set === 'large';
const knowledgeDir = values.knowledge ? userPath(values.knowledge) : large ? SHARED_CORPUS : DEFAULT_KNOWLEDGE_DIR;
if (!existsSync(knowledgeDir)) fail(`no knowledge folder at ${knowledgeDir}`);

if (values.set === 'summary') {
  const budget = values.sentences === undefined ? SUMMARY_EVAL_SENTENCES : Number(values.sentences);
  if (!Number.isInteger(budget) || budget < 1) fail(`--sentences must be a whole number of at least 1, not ${values.sentences}`);
  const file = values.questions ? userPath(values.questions) : resolve(PROJECT_ROOT, `tests/eval/${knowledgeDir === DEFAULT_KNOWLEDGE_DIR ? 'summaries' : 'summaries-large'}.json`);
  const { kb } = await openKnowledgeBase({ knowledgeDir, cacheDir: DEFAULT_CACHE_DIR });
  const entries = (await readSummaryEntries(file)).filter((e) => only === undefined || summaryPart(e) === only);
  const outcomes = evaluateSummaries(kb, entries, budget);
  console.log([`# Summaries: ${file} on ${knowledgeDir}, ${budget} sentences${only ? `, ${only} part only` : ''}`, '', ...formatSummaries(outcomes, misses)].join('\n'));
  process.exit(0);
}
const questionsFile = values.questions ? userPath(values.questions) : resolve(PROJECT_ROOT, `tests/eval/${large ? 'large' : 'article'}.json`);
const { kb } = await openKnowledgeBase({ knowledgeDir, cacheDir: DEFAULT_CACHE_DIR });

if (values.set === 'feedback') {
  const questions = await readParagraphQuestions(questionsFile);
  console.log([`# Learning from votes: ${questionsFile}`, '', ...formatFeedback(simulateFeedback(kb, questions))].join('\n'));
} else if (values.set === 'dev') {
  for (const file of values.questions ? [userPath(values.questions)] : DEV_SETS.map((f) => resolve(PROJECT_ROOT, f))) {
    const outcomes = evaluateParagraphs(kb, await readParagraphQuestions(file));
    console.log([`# Development set: ${file}`, '', ...formatArticle(outcomes), ''].join('\n'));
    if (misses) console.log([`Misses (${misses}):`, ...articleMisses(outcomes, misses), ''].join('\n'));
  }
} else if (!large) {
  const questions = await readParagraphQuestions(questionsFile);
  const outcomes = evaluateParagraphs(kb, questions);
  console.log([`# Article: ${questionsFile}`, '', ...formatArticle(outcomes)].join('\n'));
  if (misses) console.log(['', `Misses (${misses}):`, ...articleMisses(outcomes, misses)].join('\n'));
} else {
  const questions = await readPageQuestions(questionsFile);
  const footnote = evaluatePages(footnotePages(kb), questions);
  const engines = [{ name: 'footnote', outcomes: footnote }];
  if (values.peers !== 'none') {
    const { chunks } = await loadKnowledge(knowledgeDir);
    for (const peer of PAGE_PEERS) engines.push({ name: `${peer.name} (${peer.setup})`, outcomes: evaluatePages(peer.build(chunks), questions) });
  }
  console.log([`# Pages: ${questionsFile} on ${knowledgeDir} (${kb.documents.length} documents, ${kb.chunks.size} paragraphs)`, '', ...formatPages(engines)].join('\n'));
  if (misses) console.log([`Footnote's misses (${misses}):`, ...pageMisses(footnote, misses)].join('\n'));
}
