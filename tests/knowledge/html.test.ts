import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatOptions } from '../../src/knowledge/format-options.ts';
import { parseDocument } from '../../src/knowledge/parse.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/html');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const utf8 = (s: string) => new TextEncoder().encode(s);

function parse(path: string, bytes: Uint8Array, options = formatOptions()) {
  const result = parseDocument('page', path, bytes, options);
  if (!result.ok) throw new Error(`expected ${path} to parse, got: ${result.reason}`);
  return result;
}

describe('a hand-made blog post', () => {
  const { document, chunks } = parse('on-call.html', fixture('blog-post.html'));
  const texts = chunks.map((c) => c.text);
  const all = texts.join('\n');

  it('keeps the article and leaves out the navigation, sidebar, footer, scripts and styles', () => {
    for (const chrome of ['All posts', 'Popular posts', 'Ten tips', 'Copyright 2025', 'tracking code', 'font-family', 'Example Engineering Blog']) {
      expect(all).not.toContain(chrome);
    }
    expect(texts[0]).toMatch(/^Every week the pager moves/);
  });

  it('leaves out "Edit this page"', () => {
    expect(all).not.toMatch(/edit this page/i);
  });

  it('reads its title, URL, author, publisher and date from the head, the title without the site name', () => {
    expect(document).toMatchObject({
      title: 'Rotating the on-call pager',
      url: 'https://blog.example.com/posts/on-call-rotation',
      author: 'Platform team',
      publisher: 'Example Engineering Blog',
      date: '2025-03-14',
    });
  });

  it('decodes character references and joins wrapped lines', () => {
    expect(texts[0]).toBe('Every week the pager moves to the next engineer on the rota. The hand-over happens on Monday at 10:00 – never on a Friday & never during an incident.');
    expect(all).toContain('Café vouchers are given to whoever covers a holiday — ask the office manager.');
  });

  it('keeps a list with the sentence that introduces it, links as their text', () => {
    const list = chunks.find((c) => c.kind === 'list');
    expect(list?.text).toBe('Check these three things:\n- your phone receives a test page;\n- you can reach the production dashboards;\n- the runbook is bookmarked.');
    expect(list?.breadcrumb).toEqual(['Before your shift']);
  });

  it('turns headings into the breadcrumb, nested by level', () => {
    const escalation = chunks.find((c) => c.text.startsWith('If nobody acknowledges'));
    expect(escalation?.breadcrumb).toEqual(['Before your shift', 'Escalation']);
    expect(chunks.find((c) => c.kind === 'table')?.breadcrumb).toEqual(['Who covers holidays']);
  });

  it('keeps code as written and tables row by row', () => {
    expect(chunks.find((c) => c.kind === 'code')?.text).toBe('pager escalate --after 15m \\\n  --to team-lead');
    expect(chunks.find((c) => c.kind === 'table')?.text).toBe('Holiday | Covered by\nNew Year | Storage team\nMidsummer | Network team');
  });
});

describe('a Sphinx page', () => {
  const { document, chunks } = parse('library/tally.html', fixture('sphinx-page.html'));
  const all = chunks.map((c) => c.text).join('\n');

  it('reads div.body only: no sidebar, related bar, "Show Source" or footer', () => {
    for (const chrome of ['Table of Contents', 'Show Source', 'Sidebar text', 'Navigation', 'Found a bug', 'Copyright']) expect(all).not.toContain(chrome);
  });

  it('takes the h1 as the title (the <title> adds the project name), and the canonical link as the URL', () => {
    expect(document.title).toBe('tally — Counting things');
    expect(document.url).toBe('https://docs.example.org/2.1/library/tally.html');
  });

  it('drops permalink marks and admonition labels', () => {
    expect(all).not.toContain('¶');
    expect(chunks.map((c) => c.text)).not.toContain('Warning');
    expect(all).toContain('Counting an unbounded stream keeps every distinct object in memory.');
  });

  it('reads a function signature as a paragraph, its description and example under the section', () => {
    const signature = chunks.findIndex((c) => c.text === 'tally.count(items, limit=None)');
    expect(signature).toBeGreaterThan(0);
    expect(chunks[signature]?.breadcrumb).toEqual(['Basic usage']);
    expect(chunks[signature + 1]?.text).toBe('Return a mapping from each item to the number of times it occurs in items.');
    expect(chunks.find((c) => c.kind === 'code')?.text).toBe(">>> tally.count('abracadabra', limit=2)\n{'a': 5, 'b': 2}");
    expect(all).toContain('Changed in version 2.1: The limit parameter was added.');
  });

  it('reads a table with paragraphs in its cells', () => {
    expect(chunks.find((c) => c.kind === 'table')).toMatchObject({ text: 'Setting | Default\nmax_items | 1000000', breadcrumb: ['Limits'] });
  });
});

