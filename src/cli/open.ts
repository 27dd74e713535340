import { SingleBar } from 'cli-progress';
import type { BaseConfig } from '../config.ts';
import { logSkippedFiles, type Logger } from '../log.ts';
import { openKnowledgeBase, type Opened } from '../search/index.ts';
import type { Io } from './io.ts';

/** Files below which a progress bar would only flicker. */
const PROGRESS_BAR_FILES = 200;

/** A progress callback that draws a bar on stderr, but only when a person is watching a long load. */
function progressBar(io: Io): (done: number, total: number) => void {
  let bar: SingleBar | null = null;
  return (done, total) => {
    if (!bar && total >= PROGRESS_BAR_FILES && io.stderr.isTTY) {
      bar = new SingleBar({ stream: io.stderr, format: 'indexing [{bar}] {value}/{total} files', hideCursor: true });
      bar.start(total, 0);
    }
    bar?.update(done);
    if (done === total) bar?.stop();
  };
}

/** The knowledge base a command reads: persisted when it can be, built (and its skipped files logged) when not. */
export async function openForCli(config: BaseConfig, io: Io, log: Logger, rebuild = false): Promise<Opened> {
  const opened = await openKnowledgeBase({
    knowledgeDir: config.knowledgeDir,
    cacheDir: config.cacheDir,
    rebuild,
    onCacheProblem: (message) => log.warn({ knowledgeDir: config.knowledgeDir }, `rebuilding the index: ${message}`),
    onProgress: progressBar(io),
  });
  // A persisted index was logged about when it was built.
  if (opened.from === 'build') logSkippedFiles(log, opened.kb.skipped);
  return opened;
}
