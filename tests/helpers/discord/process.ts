// Runs a TypeScript entry point as its own Node process, the way `npm start` does, and collects
// everything it prints.
import { spawn, type ChildProcess } from 'node:child_process';
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

export interface Started {
  child: ChildProcess;
  /** stderr so far. */
  stderr(): string;
  /** Resolves with stderr once `pattern` matches it; rejects after `timeoutMs` or when the process ends first. */
  waitForStderr(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has ended (killed with SIGKILL after `timeoutMs` of runScript's options). */
  done: Promise<Run>;
}

/**
 * Like runScript, but hands back the running process, for tests that act on it while it runs
 * (dispatch interactions, then signal it). With `detached`, it leads its own process group.
 */
export function startScript(script: string, options: { env: NodeJS.ProcessEnv; cwd: string; timeoutMs?: number; detached?: boolean }): Started {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(PROJECT, script)], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group (its children join it), as a terminal gives a command: `process.kill(-pid)` signals them all.
    detached: options.detached ?? false,
  });
  let stdout = '';
  let stderr = '';
  const watchers = new Set<() => void>();
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 15_000);
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
    for (const watch of watchers) watch();
  });
  const done = new Promise<Run>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      for (const watch of watchers) watch();
      resolve({ code, signal, stdout, stderr });
    });
  });
  return {
    child,
    stderr: () => stderr,
    done,
    waitForStderr(pattern, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const stopWatching = (): void => {
          watchers.delete(watch);
          clearTimeout(timeout);
        };
        const watch = (): void => {
          if (pattern.test(stderr)) {
            stopWatching();
            resolve(stderr);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            stopWatching();
            reject(new Error(`${script} ended before ${String(pattern)} appeared:\n${stderr}`));
          }
        };
        const timeout = setTimeout(() => {
          stopWatching();
          reject(new Error(`timed out after ${timeoutMs} ms waiting for ${String(pattern)} from ${script}:\n${stderr}`));
        }, timeoutMs);
        watchers.add(watch);
        watch();
      });
    },
  };
}
