import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';

function parse(text: string) {
  const result = parseDocument('doc', 'page.md', new TextEncoder().encode(text));
  if (!result.ok) throw new Error(result.reason);
  return result.chunks.filter((c) => c.kind !== 'credit').map((c) => ({ kind: c.kind, breadcrumb: c.breadcrumb, text: c.text }));
}

describe('a code listing a converter flattened and cut at its blank lines', () => {
  it('joins paragraphs that all read as code, under one heading, into one code block', () => {
    const md = [
      '# Records',
      '',
      '## Reading rows',
      '',
      'Named tuples suit rows read from a database:',
      '',
      "import sqlite3 conn = sqlite3.connect('/companydata')",
      '',
      "cursor = conn.cursor() cursor.execute('SELECT name FROM employees')",
      '',
      'Each row then reads by name.',
    ].join('\n');
    expect(parse(md)).toEqual([
      { kind: 'paragraph', breadcrumb: ['Reading rows'], text: 'Named tuples suit rows read from a database:' },
      { kind: 'code', breadcrumb: ['Reading rows'], text: "import sqlite3 conn = sqlite3.connect('/companydata')\ncursor = conn.cursor() cursor.execute('SELECT name FROM employees')" },
      { kind: 'paragraph', breadcrumb: ['Reading rows'], text: 'Each row then reads by name.' },
    ]);
  });

  it('reads a REPL session lexed as nested quotes as code and joins it to the code beside it', () => {
    const md = ['# Tuples', '', 'Fields by name:', '', ">>> p._fields ('x', 'y')", '', ">>> Color = namedtuple('Color', 'red green blue')"].join('\n');
    const chunks = parse(md);
    expect(chunks.map((c) => c.kind)).toEqual(['paragraph', 'code']);
    expect(chunks[1]?.text).toBe("p._fields ('x', 'y')\nColor = namedtuple('Color', 'red green blue')");
  });

  it('keeps a single code paragraph, and prose between code, as they were', () => {
    const md = ['# Setup', '', "conn = sqlite3.connect('/data')", '', 'Then ask for a cursor.', '', 'cursor = conn.cursor()'].join('\n');
    expect(parse(md).map((c) => c.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('keeps a sentence about code, in code\'s shapes, out of the listing', () => {
    const md = ['# Combinations', '', 'def combinations(iterable, r): pool = tuple(iterable) n = len(pool)', '', 'The number of items returned is n! / r! / (n-r)! when 0 <= r <= n or zero when r > n.', '', 'def permutations(iterable, r=None): pool = tuple(iterable) n = len(pool)'].join('\n');
    expect(parse(md).map((c) => c.kind)).toEqual(['paragraph', 'paragraph', 'paragraph']);
  });

  it('does not join code across a heading', () => {
    const md = ['# Setup', '', '## Connect', '', "conn = sqlite3.connect('/data')", '', '## Query', '', 'cursor = conn.cursor()', '', 'rows = cursor.fetchall()'].join('\n');
    expect(parse(md)).toEqual([
      { kind: 'paragraph', breadcrumb: ['Connect'], text: "conn = sqlite3.connect('/data')" },
      { kind: 'code', breadcrumb: ['Query'], text: 'cursor = conn.cursor()\nrows = cursor.fetchall()' },
    ]);
  });

  it('leaves code blocks the author fenced one after another apart', () => {
    const md = ['# Install', '', '```sh', 'npm install', '```', '', '```sh', 'npm test', '```'].join('\n');
    expect(parse(md).map((c) => c.text)).toEqual(['npm install', 'npm test']);
  });
});
