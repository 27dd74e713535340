import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleDocument } from '../../src/knowledge/parse.ts';
import { ChunkStore, parseDocument, type Chunk, type KnowledgeDocument } from '../../src/knowledge/index.ts';

const encode = (s: string) => new TextEncoder().encode(s);

function parsed(id: string, text: string, path = `${id}.md`): { document: KnowledgeDocument; chunks: Chunk[] } {
  const result = parseDocument(id, path, encode(text));
  if (!result.ok) throw new Error(result.reason);
  return result;
}

const guide = parsed('guide', '---\ntitle: The Guide\nsource: https://example.com/guide\n---\n# Start\n\nFirst — with “quotes” and 🙂.\n\n## Deeper\n\nSecond paragraph.\n\nThird, naïve café.');
const article = parsed('news/article', 'Illustration: Chen Xia/GT\nThe summit opened in Shanghai.\nIt closed with a declaration.', 'news/article.txt');
const documents = [guide.document, article.document];
const chunks = [...guide.chunks, ...article.chunks];

describe('ChunkStore', () => {
  it('gives back every chunk exactly as it was made, by position and by id', () => {
    const store = ChunkStore.fromChunks(documents, chunks);
    expect(store.size).toBe(chunks.length);
    expect([...store]).toEqual(chunks);
    for (const [i, c] of chunks.entries()) {
      expect(store.idAt(i)).toBe(c.id);
      expect(store.indexOf(c.id)).toBe(i);
      expect(store.get(c.id)).toBe(store.at(i));
    }
  });

  it('makes the same chunks from its columns alone, as a persisted index does', () => {
    const columns = ChunkStore.fromChunks(documents, chunks).columns;
    const copy = <T extends { slice(): T }>(a: T): T => a.slice();
    const reread = ChunkStore.fromColumns(structuredClone(documents), {
      document: copy(columns.document),
      paragraph: copy(columns.paragraph),
      page: copy(columns.page),
      kind: copy(columns.kind),
      breadcrumb: copy(columns.breadcrumb),
      breadcrumbs: structuredClone(columns.breadcrumbs),
      textEnds: copy(columns.textEnds),
      texts: Buffer.from(columns.texts),
    });
    expect([...reread]).toEqual(chunks);
    // A chunk is made once: the same id always gives the same object.
    expect(reread.get('guide#p2')).toBe(reread.get('guide#p2'));
  });

  it.each(['guide#p0', 'guide#p01', 'guide#p9', 'guide#credit', 'guide', 'nothing#p1', 'news/article#p', '#p1', ''])('knows no chunk %j', (id) => {
    const store = ChunkStore.fromChunks(documents, chunks);
    expect(store.indexOf(id)).toBe(-1);
    expect(store.get(id)).toBeUndefined();
    expect(store.has(id)).toBe(false);
  });

  it('finds a credit, and leaves it out of the body paragraphs', () => {
    const store = ChunkStore.fromChunks(documents, chunks);
    expect(store.get('news/article#credit')?.text).toBe('Illustration: Chen Xia/GT');
    expect(store.bodyOf('news/article').map((c) => c.id)).toEqual(['news/article#p1', 'news/article#p2']);
    expect(store.ofDocument('news/article')).toHaveLength(3);
    expect(store.rangeOf('nothing')).toEqual([0, 0]);
  });

  it('finds the section a chunk stands in: its document\'s run of chunks under the same headings, the credit left out', () => {
    const store = ChunkStore.fromChunks(documents, chunks);
    const at = (id: string) => store.indexOf(id);
    expect(store.sectionOf(at('guide#p1'))).toEqual([at('guide#p1'), at('guide#p1') + 1]);
    expect(store.sectionOf(at('guide#p3'))).toEqual([at('guide#p2'), at('guide#p3') + 1]);
    expect(store.sectionOf(at('news/article#p2'))).toEqual([at('news/article#p1'), at('news/article#p2') + 1]);
  });

  it('assembles a new store from runs of an old one and new chunks, texts byte for byte', () => {
    const old = ChunkStore.fromChunks(documents, chunks);
    const changed = parsed('guide', '# Start\n\nRewritten — ünïcödé 🙂.');
    const reordered = [article.document, changed.document];
    const [start, end] = old.rangeOf('news/article');
    const next = ChunkStore.assemble(reordered, [{ store: old, start, end }, { chunks: changed.chunks }]);
    expect([...next]).toEqual([...article.chunks, ...changed.chunks]);
    // The old store still answers as before.
    expect([...old]).toEqual(chunks);
  });

  it('refuses chunks that are not grouped in document order', () => {
    expect(() => ChunkStore.fromChunks(documents, [...article.chunks, ...guide.chunks])).toThrow(/out of document order/);
    expect(() => ChunkStore.fromChunks([guide.document], chunks)).toThrow(/belongs to no document/);
  });

  it('keeps any text exactly, whatever its characters', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 8 }), (texts) => {
        const document = { ...guide.document, id: 'doc', paragraphs: texts.length };
        const made: Chunk[] = texts.map((text, i) => ({ ...guide.chunks[0]!, id: `doc#p${i + 1}`, document: 'doc', paragraph: i + 1, text, citation: `${document.title}, ¶${i + 1}` }));
        const store = ChunkStore.fromColumns([document], ChunkStore.fromChunks([document], made).columns);
        expect([...store].map((c) => c.text)).toEqual(texts);
      }),
      { numRuns: 200 },
    );
  });
});

describe('paged documents', () => {
  const paged = assembleDocument('manual', 'manual.pdf', { title: 'Manual', url: 'https://example.org/manual.pdf' }, {
    heading: null,
    credits: [],
    blocks: [
      { kind: 'paragraph', text: 'One.', breadcrumb: [], page: 1 },
      { kind: 'paragraph', text: 'Two.', breadcrumb: [], page: 2 },
      { kind: 'paragraph', text: 'Three.', breadcrumb: [], page: 2 },
      { kind: 'paragraph', text: 'Four.', breadcrumb: [], page: 4 },
    ],
  });
  if (!paged.ok) throw new Error(paged.reason);

  it('cites a paragraph by its page and its place on the page, and links to that page', () => {
    expect(paged.chunks.map((c) => [c.id, c.citation, c.url])).toEqual([
      ['manual#p1', 'Manual, p. 1, ¶1', 'https://example.org/manual.pdf#page=1'],
      ['manual#p2', 'Manual, p. 2, ¶1', 'https://example.org/manual.pdf#page=2'],
      ['manual#p3', 'Manual, p. 2, ¶2', 'https://example.org/manual.pdf#page=2'],
      ['manual#p4', 'Manual, p. 4, ¶1', 'https://example.org/manual.pdf#page=4'],
    ]);
  });

  it('keeps pages through the columns, so a persisted index cites the same way', () => {
    const store = ChunkStore.fromChunks([paged.document, ...documents], [...paged.chunks, ...chunks]);
    const reread = ChunkStore.fromColumns(structuredClone([paged.document, ...documents]), { ...store.columns, breadcrumbs: structuredClone(store.columns.breadcrumbs) });
    expect([...reread]).toEqual([...paged.chunks, ...chunks]);
    expect(reread.get('manual#p3')?.page).toBe(2);
    expect(reread.get('guide#p1')?.page).toBeUndefined();
  });
});
