import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatOptions } from '../../src/knowledge/format-options.ts';
import { parsePdfDocument } from '../../src/knowledge/parse.ts';
import { REFERENCE_CARD } from '../fixtures/pdf/reference-card.ts';
import { makePdf, type PdfText } from '../helpers/pdf.ts';

const card = new Uint8Array(readFileSync(new URL('../fixtures/pdf/reference-card.pdf', import.meta.url)));

async function parse(bytes: Uint8Array, options = formatOptions()) {
  const result = await parsePdfDocument('card', 'card.pdf', bytes, options);
  if (!result.ok) throw new Error(`expected the PDF to parse, got: ${result.reason}`);
  return result;
}

describe('a reference card: three columns of sections, each a grid of terms and descriptions', () => {
  it('is the PDF its generator writes', () => {
    expect(Buffer.from(card).equals(Buffer.from(makePdf(REFERENCE_CARD)))).toBe(true);
  });

  it('reads each column top to bottom before the next', async () => {
    const { chunks } = await parse(card);
    const terms = chunks.flatMap((c) => c.text.split('\n').map((line) => line.split(' — ')[0]));
    expect(terms).toEqual([
      'widget install name', 'widget remove', 'widget list', 'widget upgrade',
      'widget set key value', 'widget get key', 'widget reset', 'widget edit',
      'widget doctor', 'widget log', 'widget trace',
      'widget help', 'widget help cmd',
    ]);
  });

  it('makes each section heading the breadcrumb: set larger, or centred over its column at body size', async () => {
    const { document, chunks } = await parse(card);
    expect(document.title).toBe('Widget Reference Card');
    expect(chunks.map((c) => c.breadcrumb)).toEqual([['Installing'], ['Configuring'], ['Troubleshooting'], ['Troubleshooting', 'Getting help']]);
  });

  it('keeps a term and its description on one line, whichever side wraps, one line per entry in its section', async () => {
    const { chunks } = await parse(card);
    expect(chunks.map((c) => [c.kind, c.text])).toEqual([
      ['list', 'widget install name — Install a widget from the archive.\nwidget remove — Remove a widget and its settings.\nwidget list — Show all widgets.\nwidget upgrade — Upgrade every widget.'],
      ['list', 'widget set key value — Set a key.\nwidget get key — Print the value of a key.\nwidget reset — Forget all keys.\nwidget edit — Open the settings in an editor.'],
      ['list', 'widget doctor — Check the setup.\nwidget log — Show the last errors.\nwidget trace — Run with tracing.'],
      ['list', 'widget help — List the commands.\nwidget help cmd — Explain a command.'],
    ]);
  });

  it('loses no word of the card', async () => {
    const { document, chunks } = await parse(card);
    const read = [document.title, ...chunks.flatMap((c) => [...c.breadcrumb, c.text])].join(' ');
    const words = (text: string) => text.split(/[\s—]+/u).filter(Boolean);
    const counts = (list: string[]) => list.reduce((m, w) => m.set(w, (m.get(w) ?? 0) + 1), new Map<string, number>());
    const have = counts(words(read));
    for (const [word, n] of counts(REFERENCE_CARD.pages.flatMap((p) => p.texts.flatMap((t) => words(t.text))))) expect(have.get(word) ?? 0, word).toBeGreaterThanOrEqual(n);
  });
});

describe('what is not a grid of entries', () => {
  /** Lines of body text from `top` down, 12 points apart. */
  const lines = (x: number, top: number, texts: string[]): PdfText[] => texts.map((text, i) => ({ x, y: top - i * 12, text, size: 10 }));

  it('leaves a definition list, each term on a line above its indented description, as paragraphs', async () => {
    const pdf = makePdf({
      pages: [
        {
          texts: [
            ...lines(72, 720, ['3.2.2']), ...lines(97, 708, ['The part of the version number after the epoch must not be reused.']),
            ...lines(72, 690, ['4.9']), ...lines(97, 678, ['The get-orig-source rules target has been removed.']),
            ...lines(72, 660, ['9.1.2']), ...lines(97, 648, ['Packages should create /usr/local directories', 'with permissions 0755.']),
            ...lines(72, 618, ['10.4']), ...lines(97, 606, ['Perl scripts must start with the usual line.']),
          ],
        },
      ],
    });
    const { chunks } = await parse(pdf);
    expect(chunks.every((c) => !c.text.includes(' — '))).toBe(true);
    // Read exactly as with no grid reading at all.
    const plain = await parse(pdf, formatOptions({ pdf: { entryMinRows: Infinity } }));
    expect(chunks.map((c) => [c.kind, c.text])).toEqual(plain.chunks.map((c) => [c.kind, c.text]));
  });
});
