import { readFile } from 'node:fs/promises';
import { ask, type AskResult } from '../answer/index.ts';
import { userPath } from '../paths.ts';
import { askErrorJson, askJson, type JsonAnswer } from '../present/json.ts';
import type { KnowledgeBase } from '../search/index.ts';
import type { Io } from './io.ts';
import { UsageError } from './usage.ts';

/** Passages asked for per question: what `--json` lists under `results`. */
export const ASK_PASSAGES = 5;

/**
 * What became of one line. A line the material does not answer is an answer like any other
 * (`answered: false`); a blank line, or one with nothing in it to look for, is an `error`.
 */
export type LineOutcome = { kind: 'blank' } | { kind: 'unusable'; result: AskResult } | { kind: 'asked'; result: AskResult };

/** The lines of FILE, or of stdin for "-". */
export async function readLines(file: string, io: Io): Promise<string[]> {
  const text = file === '-' ? await readAll(io.stdin) : await readBatchFile(file, io);
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.isBuffer(part) ? part : Buffer.from(part));
  return Buffer.concat(parts).toString('utf8');
}

async function readBatchFile(file: string, io: Io): Promise<string> {
  try {
    return await readFile(userPath(file, io.env), 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --batch file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Asks as every CLI question is asked: with as many passages as `--json` lists, within `document` if given. */
export function askQuestion(kb: KnowledgeBase, question: string, document: string | undefined): AskResult {
  return ask(kb, question, document ? { document, passages: ASK_PASSAGES } : { passages: ASK_PASSAGES });
}

export function askLine(kb: KnowledgeBase, line: string, document: string | undefined): LineOutcome {
  const query = line.trim();
  if (query === '') return { kind: 'blank' };
  const result = askQuestion(kb, query, document);
  // A question with no word to look for (only punctuation or stop words) could not be asked at all.
  return result.reason === 'no-words' || result.reason === 'empty' ? { kind: 'unusable', result } : { kind: 'asked', result };
}

/** One line's JSON object: always one, with `error` when the line could not be asked. */
export function lineJson(line: string, outcome: LineOutcome): JsonAnswer {
  switch (outcome.kind) {
    case 'blank':
      return askErrorJson(line, 'blank line');
    case 'unusable':
      return { ...askJson(outcome.result), error: outcome.result.refusal ?? 'unusable question' };
    case 'asked':
      return askJson(outcome.result);
  }
}