describe('a page with no landmarks', () => {
  const { document, chunks } = parse('office.html', fixture('unmarked-layout.html'));

  it('finds the densest block and keeps only it', () => {
    expect(chunks.map((c) => c.text)).toEqual([
      'The whole team moves to the fourth floor of the north building on the twelfth of May.',
      'Desks are assigned by team, and each team keeps its current neighbours where it can.',
      'Parking permits stay valid; the garage entrance is now on Harbour Street instead of Mill Lane.',
    ]);
  });

  it('names the page by its <title> when the h1 says something else', () => {
    expect(document.title).toBe('Office moves');
    expect(document.url).toBeNull();
  });
});

describe('stable ids', () => {
  it('gives the same ids and texts when the page is saved again with other indentation and line breaks', () => {
    const original = fixture('blog-post.html').toString('utf8');
    // Another editor: tags re-indented, a paragraph re-wrapped, Windows line endings; code untouched.
    const resaved = original.replace(/>\s+</g, '>\n\t<').replace('on\n         Monday', 'on Monday').replace(/\n/g, '\r\n');
    expect(resaved).not.toBe(original);
    const before = parse('on-call.html', utf8(original)).chunks.map((c) => [c.id, c.text]);
    const after = parse('on-call.html', utf8(resaved)).chunks.map((c) => [c.id, c.text]);
    expect(after).toEqual(before);
  });
});

describe('metadata', () => {
  it('prefers front-matter-like <meta name="title"> and ignores a canonical link that is not on the web', () => {
    const html = '<html><head><title>Page – Site</title><meta name="title" content="Release checklist"><link rel="canonical" href="file:///usr/share/doc/x.html"></head><body><main><h1>Checklist</h1><p>Tag the release.</p></main></body></html>';
    const { document } = parse('x.htm', utf8(html));
    expect(document.title).toBe('Release checklist');
    expect(document.url).toBeNull();
  });

  it('falls back to the first h1 when there is no <title>', () => {
    const { document, chunks } = parse('x.html', utf8('<main><h1>Deploys &amp; rollbacks</h1><p>Roll back with one command.</p></main>'));
    expect(document.title).toBe('Deploys & rollbacks');
    expect(chunks.map((c) => c.text)).toEqual(['Roll back with one command.']);
  });
});

describe('pages it will not walk', () => {
  it('skips a page nested deeper than the cap, with that reason', () => {
    const deep = `<html><body>${'<div>'.repeat(5000)}deep text${'</div>'.repeat(5000)}</body></html>`;
    const result = parseDocument('page', 'deep.html', utf8(deep), formatOptions({ html: { maxDepth: 512 } }));
    expect(result).toEqual({ ok: false, reason: 'HTML nested deeper than 512 elements' });
  });

  it('skips a gigantic page past the element cap, with that reason', () => {
    const huge = `<html><body><main>${'<p>Another paragraph of filler.</p>'.repeat(20_000)}</main></body></html>`;
    const result = parseDocument('page', 'huge.html', utf8(huge), formatOptions({ html: { maxElements: 10_000 } }));
    expect(result).toEqual({ ok: false, reason: 'HTML has more than 10000 elements' });
  });

  it('skips a page with no text in its content', () => {
    expect(parseDocument('page', 'empty.html', utf8('<html><head><title>Nothing</title></head><body><nav>Home</nav></body></html>'))).toEqual({ ok: false, reason: 'no body text' });
  });
});
