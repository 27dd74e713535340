// The layout rule of the README ("Project layout"), checked over every source file: each folder
// imports only the folders below it, so the engine knows nothing of Discord and nothing reaches up
// for the command list. Reads the import statements with the TypeScript compiler's own parser.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT } from '../helpers/discord/fixtures.ts';

type Area = 'knowledge' | 'search' | 'answer' | 'eval' | 'shared' | 'store' | 'questions' | 'present' | 'discord' | 'cli' | 'commands' | 'main';

/** What each area may import (besides itself). */
const MAY_IMPORT: Record<Area, readonly Area[]> = {
  knowledge: ['shared'],
  search: ['knowledge', 'shared'],
  answer: ['search', 'knowledge', 'shared'],
  eval: ['answer', 'search', 'knowledge', 'shared'],
  // src/*.ts: logging, settings, paths, opening a folder with its warnings logged.
  shared: ['knowledge', 'search', 'answer'],
  // The question log's database: it knows nothing of the engine or of Discord.
  store: ['shared'],
  // The questions report: logged questions grouped by meaning, counted.
  questions: ['store', 'answer', 'search', 'knowledge', 'shared'],
  present: ['questions', 'store', 'answer', 'search', 'knowledge', 'shared'],
  discord: ['present', 'questions', 'store', 'answer', 'search', 'knowledge', 'shared'],
  cli: ['present', 'questions', 'store', 'answer', 'search', 'knowledge', 'shared'],
  commands: ['discord', 'present', 'questions', 'store', 'answer', 'search', 'knowledge', 'shared'],
  // The composition roots: they hand the command list to the Discord adapter.
  main: ['commands', 'discord', 'present', 'questions', 'store', 'answer', 'search', 'knowledge', 'shared'],
};

/** Packages that mean "Discord": the engine never imports them; presenters only their types and formatters. */
const DISCORD_PACKAGE = /^(discord\.js|@discordjs\/)/u;
const ENGINE: readonly Area[] = ['knowledge', 'search', 'answer', 'eval', 'shared', 'store', 'questions'];

export function areaOf(path: string): Area | null {
  const parts = relative(PROJECT, path).split(sep);
  if (parts[0] === 'commands') return 'commands';
  if (parts[0] !== 'src') return null;
  if (parts.length === 2) return 'shared';
  const folder = parts[1];
  const areas: readonly string[] = ['knowledge', 'search', 'answer', 'eval', 'store', 'questions', 'present', 'discord', 'cli', 'main'];
  return folder !== undefined && areas.includes(folder) ? (folder as Area) : null;
}

interface Import {
  specifier: string;
  typeOnly: boolean;
}

/** Every import, export-from and dynamic import() of a file. */
export function importsOf(fileName: string, text: string): Import[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: Import[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const typeOnly = ts.isImportDeclaration(node) ? (node.importClause?.isTypeOnly ?? false) : node.isTypeOnly;
      out.push({ specifier: node.moduleSpecifier.text, typeOnly });
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const [arg] = node.arguments;
      if (arg && ts.isStringLiteral(arg)) out.push({ specifier: arg.text, typeOnly: false });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** What is wrong with `file`'s imports under the rule; empty when nothing. */
export function violations(file: string, text: string): string[] {
  const from = areaOf(file);
  if (from === null) return [];
  const problems: string[] = [];
  const where = relative(PROJECT, file);
  for (const { specifier, typeOnly } of importsOf(file, text)) {
    if (specifier.startsWith('.')) {
      const to = areaOf(resolve(dirname(file), specifier));
      if (to === null || to === from) continue;
      if (to === 'main') problems.push(`${where}: imports ${specifier}; nothing imports the composition roots`);
      else if (!MAY_IMPORT[from].includes(to)) problems.push(`${where} (${from}) imports ${specifier} (${to})`);
    } else if (DISCORD_PACKAGE.test(specifier)) {
      if (ENGINE.includes(from)) problems.push(`${where} (${from}) imports ${specifier}: the engine knows nothing of Discord`);
      if (from === 'present' && !typeOnly && specifier !== '@discordjs/formatters') problems.push(`${where}: presenters use discord.js for its types only, not ${specifier}`);
    }
  }
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('the layout rule', () => {
  it('holds for every file in src/ and commands/', () => {
    const files = [...sourceFiles(join(PROJECT, 'src')), ...sourceFiles(join(PROJECT, 'commands'))];
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap((f) => violations(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('catches each kind of import against it', () => {
    const at = (path: string) => join(PROJECT, path);
    expect(violations(at('src/search/query.ts'), "import { x } from '../present/discord/index.ts';")).toEqual(['src/search/query.ts (search) imports ../present/discord/index.ts (present)']);
    expect(violations(at('src/answer/ask.ts'), "import type { APIEmbed } from 'discord.js';")).toHaveLength(1);
    expect(violations(at('src/present/discord/ask.ts'), "import { code } from '../../discord/custom-id.ts';")).toHaveLength(1);
    expect(violations(at('src/present/discord/ask.ts'), "import { ButtonStyle } from 'discord.js';")).toHaveLength(1);
    expect(violations(at('src/present/discord/ask.ts'), "import type { APIEmbed } from 'discord.js';\nimport { time } from '@discordjs/formatters';")).toEqual([]);
    expect(violations(at('src/discord/bot.ts'), "const { commands } = await import('../../commands/index.ts');")).toHaveLength(1);
    expect(violations(at('src/discord/bot.ts'), "export { run } from '../cli/main.ts';")).toHaveLength(1);
    expect(violations(at('commands/ask.ts'), "import '../src/main/start.ts';")).toEqual(['commands/ask.ts: imports ../src/main/start.ts; nothing imports the composition roots']);
    expect(violations(at('src/answer/ask.ts'), "import type { QuestionStore } from '../store/types.ts';")).toEqual(['src/answer/ask.ts (answer) imports ../store/types.ts (store)']);
    expect(violations(at('src/store/sqlite.ts'), "import { ask } from '../answer/index.ts';")).toHaveLength(1);
    expect(violations(at('src/main/start.ts'), "import { commands } from '../../commands/index.ts';\nimport { runBot } from '../discord/start.ts';")).toEqual([]);
  });
});
