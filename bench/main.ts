import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { readParagraphQuestions } from '../src/eval/sets.ts';
import { DEFAULT_KNOWLEDGE_DIR, PROJECT_ROOT, userPath } from '../src/paths.ts';
import { loadKnowledge } from '../src/knowledge/index.ts';
import { benchDiscord } from './discord.ts';
import { benchPeers, footnoteFigures, formatPeers, PEER_NAMES } from './peers.ts';
import { renderChart } from './chart.ts';
import { benchEngine, knownItemQueries, type Query } from './engine.ts';
import { machine, readRecord, withRun, writeRecord } from './record.ts';
import type { PeerFigures } from './peers/types.ts';

const USAGE = `npm run bench -- [--knowledge DIR] [--queries N] [--discord N] [--peers LIST] [--peer-queries N] [--chart FILE|none]

Without --knowledge, benchmarks the article in knowledge/ with the evaluation questions.
--discord N: N sequential /ask interactions, a burst of N, and N sequential @mentions through the bot (default 200; 0 skips).
--peers LIST: the other engines to compare, comma-separated (default: all of ${PEER_NAMES.join(', ')}; none skips).
--peer-queries N: queries per peer (default: as many as --queries, at most 1000).
--chart FILE: where the SVG chart goes (default docs/benchmarks.svg; none skips). The figures of
  each folder run are kept beside it (docs/benchmarks.json), one run per folder, so benchmarking
  several folders draws latency and memory against folder size.
Figures are printed; nothing here is asserted (speed is not a test).`;

const { values } = parseArgs({
  options: {
    knowledge: { type: 'string' },
    queries: { type: 'string' },
    discord: { type: 'string' },
    peers: { type: 'string' },
    'peer-queries': { type: 'string' },
    chart: { type: 'string' },
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

  let peerFigures: PeerFigures[] | null = null;
  const peerNames = values.peers === undefined || values.peers === 'all' ? [...PEER_NAMES] : values.peers === 'none' ? [] : values.peers.split(',');
  if (peerNames.length > 0) {
    const peerQueries = knownItemQueries(engine.kb.chunks, Math.min(rounds, Number(values['peer-queries'] ?? 1000)));
    const loaded = await loadKnowledge(knowledgeDir);
    const footnote = await footnoteFigures(knowledgeDir, loaded, peerQueries);
    const peers = await benchPeers(loaded.chunks, peerQueries, { engines: peerNames });
    peerFigures = [footnote, ...peers];
    console.log(['', `# Peers (same chunks, ${peerQueries.length} known-item queries, default setups)`, '', ...formatPeers(footnote, peers)].join('\n'));
  }

  const interactions = Number(values.discord ?? 200);
  if (interactions > 0) {
    const questions = (queries ?? knownItemQueries(engine.kb.chunks, 200)).map((q) => q.text);
    const discord = await benchDiscord(engine.kb, questions, interactions, interactions);
    console.log(['', '# Discord (real discord.js client, local stand-in on 127.0.0.1)', '', ...discord].join('\n'));
  }
  if (values.chart !== 'none') {
    const chart = userPath(values.chart ?? join(PROJECT_ROOT, 'docs/benchmarks.svg'));
    const recordFile = chart.replace(/\.svg$/, '') + '.json';
    const run = { folder: basename(knowledgeDir), ...engine.figures, measuredOn: machine(), date: new Date().toISOString().slice(0, 10), peers: peerFigures };
    const record = withRun(await readRecord(recordFile), run);
    await writeRecord(recordFile, record);
    const svg = renderChart(record);
    if (svg) await writeFile(chart, svg);
    console.log(`\nfigures recorded in ${recordFile}${svg ? `; chart written to ${chart}` : ''}`);
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
