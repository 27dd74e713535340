import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';

const FIXTURES = join(import.meta.dirname, '../fixtures/twins');
const utf8 = (s: string) => new TextEncoder().encode(s);

function read(path: string, bytes: Uint8Array) {
  const result = parseDocument('page', path, bytes);
  if (!result.ok) throw new Error(`expected ${path} to parse, got: ${result.reason}`);
  return result.chunks.map((c) => ({ kind: c.kind, breadcrumb: c.breadcrumb, text: c.text }));
}

const html = (body: string) => read('page.html', utf8(`<html><body><main>${body}</main></body></html>`));
const markdown = (text: string) => read('page.md', utf8(text));

describe('a Sphinx page and its Markdown twin', () => {
  it('read to the same paragraphs: signatures, a list item holding code, an abstract and a footnote', () => {
    const fromHtml = read('spool.html', readFileSync(join(FIXTURES, 'spool.html')));
    const fromMarkdown = read('spool.md', readFileSync(join(FIXTURES, 'spool.md')));
    expect(fromHtml).toEqual(fromMarkdown);
    expect(fromHtml.length).toBe(8);
  });
});

describe('the same content in HTML and in Markdown', () => {
  it('reads a list item that holds code as the item\'s line, then the code with its lines', () => {
    const md = 'To install:\n\n- Fetch it.\n- Unpack it:\n\n  ```\n  tar xf it.tar\n  cd it\n  ```\n\n- Run it.\n';
    const page = '<p>To install:</p><ul><li><p>Fetch it.</p></li><li><p>Unpack it:</p><pre>tar xf it.tar\ncd it</pre></li><li><p>Run it.</p></li></ul>';
    const expected = [
      { kind: 'list', breadcrumb: [], text: 'To install:\n- Fetch it.\n- Unpack it:' },
      { kind: 'code', breadcrumb: [], text: 'tar xf it.tar\ncd it' },
      { kind: 'list', breadcrumb: [], text: '- Run it.' },
    ];
    expect(markdown(md)).toEqual(expected);
    expect(html(page)).toEqual(expected);
  });

  it('keeps a list whose items are only words as one block, with its nested lists', () => {
    const md = 'Bring:\n\n- a pen\n  - blue\n- paper\n';
    const page = '<p>Bring:</p><ul><li>a pen<ul><li>blue</li></ul></li><li>paper</li></ul>';
    expect(html(page)).toEqual(markdown(md));
    expect(html(page)).toEqual([{ kind: 'list', breadcrumb: [], text: 'Bring:\n- a pen\n  - blue\n- paper' }]);
  });

  it('numbers an ordered list read item by item from its start', () => {
    const page = '<ol start="3"><li><p>Build:</p><pre>make</pre></li><li>Test.</li></ol>';
    expect(html(page).map((b) => b.text)).toEqual(['3. Build:', 'make', '4. Test.']);
    expect(markdown('3. Build:\n\n   ```\n   make\n   ```\n\n4. Test.\n').map((b) => b.text)).toEqual(['3. Build:', 'make', '4. Test.']);
  });
});

describe('definition lists in HTML', () => {
  it('read the terms that share a description as one paragraph, then the description', () => {
    const page = '<dl><dt>open(path)</dt><dt>open(path, mode)</dt><dd><p>Open a file.</p><p>Raise OSError on failure.</p></dd><dt>close()</dt><dd>Close it.</dd></dl>';
    expect(html(page).map((b) => b.text)).toEqual(['open(path) open(path, mode)', 'Open a file.', 'Raise OSError on failure.', 'close()', 'Close it.']);
  });

  it('keep a method\'s signature apart from its class\'s, when the class has no words of its own', () => {
    const page = '<dl><dt>class Reader</dt><dd><dl><dt>read()</dt><dd><p>Read a job.</p></dd></dl></dd></dl>';
    expect(html(page).map((b) => b.text)).toEqual(['class Reader', 'read()', 'Read a job.']);
  });
});

describe('asides and labels in HTML', () => {
  it('keeps an aside inside the text (a footnote, an abstract) and drops one beside the article', () => {
    const page = '<html><body><div class="layout"><aside><p>Popular posts this week.</p></aside><article><section><h1>Notes</h1><aside class="topic"><p>What these notes cover.</p></aside><p>The body.</p></section></article></div></body></html>';
    const texts = read('page.html', utf8(page)).map((b) => b.text);
    expect(texts).toEqual(['What these notes cover.', 'The body.']);
  });

  it('opens a footnote\'s paragraph with its label, leaving out the links back to where it is cited', () => {
    const page = '<section><p>Text.</p><aside class="footnote" role="note"><span class="label">[2]</span><span class="backrefs">(<a href="#r1">1</a>,<a href="#r2">2</a>)</span><p>The note.</p></aside></section>';
    expect(html(page).map((b) => b.text)).toEqual(['Text.', '[2] The note.']);
  });

  it('keeps words before a paragraph as a paragraph of their own', () => {
    expect(html('<div>Step one<p>Then the rest.</p></div>').map((b) => b.text)).toEqual(['Step one', 'Then the rest.']);
  });
});
