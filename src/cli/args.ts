import { parseArgs } from 'node:util';
import { UsageError } from './usage.ts';

/** Every option any command takes; each command says which of them apply to it. */
export const OPTIONS = {
  json: { type: 'boolean' },
  knowledge: { type: 'string' },
  batch: { type: 'string' },
  document: { type: 'string' },
  topic: { type: 'string' },
  sentences: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  rebuild: { type: 'boolean' },
  since: { type: 'string' },
  declined: { type: 'boolean' },
  unhelpful: { type: 'boolean' },
  all: { type: 'boolean' },
  csv: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type OptionName = keyof typeof OPTIONS;

/** What every command takes. */
export const COMMON_OPTIONS: readonly OptionName[] = ['json', 'knowledge', 'help'];

export type OptionValues = ReturnType<typeof parseAll>['values'];

export interface Args {
  values: OptionValues;
  /** The words after the command, joined: a question, a query or a citation. */
  text: string;
}

function parseAll(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
}

/**
 * Parses a command's arguments. All options are known to the parser, so one that exists but does
 * not apply ("--topic does not apply to ask") is told apart from one that does not exist at all.
 */
export function parseCommandArgs(command: string, argv: string[], allowed: readonly OptionName[]): Args {
  let parsed: ReturnType<typeof parseAll>;
  try {
    parsed = parseAll(argv);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const name of Object.keys(parsed.values) as OptionName[]) {
    if (!COMMON_OPTIONS.includes(name) && !allowed.includes(name)) throw new UsageError(`--${name} does not apply to ${command}`);
  }
  return { values: parsed.values, text: parsed.positionals.join(' ').trim() };
}

/** A whole-number option, or undefined when it was not given. */
export function integerOption(name: OptionName, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  return n;
}
