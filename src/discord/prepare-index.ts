import { openLogged } from '../open-knowledge.ts';
import { cacheFileFor } from '../search/index.ts';
import { createBotLogger, errorForLog } from './logger.ts';
import { loadBotConfig } from './start.ts';

/**
 * Forked once by the shard manager (sharded.ts) before it starts the shards: builds the persisted
 * index, or checks that the one on disk matches the files, sends the manager a summary and exits.
 *
 * It is a process of its own so that the manager stays small: building needs WordNet and the
 * whole index in memory (about 640 MB on the Python documentation), and a Node process does not
 * give that back to the system; the manager lives as long as the bot. Shards then load the index
 * from disk and never need WordNet.
 */

/** What the manager is told (and logs as "index ready"). */
export interface IndexSummary {
  from: 'cache' | 'build';
  reason: string | null;
  documents: number;
  chunks: number;
  ms: number;
  file: string;
}

/** The child the shard manager forks (see sharded.ts): prepares the index, reports, exits. */
export async function prepareIndexProcess(): Promise<void> {
  if (typeof process.send !== 'function') {
    process.stderr.write('src/main/prepare-index.ts is started by `npm run start:sharded`; to build the index yourself use `npm run index`.\n');
    process.exit(1);
  }
  // The manager checked the same settings; only a change in between fails here.
  const config = loadBotConfig();
  if (!config) process.exit(1);
  const log = createBotLogger(config).child({ role: 'index' });
  if (config.cacheDir === null) {
    log.error('FOOTNOTE_CACHE=off: there is no persisted index to prepare');
    process.exit(1);
  }
  const cacheDir = config.cacheDir;
  try {
    const opened = await openLogged({ knowledgeDir: config.knowledgeDir, cacheDir }, log);
    const summary: IndexSummary = {
      from: opened.from,
      reason: opened.reason,
      documents: opened.kb.documents.length,
      chunks: opened.kb.chunks.size,
      ms: Math.round(opened.ms),
      file: cacheFileFor(cacheDir, config.knowledgeDir),
    };
    await new Promise<void>((resolve, reject) => process.send?.(summary, (error: Error | null) => (error ? reject(error) : resolve())));
    log.flush();
    process.exit(0);
  } catch (error) {
    log.error({ err: errorForLog(error) }, 'could not build the index');
    log.flush();
    process.exit(1);
  }
}

