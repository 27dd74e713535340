import { describe, expect, it } from 'vitest';
import { formatOptions } from '../../src/knowledge/format-options.ts';
import { parsePdfDocument } from '../../src/knowledge/parse.ts';
import { makePdf, type PdfText } from '../helpers/pdf.ts';

async function parse(bytes: Uint8Array, options = formatOptions()) {
  const result = await parsePdfDocument('manual', 'manual.pdf', bytes, options);
  if (!result.ok) throw new Error(`expected the PDF to parse, got: ${result.reason}`);
  return result;
}

/** Lines of body text from the top of the text block down, 14 points apart. */
const lines = (x: number, top: number, texts: string[], size = 10): PdfText[] => texts.map((text, i) => ({ x, y: top - i * 14, text, size }));

describe('paragraphs and page citations', () => {
  const pdf = makePdf({
    title: 'Widget Manual',
    pages: [
      {
        texts: [
          { x: 72, y: 720, text: 'Installing widgets', size: 18 },
          ...lines(72, 690, ['Widgets are installed from the package archive with the', 'usual tools. The installer checks the docu-', 'mentation index before it starts.']),
          ...lines(72, 630, ['A second paragraph begins after a blank line.']),
        ],
      },
      {
        texts: [
          { x: 72, y: 720, text: 'Removing widgets', size: 18 },
          ...lines(72, 690, ['Widgets are removed with the same tool.']),
          ...lines(72, 660, ['Configuration files are kept unless purged.']),
        ],
      },
    ],
  });

  it('joins lines into paragraphs and rejoins a word hyphenated across a line end', async () => {
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => c.text)).toEqual([
      'Widgets are installed from the package archive with the usual tools. The installer checks the documentation index before it starts.',
      'A second paragraph begins after a blank line.',
      'Widgets are removed with the same tool.',
      'Configuration files are kept unless purged.',
    ]);
  });

  it('cites each paragraph by its page and its place on the page', async () => {
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.id, c.citation, c.page])).toEqual([
      ['manual#p1', 'Widget Manual, p. 1, ¶1', 1],
      ['manual#p2', 'Widget Manual, p. 1, ¶2', 1],
      ['manual#p3', 'Widget Manual, p. 2, ¶1', 2],
      ['manual#p4', 'Widget Manual, p. 2, ¶2', 2],
    ]);
  });

  it('takes the title from the metadata and headings from type size', async () => {
    const { document, chunks } = await parse(pdf);
    expect(document.title).toBe('Widget Manual');
    // The first heading names the document, as in Markdown; the next ones are sections.
    expect(chunks.map((c) => c.breadcrumb)).toEqual([[], [], ['Removing widgets'], ['Removing widgets']]);
  });
});

describe('web addresses broken across lines', () => {
  it('joins an address cut at a line end, and leaves a sentence after an address alone', async () => {
    const pdf = makePdf({
      pages: [
        {
          texts: [
            ...lines(72, 720, ['The manual is also available from the mirrors at https://www.example.org/doc/', 'widget-manual/ and from the archive at https://lists.', 'example.org/ as a single page.']),
            ...lines(72, 670, ['Read it online at https://www.example.org/', 'The printed copy follows the same layout.']),
          ],
        },
      ],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => c.text)).toEqual([
      'The manual is also available from the mirrors at https://www.example.org/doc/widget-manual/ and from the archive at https://lists.example.org/ as a single page.',
      'Read it online at https://www.example.org/ The printed copy follows the same layout.',
    ]);
  });
});

describe('links', () => {
  it('takes a web address from the metadata as the source, each paragraph linking to its page', async () => {
    const pdf = makePdf({ title: 'Guide', url: 'https://docs.example.org/guide.pdf', pages: [{ texts: lines(72, 700, ['First page.']) }, { texts: lines(72, 700, ['Second page.']) }] });
    const { document, chunks } = await parse(pdf);
    expect(document.url).toBe('https://docs.example.org/guide.pdf');
    expect(chunks.map((c) => c.url)).toEqual(['https://docs.example.org/guide.pdf#page=1', 'https://docs.example.org/guide.pdf#page=2']);
  });
});

describe('headings from the outline', () => {
  it('makes the lines the outline names into the breadcrumb, at the outline\'s depth, even at body size', async () => {
    const pdf = makePdf({
      title: 'Guide',
      outline: [{ title: 'Setup', page: 1 }],
      pages: [{ texts: [...lines(72, 720, ['Preface text comes first.']), ...lines(72, 690, ['1.2 Setup']), ...lines(72, 660, ['Run the installer once.'])] }],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.text, c.breadcrumb])).toEqual([
      ['Preface text comes first.', []],
      ['Run the installer once.', ['1.2 Setup']],
    ]);
  });
});

