import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadKnowledge } from '../knowledge/index.ts';
import { DEFAULT_CACHE_DIR, DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../paths.ts';
import { openKnowledgeBase } from '../search/index.ts';
import { evaluatePages, evaluateParagraphs, footnotePages } from './evaluate.ts';
import { PAGE_PEERS } from './peers.ts';
import { articleMisses, formatArticle, formatPages, pageMisses } from './report.ts';
import { readPageQuestions, readParagraphQuestions, SPLITS, type Split } from './sets.ts';

const USAGE = `npm run eval -- [--set article|large] [--knowledge DIR] [--questions FILE] [--misses tune|held-out] [--peers none]

--set article (default): tests/eval/article.json on knowledge/: declining and ranking, per split and kind.
--set large: tests/eval/large.json on --knowledge (default ../shared/corpora/debian-docs): the page
  that answers in the top 1 / top 3, beside MiniSearch with its defaults and MiniSearch tuned.
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
    help: { type: 'boolean', short: 'h' },
  },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.set !== 'article' && values.set !== 'large') fail(`--set must be article or large, not ${values.set}`);
const misses = values.misses as Split | undefined;
if (misses !== undefined && !SPLITS.includes(misses)) fail(`--misses must be ${SPLITS.join(' or ')}`);

const large = values.set === 'large';
const knowledgeDir = values.knowledge ? userPath(values.knowledge) : large ? SHARED_CORPUS : DEFAULT_KNOWLEDGE_DIR;
if (!existsSync(knowledgeDir)) fail(`no knowledge folder at ${knowledgeDir}`);
const questionsFile = values.questions ? userPath(values.questions) : resolve(PROJECT_ROOT, `tests/eval/${large ? 'large' : 'article'}.json`);
const { kb } = await openKnowledgeBase({ knowledgeDir, cacheDir: DEFAULT_CACHE_DIR });

if (!large) {
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
