import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { SingleBar } from 'cli-progress';
import { ask, search, source, summarize, UnknownCitationError, UnknownDocumentError } from '../answer/index.ts';
import { ConfigError, loadEnvFile, readBaseConfig, type BaseConfig } from '../config.ts';
import { checkKnowledge } from '../knowledge/check.ts';
import { KnowledgeFolderError, loadKnowledge } from '../knowledge/index.ts';
import { createLogger, type Logger } from '../log.ts';
import { userPath } from '../paths.ts';
import { askErrorJson, askJson, searchJson, sourceJson, summaryJson } from '../present/json.ts';
import { ANSI, formatAsk, formatIndexStats, formatSearch, formatSource, formatSummary, PLAIN } from '../present/terminal.ts';
import { openKnowledgeBase, type KnowledgeBase, type Opened } from '../search/index.ts';
import { UsageError, USAGE } from './usage.ts';

export interface Io {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

const OPTIONS = {
  json: { type: 'boolean' },
  knowledge: { type: 'string' },
  batch: { type: 'string' },
  document: { type: 'string' },
  topic: { type: 'string' },
  sentences: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  questions: { type: 'string' },
  rebuild: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;
const COMMON: OptionName[] = ['json', 'knowledge', 'help'];
const ALLOWED: Record<string, OptionName[]> = {
  ask: [...COMMON, 'batch', 'document'],
  search: [...COMMON, 'document', 'limit', 'offset'],
  summary: [...COMMON, 'topic', 'document', 'sentences'],
  source: [...COMMON],
  index: [...COMMON, 'rebuild'],
  'check-knowledge': [...COMMON],
};

function integer(name: string, value: string | undefined, min: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min} (got "${value}")`);
  return n;
}

async function readLines(file: string, io: Io): Promise<string[]> {
  let text: string;
  if (file === '-') {
    const parts: Buffer[] = [];
    for await (const part of io.stdin) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
    text = Buffer.concat(parts).toString('utf8');
  } else {
    try {
      text = await readFile(userPath(file, io.env), 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read --batch file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function open(config: BaseConfig, io: Io, log: Logger, rebuild = false): Promise<Opened> {
  let bar: SingleBar | null = null;
  const opened = await openKnowledgeBase({
    knowledgeDir: config.knowledgeDir,
    cacheDir: config.cacheDir,
    rebuild,
    onCacheProblem: (message) => log.warn({ knowledgeDir: config.knowledgeDir }, `rebuilding the index: ${message}`),
    onProgress: (done, total) => {
      // Only worth drawing when a person is watching a long load.
      if (!bar && total >= 200 && io.stderr.isTTY) {
        bar = new SingleBar({ stream: io.stderr, format: 'indexing [{bar}] {value}/{total} files', hideCursor: true });
        bar.start(total, 0);
      }
      bar?.update(done);
      if (done === total) bar?.stop();
    },
  });
  if (opened.from === 'build') {
    for (const s of opened.kb.skipped) log.warn({ file: s.path, reason: s.reason }, `skipped ${s.path}: ${s.reason}`);
  }
  return opened;
}

function print(io: Io, text: string): void {
  io.stdout.write(`${text}\n`);
}

/** Runs one CLI command; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (!command) {
    io.stderr.write(`${USAGE}\n`);
    return 2;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    print(io, USAGE);
    return 0;
  }
  const allowed = ALLOWED[command];
  if (!allowed) {
    io.stderr.write(`Unknown command "${command}".\n\n${USAGE}\n`);
    return 2;
  }

  let log: Logger | null = null;
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    }
    const { values, positionals } = parsed;
    if (values.help) {
      print(io, USAGE);
      return 0;
    }
    for (const name of Object.keys(values) as OptionName[]) {
      if (!allowed.includes(name)) throw new UsageError(`--${name} does not apply to ${command}`);
    }
    const config = readBaseConfig(io.env, values.knowledge);
    log = createLogger({ level: config.logLevel, format: config.logFormat, destination: io.stderr });
    const style = io.stdout.isTTY && !io.env.NO_COLOR && !values.json ? ANSI : PLAIN;
    const text = positionals.join(' ').trim();
    const json = values.json === true;

    switch (command) {
      case 'ask': {
        if (values.batch !== undefined) {
          if (text) throw new UsageError('give either a question or --batch FILE, not both');
          if (!json) throw new UsageError('--batch writes JSON Lines: add --json');
          const lines = await readLines(values.batch, io);
          const { kb } = await open(config, io, log);
          for (const line of lines) print(io, JSON.stringify(batchLine(kb, line, values.document)));
          return 0;
        }
        if (!text) throw new UsageError('ask needs a question, e.g. npm run ask -- "When is the World AI Conference held?"');
        const { kb } = await open(config, io, log);
        const result = ask(kb, text, values.document ? { document: values.document, passages: 5 } : { passages: 5 });
        print(io, json ? JSON.stringify(askJson(result)) : formatAsk(result, style));
        return 0;
      }
      case 'search': {
        if (!text) throw new UsageError('search needs a query');
        const { kb } = await open(config, io, log);
        const result = search(kb, text, {
          ...(values.document ? { document: values.document } : {}),
          limit: integer('limit', values.limit, 1) ?? 5,
          offset: integer('offset', values.offset, 0) ?? 0,
        });
        print(io, json ? JSON.stringify(searchJson(result)) : formatSearch(result, style));
        return 0;
      }
      case 'summary': {
        if (text) throw new UsageError(`summary takes --topic and --document, not words ("${text}"); try --topic "${text}"`);
        const { kb } = await open(config, io, log);
        const sentences = integer('sentences', values.sentences, 1);
        const result = summarize(kb, {
          ...(values.topic ? { topic: values.topic } : {}),
          ...(values.document ? { document: values.document } : {}),
          ...(sentences ? { sentences } : {}),
        });
        print(io, json ? JSON.stringify(summaryJson(result)) : formatSummary(result, style));
        return 0;
      }
      case 'source': {
        if (!text) throw new UsageError('source needs a citation id, e.g. china-ai-governance#p2');
        const { kb } = await open(config, io, log);
        const result = source(kb, text);
        print(io, json ? JSON.stringify(sourceJson(result)) : formatSource(result, style));
        return 0;
      }
      case 'index': {
        const opened = await open(config, io, log, values.rebuild === true);
        const { kb } = opened;
        if (json) {
          print(io, JSON.stringify({ from: opened.from, ms: Math.round(opened.ms), documents: kb.documents.length, chunks: kb.chunks.size, skipped: kb.skipped }));
        } else {
          print(io, formatIndexStats(kb, opened.from, opened.ms));
        }
        return 0;
      }
      case 'check-knowledge': {
        const loaded = await loadKnowledge(config.knowledgeDir);
        const findings = checkKnowledge(loaded);
        const errors = findings.filter((f) => f.level === 'error').length;
        if (json) print(io, JSON.stringify({ documents: loaded.documents.length, chunks: loaded.chunks.length, findings }));
        else {
          for (const f of findings) print(io, `${f.level === 'error' ? 'error  ' : 'warning'}  ${f.path}: ${f.message}`);
          print(io, `${loaded.documents.length} documents, ${loaded.documents.reduce((n, d) => n + d.paragraphs, 0)} paragraphs; ${errors} error${errors === 1 ? '' : 's'}, ${findings.length - errors} warning${findings.length - errors === 1 ? '' : 's'}.`);
        }
        return errors > 0 ? 1 : 0;
      }
    }
    return 2;
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof UnknownCitationError || error instanceof UnknownDocumentError || error instanceof KnowledgeFolderError || error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (log) log.error({ err: error }, 'command failed');
    else io.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/** One line of a batch: always an object, with `error` when the line could not be asked. */
function batchLine(kb: KnowledgeBase, line: string, document: string | undefined) {
  const query = line.trim();
  if (query === '') return askErrorJson(line, 'blank line');
  const result = ask(kb, query, document ? { document, passages: 5 } : { passages: 5 });
  const json = askJson(result);
  return result.reason === 'empty' || result.reason === 'no-words' ? { ...json, error: result.refusal ?? 'unusable question' } : json;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  loadEnvFile();
  const code = await run(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
  process.exitCode = code;
}
