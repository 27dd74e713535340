import { search, source, summarize } from '../answer/index.ts';
import type { BaseConfig } from '../config.ts';
import { checkKnowledge } from '../knowledge/check.ts';
import { loadKnowledge } from '../knowledge/index.ts';
import type { Logger } from '../log.ts';
import { askJson, searchJson, sourceJson, summaryJson } from '../present/json.ts';
import { formatQuestionReport, questionGroupJson, questionReportCsv } from '../present/questions.ts';
import { questionReport, type ReportFilter } from '../questions/report.ts';
import { readQuestionLogConfig, openQuestionStore } from '../store/index.ts';
import { formatAsk, formatFindings, formatIndexStats, formatSearch, formatSource, formatSummary, type TerminalStyle } from '../present/terminal.ts';
import { integerOption, type Args, type OptionName } from './args.ts';
import { askLine, askQuestion, lineJson, readLines } from './batch.ts';
import { print, type Io } from './io.ts';
import { openForCli } from './open.ts';
import { sinceTime } from './since.ts';
import { UsageError } from './usage.ts';

/** What a command runs with, once its arguments and the settings have been read. */
export interface CommandContext {
  args: Args;
  config: BaseConfig;
  io: Io;
  log: Logger;
  style: TerminalStyle;
  json: boolean;
}

export interface Command {
  /** Options it takes beyond --json, --knowledge and --help. */
  options: readonly OptionName[];
  /** Returns the exit code. */
  run(c: CommandContext): Promise<number>;
}

/** The JSON object with --json, the text for a person without. */
function show(c: CommandContext, json: () => unknown, text: () => string): void {
  print(c.io, c.json ? JSON.stringify(json()) : text());
}

const askCommand: Command = {
  options: ['batch', 'document'],
  async run(c) {
    const { batch, document } = c.args.values;
    if (batch !== undefined) return askBatch(c, batch);
    if (!c.args.text) throw new UsageError('ask needs a question, e.g. npm run ask -- "When is the World AI Conference held?"');
    const { kb } = await openForCli(c.config, c.io, c.log);
    const result = askQuestion(kb, c.args.text, document);
    show(c, () => askJson(result), () => formatAsk(result, c.style));
    return 0;
  },
};

async function askBatch(c: CommandContext, file: string): Promise<number> {
  if (c.args.text) throw new UsageError('give either a question or --batch FILE, not both');
  if (!c.json) throw new UsageError('--batch writes JSON Lines: add --json');
  const lines = await readLines(file, c.io);
  const { kb } = await openForCli(c.config, c.io, c.log);
  for (const line of lines) print(c.io, JSON.stringify(lineJson(line, askLine(kb, line, c.args.values.document))));
  return 0;
}

const searchCommand: Command = {
  options: ['document', 'limit', 'offset'],
  async run(c) {
    const { document, limit, offset } = c.args.values;
    if (!c.args.text) throw new UsageError('search needs a query');
    const { kb } = await openForCli(c.config, c.io, c.log);
    const result = search(kb, c.args.text, {
      ...(document ? { document } : {}),
      limit: integerOption('limit', limit, 1) ?? 5,
      offset: integerOption('offset', offset, 0) ?? 0,
    });
    show(c, () => searchJson(result), () => formatSearch(result, c.style));
    return 0;
  },
};

const summaryCommand: Command = {
  options: ['topic', 'document', 'sentences'],
  async run(c) {
    const { topic, document } = c.args.values;
    const text = c.args.text;
    if (text) throw new UsageError(`summary takes --topic and --document, not words ("${text}"); try --topic "${text}"`);
    const { kb } = await openForCli(c.config, c.io, c.log);
    const sentences = integerOption('sentences', c.args.values.sentences, 1);
    const result = summarize(kb, { ...(topic ? { topic } : {}), ...(document ? { document } : {}), ...(sentences ? { sentences } : {}) });
    show(c, () => summaryJson(result), () => formatSummary(result, c.style));
    return 0;
  },
};

const sourceCommand: Command = {
  options: [],
  async run(c) {
    if (!c.args.text) throw new UsageError('source needs a citation id, e.g. china-ai-governance#p2');
    const { kb } = await openForCli(c.config, c.io, c.log);
    const result = source(kb, c.args.text);
    show(c, () => sourceJson(result), () => formatSource(result, c.style));
    return 0;
  },
};

const indexCommand: Command = {
  options: ['rebuild'],
  async run(c) {
    const opened = await openForCli(c.config, c.io, c.log, c.args.values.rebuild === true);
    const { kb } = opened;
    show(
      c,
      () => ({
        from: opened.from,
        ms: Math.round(opened.ms),
        documents: kb.documents.length,
        chunks: kb.chunks.size,
        skipped: kb.skipped,
        formats: opened.formats.map((f) => ({ ...f, ms: Math.round(f.ms), filesPerSecond: f.ms > 0 ? Math.round((f.files * 10_000) / f.ms) / 10 : null })),
      }),
      () => formatIndexStats(kb, opened.from, opened.ms, opened.formats),
    );
    return 0;
  },
};

const checkKnowledgeCommand: Command = {
  options: [],
  async run(c) {
    const loaded = await loadKnowledge(c.config.knowledgeDir);
    const findings = checkKnowledge(loaded);
    show(c, () => ({ documents: loaded.documents.length, chunks: loaded.chunks.length, findings }), () => formatFindings(findings, loaded.documents));
    return findings.some((f) => f.level === 'error') ? 1 : 0;
  },
};

const FILTER_HEADINGS: Record<ReportFilter, string> = {
  todo: 'Questions declined or voted not helpful',
  declined: 'Questions declined',
  unhelpful: 'Answers voted not helpful',
  all: 'All questions',
};

function reportFilter(values: CommandContext['args']['values']): ReportFilter {
  const chosen = (['declined', 'unhelpful', 'all'] as const).filter((f) => values[f] === true);
  if (chosen.length > 1) throw new UsageError(`choose one of --declined, --unhelpful and --all (got ${chosen.map((f) => `--${f}`).join(' and ')})`);
  return chosen[0] ?? 'todo';
}

/** The question log's to-do list, offline, from the same database the bot writes. */
const questionsCommand: Command = {
  options: ['since', 'declined', 'unhelpful', 'all', 'csv'],
  async run(c) {
    if (c.args.text) throw new UsageError(`questions takes options only, not "${c.args.text}"`);
    if (c.json && c.args.values.csv) throw new UsageError('choose --json or --csv, not both');
    const filter = reportFilter(c.args.values);
    const sinceText = c.args.values.since ?? '7d';
    const since = sinceTime(sinceText, Date.now());
    const config = readQuestionLogConfig(c.io.env);
    const store = await openQuestionStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    try {
      await store.migrate();
      const groups = questionReport(await store.rows({ since }), { filter });
      if (c.json) print(c.io, groups.map((g) => JSON.stringify(questionGroupJson(g))).join('\n'));
      else if (c.args.values.csv) print(c.io, questionReportCsv(groups));
      else print(c.io, formatQuestionReport(groups, `${FILTER_HEADINGS[filter]}, ${since === null ? 'all time' : `since ${sinceText}`} (${store.description})`, c.style));
    } finally {
      await store.close();
    }
    return 0;
  },
};

/** The sub-commands, by the name typed after `main.ts` (npm's script names). */
export const COMMANDS: Readonly<Record<string, Command>> = {
  ask: askCommand,
  search: searchCommand,
  summary: summaryCommand,
  source: sourceCommand,
  index: indexCommand,
  'check-knowledge': checkKnowledgeCommand,
  questions: questionsCommand,
};
