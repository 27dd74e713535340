// Runs a TypeScript entry point as its own Node process, the way `npm start` does, and collects
// everything it prints.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PROJECT } from './fixtures.ts';

// Node with tsx's loader, not the tsx CLI: the CLI relays signals to a child process with a 30 ms
// handshake, and on a busy machine it kills the child before our SIGTERM handler has run.
export const TSX_LOADER = pathToFileURL(join(PROJECT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Only what the process needs: no developer settings leak in, none of ours leak out. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, SystemRoot } = process.env;
  return { PATH, HOME, SystemRoot, NODE_NO_WARNINGS: '1', LOG_FORMAT: 'json', FOOTNOTE_WATCH: 'false', ...extra };
}

/**
 * Runs `script` (relative to the project) in `cwd`; `until`, given stderr so far, may return a
 * signal to send once. Killed after `timeoutMs`.
 */
export function runScript(
  script: string,
  options: { env: NodeJS.ProcessEnv; cwd: string; until?: (stderr: string) => NodeJS.Signals | null; timeoutMs?: number },
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(PROJECT, script)], { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const signal = !signalled && options.until ? options.until(stderr) : null;
      if (signal) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON log lines of a run's stderr. */
export function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}
