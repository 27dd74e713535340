import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readQuestions } from '../src/eval/evaluate.ts';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../src/paths.ts';
import { benchEngine, type Query } from './engine.ts';

const USAGE = `npm run bench -- [--knowledge DIR] [--queries N]

Without --knowledge, benchmarks the article in knowledge/ with the evaluation questions.
Figures are printed; nothing here is asserted (speed is not a test).`;

const { values } = parseArgs({
  options: { knowledge: { type: 'string' }, queries: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  strict: true,
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const rounds = Number(values.queries ?? 1000);
if (!Number.isInteger(rounds) || rounds < 1) {
  console.error(`--queries must be a positive whole number\n\n${USAGE}`);
  process.exit(2);
}

const knowledgeDir = values.knowledge ? userPath(values.knowledge) : DEFAULT_KNOWLEDGE_DIR;
const cacheDir = await mkdtemp(join(tmpdir(), 'footnote-bench-'));
try {
  let queries: Query[] | null = null;
  if (!values.knowledge) {
    const questions = await readQuestions(join(PROJECT_ROOT, 'tests/eval/questions.json'));
    queries = questions.map((q) => ({ text: q.question, expected: null }));
  }
  const engine = await benchEngine(knowledgeDir, cacheDir, queries, rounds);
  console.log(['# Engine', '', ...engine.lines].join('\n'));
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
