import { PassThrough, Readable } from 'node:stream';
import { run } from '../../src/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with captured output; the environment keeps indexes out of the project. */
export async function cli(args: string[], env: NodeJS.ProcessEnv = {}, stdin = ''): Promise<CliResult> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (b: Buffer) => out.push(b));
  stderr.on('data', (b: Buffer) => err.push(b));
  const code = await run(args, {
    stdout,
    stderr,
    stdin: Readable.from([stdin]),
    env: { FOOTNOTE_CACHE: 'off', LOG_LEVEL: 'warn', LOG_FORMAT: 'json', ...env },
  });
  return { code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}
