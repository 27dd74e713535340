import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParagraphQuestions } from '../src/eval/sets.ts';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../src/paths.ts';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { benchDiscord } from './discord.ts';
import { benchPeers, footnoteFigures, formatPeers, PEER_NAMES } from './peers.ts';
import { benchEngine, knownItemQueries, type Query } from './engine.ts';

const USAGE = `npm run bench -- [--knowledge DIR] [--queries N] [--discord N] [--peers LIST] [--peer-queries N]

Without --knowledge, benchmarks the article in knowledge/ with the evaluation questions.
--discord N: N sequential /ask interactions and a burst of N through the bot (default 200; 0 skips).
--peers LIST: the other engines to compare, comma-separated (default: all of ${PEER_NAMES.join(', ')}; none skips).
--peer-queries N: queries per peer (default: as many as --queries, at most 1000).
Figures are printed; nothing here is asserted (speed is not a test).`;

const { values } = parseArgs({
  options: {
    knowledge: { type: 'string' },
    queries: { type: 'string' },
    discord: { type: 'string' },
    peers: { type: 'string' },
    'peer-queries': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
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
    const questions = await readParagraphQuestions(join(PROJECT_ROOT, 'tests/eval/article.json'));
    queries = questions.map((q) => ({ text: q.question, expected: null }));
  }
  const engine = await benchEngine(knowledgeDir, cacheDir, queries, rounds);
  console.log(['# Engine', '', ...engine.lines].join('\n'));

  const peerNames = values.peers === undefined || values.peers === 'all' ? [...PEER_NAMES] : values.peers === 'none' ? [] : values.peers.split(',');
  if (peerNames.length > 0) {
    const peerQueries = knownItemQueries(engine.kb.chunks, Math.min(rounds, Number(values['peer-queries'] ?? 1000)));
    const loaded = await loadKnowledge(knowledgeDir);
    const footnote = await footnoteFigures(knowledgeDir, loaded, peerQueries);
    const peers = await benchPeers(loaded.chunks, peerQueries, { engines: peerNames });
    console.log(['', `# Peers (same chunks, ${peerQueries.length} known-item queries, default setups)`, '', ...formatPeers(footnote, peers)].join('\n'));
  }

  const interactions = Number(values.discord ?? 200);
  if (interactions > 0) {
    const questions = (queries ?? knownItemQueries(engine.kb.chunks, 200)).map((q) => q.text);
    const discord = await benchDiscord(engine.kb, questions, interactions, interactions);
    console.log(['', '# Discord (real discord.js client, local stand-in on 127.0.0.1)', '', ...discord].join('\n'));
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