describe('numbered headings below the outline', () => {
  it('makes "2.1.1 …" a heading under "2.1 …", and leaves a numbered sentence alone', async () => {
    const pdf = makePdf({
      title: 'Guide',
      outline: [{ title: 'Setup', page: 1 }],
      pages: [
        {
          texts: [
            ...lines(72, 720, ['2.1 Setup']),
            ...lines(72, 690, ['Setup has two steps.']),
            ...lines(72, 660, ['2.1.1 Downloading the installer']),
            ...lines(72, 630, ['Fetch it from the mirror.']),
            ...lines(72, 600, ['3.5 Percent of installs fail on the first try.']),
          ],
        },
      ],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.text, c.breadcrumb])).toEqual([
      ['Setup has two steps.', ['2.1 Setup']],
      ['Fetch it from the mirror.', ['2.1 Setup', '2.1.1 Downloading the installer']],
      ['3.5 Percent of installs fail on the first try.', ['2.1 Setup', '2.1.1 Downloading the installer']],
    ]);
  });
});

describe('running headers and footers', () => {
  const page = (n: number) => ({
    texts: [
      { x: 72, y: 760, text: `Widget Manual, Release 2.${n % 2}`, size: 9 },
      ...lines(72, 700, [`Page ${n} explains step ${n} of the widget setup in plain words.`]),
      { x: 300, y: 40, text: String(n), size: 9 },
    ],
  });

  it('drops a header repeated on most pages and the page numbers', async () => {
    const { chunks } = await parse(makePdf({ pages: [1, 2, 3, 4, 5].map(page) }));
    expect(chunks.map((c) => c.text)).toEqual([1, 2, 3, 4, 5].map((n) => `Page ${n} explains step ${n} of the widget setup in plain words.`));
  });

  it('keeps the same lines in a document too short to tell', async () => {
    const { chunks } = await parse(makePdf({ pages: [1, 2].map(page) }), formatOptions({ pdf: { runningMinPages: 4 } }));
    expect(chunks.map((c) => c.text).join('\n')).toContain('Widget Manual');
  });
});

describe('a table of contents', () => {
  it('leaves out entries with dot leaders and page numbers, and keeps the text they point to', async () => {
    const pdf = makePdf({
      title: 'Guide',
      pages: [
        { texts: lines(72, 700, ['1 Installing . . . . . . . . . . . . 2', '2 Removing . . . . . . . . . . . . . 2']) },
        { texts: lines(72, 700, ['Installing takes one command.']) },
      ],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => c.text)).toEqual(['Installing takes one command.']);
  });
});

describe('columns', () => {
  it('reads a two-column page column by column, under a title that spans both', async () => {
    const left = ['The left column starts the story and', 'keeps going down the page for a while', 'until it reaches its very last line.'];
    const right = ['The right column continues the story', 'after the left one has ended, and it', 'ends the page with this final line.'];
    const pdf = makePdf({
      title: 'Columns',
      pages: [{ texts: [{ x: 72, y: 740, text: 'A report set in two columns across the whole page width', size: 10 }, ...lines(72, 700, left), ...lines(320, 700, right)] }],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => c.text)).toEqual(['A report set in two columns across the whole page width', left.join(' '), right.join(' ')]);
  });
});

