/**
 * Where a process answering questions keeps its memory: opens a knowledge base (building it, or
 * from the persisted index), asks questions, reloads, and prints RSS, heap and array buffers
 * after each step. The engine alone: no Discord client in the process.
 *
 *   node --expose-gc --import tsx bench/memory.ts [--knowledge DIR] [--from build|cache] [--questions N]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ask } from '../src/answer/index.ts';
import { readParagraphQuestions } from '../src/eval/sets.ts';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../src/paths.ts';
import { openKnowledgeBase, reloadKnowledgeBase } from '../src/search/index.ts';
import { machine } from './record.ts';
import { mb } from './stats.ts';

const { values } = parseArgs({
  options: {
    knowledge: { type: 'string' },
    from: { type: 'string', default: 'cache' },
    questions: { type: 'string', default: '1000' },
  },
  strict: true,
});

function report(step: string): void {
  globalThis.gc?.();
  const m = process.memoryUsage();
  console.log(`${step.padEnd(34)} RSS ${mb(m.rss).padStart(7)} · heap ${mb(m.heapUsed).padStart(7)} · array buffers ${mb(m.arrayBuffers).padStart(7)}`);
}

async function buildElsewhere(knowledgeDir: string, cacheDir: string): Promise<void> {
  const cli = join(PROJECT_ROOT, 'src/cli/main.ts');
  await promisify(execFile)(process.execPath, ['--import', 'tsx', cli, 'index', '--knowledge', knowledgeDir], {
    env: { ...process.env, FOOTNOTE_CACHE_DIR: cacheDir, LOG_LEVEL: 'warn' },
  });
}

const knowledgeDir = values.knowledge ? userPath(values.knowledge) : DEFAULT_KNOWLEDGE_DIR;
const cacheDir = await mkdtemp(join(tmpdir(), 'footnote-memory-'));
try {
  console.log(`on ${machine()}`);
  report('modules loaded');
  // Built by another process, as a bot finds it after `npm run index`: nothing of the build stays here.
  if (values.from === 'cache') await buildElsewhere(knowledgeDir, cacheDir);
  const opened = await openKnowledgeBase({ knowledgeDir, cacheDir });
  report(`opened (${opened.from})`);
  const questions = (await readParagraphQuestions(join(PROJECT_ROOT, 'tests/eval/article.json'))).map((q) => q.question);
  const count = Number(values.questions);
  for (let i = 0; i < count; i++) ask(opened.kb, questions[i % questions.length]!);
  report(`${count} questions asked`);
  const reloaded = await reloadKnowledgeBase({ ...opened.kb, fingerprint: 'changed', files: [] });
  report('reloaded (every file re-read)');
  for (let i = 0; i < count; i++) ask(reloaded.kb, questions[i % questions.length]!);
  report(`${count} more questions asked`);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
