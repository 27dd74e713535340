import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';
import type { Chunk } from '../../src/knowledge/index.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function parse(path: string, text: string | Uint8Array) {
  const result = parseDocument('doc', path, typeof text === 'string' ? utf8(text) : text);
  if (!result.ok) throw new Error(`expected ${path} to parse, got: ${result.reason}`);
  return result;
}
const body = (chunks: Chunk[]) => chunks.filter((c) => c.kind !== 'credit');

describe('paragraph layouts', () => {
  it.each([
    ['blank-line separated, wrapped lines joined', 'notes.txt', 'First paragraph that\nwraps over two lines.\n\nSecond one.\n', ['First paragraph that wraps over two lines.', 'Second one.']],
    ['one paragraph per line', 'notes.txt', 'Alpha sentence one.\nBeta sentence two!\nGamma asks why?\n', ['Alpha sentence one.', 'Beta sentence two!', 'Gamma asks why?']],
    ['one paragraph per line in Markdown', 'notes.md', 'Alpha sentence one.\nBeta "quoted."\n', ['Alpha sentence one.', 'Beta "quoted."']],
    ['wrapped Markdown paragraph', 'notes.md', 'A line that wraps\nonto the next line.\n', ['A line that wraps onto the next line.']],
    ['CRLF line endings and a BOM', 'notes.txt', '\uFEFFOne.\r\n\r\nTwo.\r\n', ['One.', 'Two.']],
  ])('%s', (_name, path, text, expected) => {
    expect(body(parse(path, text).chunks).map((c) => c.text)).toEqual(expected);
  });
});

describe('Markdown structure', () => {
  const md = [
    '# Handbook',
    '',
    'Intro with a [link to docs](https://example.com/docs) and **bold** `code`.',
    '',
    '## Setup',
    '',
    '### Install',
    '',
    'Run these steps:',
    '',
    '- install Node',
    '- run `npm ci`',
    '',
    '```sh',
    'npm ci',
    '',
    'npm test',
    '```',
    '',
    '## Usage',
    '',
    'Ask away &amp; enjoy.',
  ].join('\n');

  it('takes the first heading as title and the rest as breadcrumbs, not chunks', () => {
    const { document, chunks } = parse('handbook.md', md);
    expect(document.title).toBe('Handbook');
    expect(chunks.map((c) => c.breadcrumb)).toEqual([[], ['Setup', 'Install'], ['Setup', 'Install'], ['Usage']]);
    expect(chunks.some((c) => /^#/.test(c.text))).toBe(false);
  });

  it('reads an overlong "heading" as the paragraph it really is', () => {
    const long = `# # Feature name: eBPF-JIT # ${'| arch | ok | '.repeat(30)}`;
    const { chunks } = parse('arch.md', `# arch-support\n\n${long}\n`);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.text).toMatch(/^# Feature name: eBPF-JIT/);
  });

  it('turns links into their text and strips emphasis', () => {
    const { chunks } = parse('handbook.md', md);
    expect(chunks[0]?.text).toBe('Intro with a link to docs and bold code.');
    expect(chunks[3]?.text).toBe('Ask away & enjoy.');
  });

  it('reads every HTML character reference that ends with a semicolon, in text, tables, lists and HTML blocks', () => {
    const text = ['Caf&eacute; &mdash; na&iuml;ve &#233;&#x00E9; &hellip;', '', '- item &frac12;', '', '| a&ouml; |', '|---|', '| &euro; |', '', '<p>Fa&ccedil;ade</p>'].join('\n');
    expect(body(parse('notes.md', text).chunks).map((c) => c.text)).toEqual(['Café — naïve éé …', '- item ½', 'aö\n€', 'Façade']);
  });

  it('leaves what is not a reference as written: no semicolon, code, and plain text files', () => {
    expect(parse('a.md', 'AT&T &notation &copy no').chunks[0]?.text).toBe('AT&T &notation &copy no');
    expect(parse('a.md', 'Write `&eacute;` for é.').chunks[0]?.text).toBe('Write &eacute; for é.');
    expect(parse('a.txt', 'caf&eacute;').chunks[0]?.text).toBe('caf&eacute;');
  });

  it('keeps a list with its lead-in and a code block whole', () => {
    const { chunks } = parse('handbook.md', md);
    expect(chunks[1]).toMatchObject({ kind: 'list', text: 'Run these steps:\n- install Node\n- run npm ci' });
    expect(chunks[2]).toMatchObject({ kind: 'code', text: 'npm ci\n\nnpm test' });
  });
});

describe('titles, ids and citations', () => {
  it('prefers front matter, then the first heading, then the file name', () => {
    expect(parse('a.md', '---\ntitle: From FM\n---\n# Heading\n\nText.').document.title).toBe('From FM');
    expect(parse('a.md', '# Heading\n\nText.').document.title).toBe('Heading');
    expect(parse('team/on-call_rota.txt', 'Text.').document.title).toBe('On call rota');
  });

  it('numbers body paragraphs from 1 with stable ids and readable citations', () => {
    const { chunks } = parse('a.txt', '---\ntitle: Guide\nsource: https://example.com/guide\n---\nOne.\n\nTwo.\n');
    expect(chunks.map((c) => [c.id, c.paragraph, c.citation, c.url])).toEqual([
      ['doc#p1', 1, 'Guide, ¶1', 'https://example.com/guide'],
      ['doc#p2', 2, 'Guide, ¶2', 'https://example.com/guide'],
    ]);
  });

  it('keeps a credit line searchable but out of the numbering', () => {
    const { document, chunks } = parse('a.txt', 'Illustration: Chen Xia/GT\nFirst body paragraph.\nSecond body paragraph.\n');
    expect(document.credit).toBe('Illustration: Chen Xia/GT');
    expect(document.paragraphs).toBe(2);
    expect(chunks.find((c) => c.kind === 'credit')).toMatchObject({ id: 'doc#credit', paragraph: 0, text: 'Illustration: Chen Xia/GT' });
    expect(body(chunks).map((c) => c.paragraph)).toEqual([1, 2]);
  });

  it('reads source URL, author, publisher and date from front matter', () => {
    const { document } = parse('a.md', '---\ntitle: T\nurl: https://x.test/a\nauthor: [Ann, Bo]\npublisher: P\ndate: 2025-07-24\n---\nText.');
    expect(document).toMatchObject({ url: 'https://x.test/a', author: 'Ann, Bo', publisher: 'P', date: '2025-07-24' });
  });
});

describe('bad files are refused with a reason', () => {
  it.each([
    ['empty', utf8(''), 'empty file'],
    ['only whitespace', utf8(' \n\n'), 'empty file'],
    ['binary', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), 'binary file'],
    ['not UTF-8', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x0a]), 'not valid UTF-8'],
    ['unclosed front matter', utf8('---\ntitle: x\nText.'), 'never closed'],
    ['invalid YAML', utf8('---\ntitle: [unclosed\n---\nText.'), 'not valid YAML'],
    ['front matter that is a list', utf8('---\n- a\n- b\n---\nText.'), 'not a YAML mapping'],
    ['front matter only', utf8('---\ntitle: x\n---\n'), 'no body text'],
  ])('%s', (_name, bytes, reason) => {
    const result = parseDocument('doc', 'file.md', bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });
});