describe('PDFs it skips', () => {
  const text = { texts: lines(72, 700, ['Some text.']) };
  const skip = async (bytes: Uint8Array, options = formatOptions()) => parsePdfDocument('x', 'x.pdf', bytes, options);

  it('a file named .pdf that is not one', async () => {
    expect(await skip(new TextEncoder().encode('<html>not a pdf</html>'))).toEqual({ ok: false, reason: 'not a PDF (no %PDF- header)' });
  });

  it('a truncated PDF', async () => {
    const whole = makePdf({ pages: [text] });
    expect(await skip(whole.subarray(0, Math.floor(whole.length * 0.7)))).toEqual({ ok: false, reason: 'broken PDF (Invalid PDF structure.)' });
  });

  it('an encrypted PDF', async () => {
    expect(await skip(makePdf({ pages: [text], encrypted: true }))).toEqual({ ok: false, reason: 'encrypted PDF (needs a password)' });
  });

  it('a PDF with more pages than the cap, before any page is read', async () => {
    expect(await skip(makePdf({ pages: [text, text, text, text] }), formatOptions({ pdf: { maxPages: 3 } }))).toEqual({ ok: false, reason: 'PDF has 4 pages, more than 3' });
  });

  it('a page tree claiming a huge page count is read for the pages it holds, not the count it claims', async () => {
    const result = await skip(makePdf({ pages: [text], claimedCount: 100_000_000 }));
    expect(result.ok && result.chunks.map((c) => c.text)).toEqual(['Some text.']);
  });

  it('a stream that inflates past the cap', async () => {
    const bomb = makePdf({ pages: [text], inflatingStream: 4 * 1024 * 1024 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await skip(bomb, formatOptions({ pdf: { maxStreamBytes: 1024 * 1024 } }))).toEqual({ ok: false, reason: 'a stream inflates past 1 MB (PDF bomb?)' });
  });

  it.each(['ASCIIHexDecode', 'ASCII85Decode'] as const)('a stream that inflates past the cap behind %s', async (wrapper) => {
    const bomb = makePdf({ pages: [text], inflatingStream: 4 * 1024 * 1024, inflatingStreamWrapper: wrapper });
    expect(bomb.length).toBeLessThan(64 * 1024);
    expect(await skip(bomb, formatOptions({ pdf: { maxStreamBytes: 1024 * 1024 } }))).toEqual({ ok: false, reason: 'a stream inflates past 1 MB (PDF bomb?)' });
    const small = makePdf({ pages: [text], inflatingStream: 512 * 1024, inflatingStreamWrapper: wrapper });
    expect((await skip(small, formatOptions({ pdf: { maxStreamBytes: 1024 * 1024 } }))).ok).toBe(true);
  });

  it('more text than the cap', async () => {
    expect(await skip(makePdf({ pages: [text, text] }), formatOptions({ pdf: { maxTextChars: 12 } }))).toEqual({ ok: false, reason: 'PDF holds more than 12 characters of text' });
  });

  it('a scan: pages with no text layer', async () => {
    expect(await skip(makePdf({ pages: [{ texts: [], drawing: '0 0 1 rg 72 72 400 600 re f' }] }))).toEqual({ ok: false, reason: 'PDF has no text layer (a scan?)' });
  });
});

describe('a book set by LaTeX: running section titles, wrapped words that name a section, a contents page', () => {
  const body = (first: string) => [{ x: 72, y: 750, text: 'Packaging Manual, Release 1.0', size: 10 }, ...lines(72, 690, [first, 'and it says so over two lines.'])];
  const pdf = makePdf({
    title: 'Packaging Manual',
    outline: [
      { title: 'Contents', page: 1 },
      { title: 'Binary packages', page: 2 },
      { title: 'The package name', page: 2 },
      { title: 'Version', page: 4 },
    ],
    // Every page but the first carries the book's running header at its top, as LaTeX sets it.
    pages: [
      {
        texts: [
          { x: 72, y: 720, text: 'Contents', size: 18 },
          ...lines(72, 690, ['1 Binary packages 3']),
          ...lines(90, 670, ['1.1 The package name, its characters and how long it may be, with', 'the rules that apply to it . . . . . . . . . . . . . . . . 3', '1.2 Version . . . . . . . . . . . . . . . . . . . . . . . . . . . 5', '1.3 Maintainer . . . . . . . . . . . . . . . . . . . . . . . . 6', '1.4 Description . . . . . . . . . . . . . . . . . . . . . . . 7']),
        ],
      },
      {
        texts: [
          { x: 72, y: 750, text: 'Packaging Manual, Release 1.0', size: 10 },
          { x: 72, y: 720, text: '1.1 The package name', size: 14 },
          ...lines(72, 690, ['A package name must be unique within the archive. It is what people', 'type to install the binary']),
          ...lines(72, 662, ['package.']),
          { x: 72, y: 40, text: '2 Chapter 1. Binary packages', size: 10 },
        ],
      },
      { texts: [...body('Names are made of lower case letters, digits and a few signs,'), { x: 72, y: 40, text: '1.1. The package name 3', size: 10 }] },
      {
        texts: [
          { x: 72, y: 750, text: 'Packaging Manual, Release 1.0', size: 10 },
          { x: 72, y: 720, text: '1.2 Version', size: 14 },
          ...lines(72, 690, ['The version of a package is set in its changelog and must grow with', 'every upload of the']),
          ...lines(72, 662, ['version]']),
          { x: 72, y: 40, text: '4 Chapter 1. Binary packages', size: 10 },
        ],
      },
      { texts: [...body('An epoch lets a version number start again from a lower one,'), { x: 72, y: 40, text: '1.2. Version 5', size: 10 }] },
    ],
  });

  it('drops the running title in the margin, a section\'s name with the page number, even when it is on one page only', async () => {
    const { chunks } = await parse(pdf);
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/The package name 3|Version 5|Chapter 1/);
  });

  it('does not take a wrapped last word that happens to name a section for a heading', async () => {
    const { chunks } = await parse(pdf);
    for (const c of chunks) expect(c.breadcrumb.some((h) => /^(?:package\.|version\])$/.test(h)), c.text).toBe(false);
    expect(chunks.find((c) => c.text.startsWith('A package name'))?.breadcrumb).toEqual(['1.1 The package name']);
  });

  it('drops a contents page whole, the entries without dot leaders too', async () => {
    const { chunks } = await parse(pdf);
    const all = chunks.map((c) => c.text).join('\n');
    expect(all).not.toMatch(/1 Binary packages 3|its characters and how long/);
    expect(chunks.every((c) => c.page !== 1)).toBe(true);
  });
});

