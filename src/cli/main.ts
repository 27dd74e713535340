import { pathToFileURL } from 'node:url';
import { loadEnvFile, readBaseConfig } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { ANSI, PLAIN, type TerminalStyle } from '../present/terminal.ts';
import { parseCommandArgs, type Args } from './args.ts';
import { COMMANDS, type Command } from './commands.ts';
import { classify, reportFailure } from './errors.ts';
import { print, type Io } from './io.ts';
import { USAGE } from './usage.ts';

export type { Io } from './io.ts';

const HELP = new Set(['--help', '-h', 'help']);

/** Asked for, the usage goes to stdout and exits 0; as a reproach, to stderr with 2. */
function usage(io: Io, asked: boolean): number {
  if (asked) print(io, USAGE);
  else io.stderr.write(`${USAGE}\n`);
  return asked ? 0 : 2;
}

function commandNamed(name: string): Command | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

/** Colours only for a person at a terminal who has not asked for none, and never in JSON. */
function outputStyle(args: Args, io: Io): { json: boolean; style: TerminalStyle } {
  const json = args.values.json === true;
  return { json, style: io.stdout.isTTY && !io.env.NO_COLOR && !json ? ANSI : PLAIN };
}

/** Runs one CLI command; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || HELP.has(name)) return usage(io, name !== undefined);
  const command = commandNamed(name);
  if (!command) {
    io.stderr.write(`Unknown command "${name}".\n\n${USAGE}\n`);
    return 2;
  }
  let log: Logger | null = null;
  try {
    const args = parseCommandArgs(name, rest, command.options);
    if (args.values.help) return usage(io, true);
    const config = readBaseConfig(io.env, args.values.knowledge);
    log = createLogger({ level: config.logLevel, format: config.logFormat, destination: io.stderr });
    return await command.run({ args, config, io, log, ...outputStyle(args, io) });
  } catch (error) {
    return reportFailure(classify(error), io, log);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadEnvFile();
  process.exitCode = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
}
