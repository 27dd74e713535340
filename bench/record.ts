import { readFile, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import type { EngineFigures } from './engine.ts';
import type { PeerFigures } from './peers/types.ts';

/** What one `npm run bench` measured on one folder: the figures the chart draws. Times in ms, sizes in bytes. */
export interface FolderRun extends EngineFigures {
  /** The folder's name, e.g. "knowledge" or "python". */
  folder: string;
  /** The machine and runtime, so a figure is never read without them. */
  measuredOn: string;
  date: string;
  /** Footnote and each peer over the same chunks and queries, when peers were run. */
  peers: PeerFigures[] | null;
}

/** Every folder benchmarked so far, one run each (the latest): what lets the chart compare sizes. */
export interface BenchRecord {
  runs: FolderRun[];
}

/** The machine, and how busy it was: other work on a shared machine slows every figure. */
export function machine(): string {
  const cores = cpus();
  const load = loadavg()[0] ?? 0;
  return `${cores.length} × ${cores[0]?.model.trim() ?? 'unknown CPU'}, Node ${process.version}, ${process.platform}, load average ${load.toFixed(1)} at the start`;
}

export async function readRecord(file: string): Promise<BenchRecord> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as BenchRecord;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { runs: [] };
    throw error;
  }
}

/** The record with `run` in place of any earlier run on the same folder, smallest folder first. */
export function withRun(record: BenchRecord, run: FolderRun): BenchRecord {
  const runs = [...record.runs.filter((r) => r.folder !== run.folder), run].sort((a, b) => a.paragraphs - b.paragraphs);
  return { runs };
}

export async function writeRecord(file: string, record: BenchRecord): Promise<void> {
  await writeFile(file, `${JSON.stringify(record, null, 2)}\n`);
}