describe('tables', () => {
  /** A row of cells at the given columns, on one baseline. */
  const row = (y: number, cells: string[], columns = [72, 200, 330]): PdfText[] => cells.map((text, i) => ({ x: columns[i] ?? 72, y, text, size: 10 }));
  const pdf = makePdf({
    pages: [
      {
        texts: [
          ...lines(72, 720, ['The terminals Footnote knows, and what each writes:']),
          ...row(690, ['Terminal', 'Output', 'Colour']),
          ...row(676, ['png', 'PNG image', 'yes']),
          ...row(662, ['dumb', 'ASCII art', 'no']),
          ...row(648, ['svg', 'Vector drawing', 'yes']),
          ...lines(72, 620, ['The default terminal depends on the system.']),
        ],
      },
    ],
  });

  it('reads rows whose cells line up as a table, row by row, cell by cell', async () => {
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.kind, c.text])).toEqual([
      ['paragraph', 'The terminals Footnote knows, and what each writes:'],
      ['table', 'Terminal | Output | Colour\npng | PNG image | yes\ndumb | ASCII art | no\nsvg | Vector drawing | yes'],
      ['paragraph', 'The default terminal depends on the system.'],
    ]);
  });

  it('leaves two lines with wide gaps that do not line up as text', async () => {
    const ragged = makePdf({ pages: [{ texts: [...row(700, ['Name:', 'Widget'], [72, 200]), ...row(686, ['Made', 'in 2024'], [90, 300]), ...row(672, ['Sold', 'out'], [130, 250])] }] });
    const { chunks } = await parse(ragged);
    expect(chunks.every((c) => c.kind !== 'table')).toBe(true);
  });
});

describe('a list broken by a page', () => {
  const pdf = makePdf({
    pages: [
      {
        texts: [
          ...lines(72, 720, ['The following directories are exceptions:']),
          ...lines(72, 706, ['- /usr/local/bin, for local programs;', '- /usr/local/etc, for local settings;']),
          { x: 72, y: 100, text: '1 Footnotes are set in smaller type at the foot of the page.', size: 7 },
        ],
      },
      { texts: [...lines(72, 720, ['- /usr/local/lib, for local libraries.']), ...lines(72, 680, ['Other directories follow the rules above.'])] },
    ],
  });

  it('carries on over the page break and past the footnote at its foot', async () => {
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.kind, c.text, c.page])).toEqual([
      ['list', 'The following directories are exceptions:\n- /usr/local/bin, for local programs;\n- /usr/local/etc, for local settings;\n- /usr/local/lib, for local libraries.', 1],
      ['paragraph', '1 Footnotes are set in smaller type at the foot of the page.', 1],
      ['paragraph', 'Other directories follow the rules above.', 2],
    ]);
  });
});

describe('a paragraph set under a list item', () => {
  const pdf = makePdf({
    pages: [
      {
        texts: [
          ...lines(72, 720, ['The following exceptions apply:']),
          { x: 84, y: 700, text: '1.', size: 10 },
          { x: 97, y: 700, text: 'Libraries may live under /usr/lib/triplet.', size: 10 },
          ...lines(97, 680, ['Packages must not install into /usr/lib64.']),
          { x: 84, y: 660, text: '2.', size: 10 },
          { x: 97, y: 660, text: 'Headers may live under /usr/include/triplet.', size: 10 },
          ...lines(72, 630, ['Everything else follows the standard.']),
        ],
      },
    ],
  });

  it('stays with its item when it is set at the item text indent, and a paragraph at the margin does not', async () => {
    const { chunks } = await parse(pdf);
    expect(chunks.map((c) => [c.kind, c.text])).toEqual([
      ['list', 'The following exceptions apply:\n1. Libraries may live under /usr/lib/triplet.\nPackages must not install into /usr/lib64.\n2. Headers may live under /usr/include/triplet.'],
      ['paragraph', 'Everything else follows the standard.'],
    ]);
  });
});
