import { SingleBar } from 'cli-progress';
import type { BaseConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import { logSkipped, openLogged } from '../open-knowledge.ts';
import type { Opened } from '../search/index.ts';
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
  const opened = await openLogged({ knowledgeDir: config.knowledgeDir, cacheDir: config.cacheDir, rebuild, onProgress: progressBar(io) }, log, false);
  // A persisted index was logged about when it was built.
  if (opened.from === 'build') logSkipped(log, opened.kb.skipped);
  return opened;
}
