import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ask, search, source, summarize } from '../../../src/answer/index.ts';
import type { AskResult, SearchResult, SummaryResult } from '../../../src/answer/index.ts';
import { finalizeMessage } from '../../../src/discord/finalize.ts';
import { presentAsk, presentDocuments, presentHelp, presentSearch, presentSource, presentSummary, type Presented } from '../../../src/present/discord/index.ts';
import type { Chunk } from '../../../src/knowledge/index.ts';
import { fakeAnswer, fakeChunk, fakeExcerpt, fakePassage, fixtureKb } from '../../helpers/discord/fixtures.ts';
import { limitProblems, rawMassMentions, unescapedMentions } from '../../helpers/discord/limits.ts';

const USER = '987654321098765432';

/**
 * What the presenter itself made is within every limit and pings nobody, before the reply gate
 * (finalizeMessage) could clamp or neutralise anything; and the gate leaves it as it is.
 */
function expectSafe(body: Presented, mention: string | null = null): void {
  const shown = { content: body.content ?? '', embeds: body.embeds };
  expect(limitProblems(shown)).toEqual([]);
  expect(rawMassMentions(shown)).toEqual([]);
  expect(unescapedMentions(shown)).toEqual([]);
  const wire = finalizeMessage(body, { mentionUserId: mention });
  expect(wire.embeds).toEqual(body.embeds);
  expect(wire.allowed_mentions).toEqual({ parse: [], users: mention ? [mention] : [] });
}

const HUGE = 'A sentence that goes on. '.repeat(600);
const NASTY = '@everyone ```js <@&123> [x](https://evil.example) **bold** @here ||s|| ';

function bigChunk(n: number, text: string, extra: Partial<Chunk> = {}): Chunk {
  return fakeChunk({ id: `doc-${n}#p${n}`, title: `Title ${n} ${'long '.repeat(60)}`, paragraph: n, text, breadcrumb: ['Heading '.repeat(40), NASTY], url: `https://example.com/${n}`, ...extra });
}

describe('presenters respect every limit', () => {
  const answerCases: [string, AskResult][] = [
    [
      'a huge answer sentence',
      (() => {
        const c = bigChunk(1, HUGE);
        return fakeAnswer('what?', [fakeExcerpt(c, HUGE, ['sentence'])], [fakePassage(c)]);
      })(),
    ],
    [
      'many sources, long titles and breadcrumbs',
      (() => {
        const chunks = Array.from({ length: 12 }, (_, i) => bigChunk(i + 1, `Sentence ${i}. ${NASTY}`));
        return fakeAnswer('q '.repeat(400), chunks.map((c) => fakeExcerpt(c, c.text)), chunks.map((c) => fakePassage(c)));
      })(),
    ],
    [
      'URLs that cannot be buttons',
      (() => {
        const chunks = [
          bigChunk(1, 'One.', { url: `https://example.com/${'x'.repeat(600)}` }),
          bigChunk(2, 'Two.', { url: 'javascript:alert(1)' }),
          bigChunk(3, 'Three.', { url: 'not a url' }),
        ];
        return fakeAnswer('q', chunks.map((c) => fakeExcerpt(c, c.text)), chunks.map((c) => fakePassage(c)));
      })(),
    ],
    ['a refusal with suggestions', { query: NASTY, answered: false, refusal: 'No.', reason: 'not-covered', answer: [], passages: [], suggestions: Array.from({ length: 30 }, () => NASTY.repeat(5)) }],
  ];

  it.each(answerCases)('/ask: %s', (_name, result) => {
    expectSafe(presentAsk(result));
    expectSafe(presentAsk(result), USER);
  });

  it('/search: five hits of huge paragraphs', () => {
    const hits = Array.from({ length: 5 }, (_, i) => bigChunk(i + 1, HUGE + NASTY)).map((c) => fakePassage(c, [fakeExcerpt(c, HUGE), fakeExcerpt(c, NASTY)]));
    const result: SearchResult = { query: NASTY.repeat(20), total: 120, offset: 5, limit: 5, hits };
    expectSafe(presentSearch(result, 'A document'));
    expectSafe(presentSearch({ ...result, total: 0, hits: [] }));
  });

  it('/summary: twenty long sentences with long citations', () => {
    const sentences = Array.from({ length: 20 }, (_, i) => {
      const c = bigChunk(i + 1, HUGE);
      return fakeExcerpt(c, `${NASTY} ${'word '.repeat(100)}`);
    });
    const result: SummaryResult = { topic: NASTY, document: null, answered: true, refusal: null, sentences, suggestions: [] };
    expectSafe(presentSummary(result, 'Doc '.repeat(100)));
  });

  it('/source: a paragraph longer than any embed, with long neighbours', () => {
    const body = presentSource({ chunk: bigChunk(2, HUGE + NASTY), before: bigChunk(1, HUGE), after: bigChunk(3, NASTY.repeat(50)) });
    expectSafe(body);
    expect(body.embeds[0]?.description).toMatch(/… the rest is in the source \(button below\)$/u);
  });

  it('/documents: a thousand documents', () => {
    const documents = Array.from({ length: 1000 }, (_, i) => ({ id: `doc-${i}`, path: `doc-${i}.md`, title: `Document ${i} ${NASTY}`, url: null, author: null, publisher: null, date: null, credit: null, paragraphs: i }));
    const skipped = Array.from({ length: 100 }, (_, i) => ({ path: `bad-${i}.md`, reason: NASTY }));
    const body = presentDocuments({ documents, chunks: { size: 0 }, skipped, indexedAt: new Date(0).toISOString() });
    expectSafe(body);
    expect(body.embeds[0]?.description).toMatch(/… \d+ more documents/u);
  });

  it('/help', () => {
    expectSafe(presentHelp(Array.from({ length: 30 }, () => ({ usage: '/x '.repeat(100), description: 'd '.repeat(600), example: 'e '.repeat(100) }))));
  });
});

describe('presenters on the fixture material', () => {
  it('bold the question words, cite [n], and list the sources the adapter makes buttons of', async () => {
    const kb = await fixtureKb();
    const body = presentAsk(ask(kb, 'When does the on-call rota change?'));
    const embed = body.embeds[0];
    expect(embed?.description).toMatch(/^> The on-\*\*call\*\* \*\*rota\*\* \*\*changes\*\* every Monday at 10:00\. \[1\]$/u);
    expect(embed?.fields?.[0]).toMatchObject({ name: '[1] Team Handbook, ¶3', value: 'On-call\n`/source handbook#p3`' });
    expect(body.sources).toEqual([{ n: 1, chunkId: 'handbook#p3', citation: 'Team Handbook, ¶3', title: 'Team Handbook', url: 'https://example.com/handbook', quote: 'The on-call rota changes every Monday at 10:00.' }]);
    expectSafe(body);
  });

  it('escape the material: mentions, links and fences render as text', async () => {
    const kb = await fixtureKb();
    const body = presentSource(source(kb, 'notes#p1'));
    const text = body.embeds[0]?.description ?? '';
    expect(text).toContain('@\u200deveryone');
    expect(text).toContain('\\<@&123456789012345678\\>');
    expect(text).toContain('\\`\\`\\`js');
    expect(body.embeds[0]?.title).toBe('Release Notes \\*and\\* \\`tricks\\`, ¶1');
    expectSafe(body);
  });

  it('cut the long changelog at a sentence with a pointer', async () => {
    const kb = await fixtureKb();
    const long = [...kb.chunks].find((c) => c.text.length > 6000);
    expect(long).toBeDefined();
    const body = presentSource(source(kb, long?.id ?? ''));
    expect(body.embeds[0]?.description).toMatch(/\. … the rest is in the document `notes`$/u);
    expectSafe(body);
    expectSafe(presentSearch(search(kb, 'deployment pipeline')));
    expectSafe(presentSummary(summarize(kb, { document: 'notes' })));
  });
});

// Material and questions of any shape: markdown, mentions, emoji, huge or empty.
const piece = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 2, arbitrary: fc.constantFrom('@everyone', '@here', '<@&123456789012345678>', '<@123456789012345678>', '<#123456789012345678>', '```', '`', '**', '__', '~~', '||', '\\', '[x](https://evil.example)', '# ', '\n> ', '\n- ', '😀', 'https://example.com/a_b', '. ', '\n') },
  { weight: 1, arbitrary: fc.constant('Lorem ipsum dolor sit amet. '.repeat(100)) },
);
const text = fc.array(piece, { maxLength: 80 }).map((parts) => parts.join(''));
const slug = fc.stringMatching(/^[a-z0-9-]{1,120}$/u);
const url = fc.constantFrom(null, 'https://example.com/doc', `https://example.com/${'x'.repeat(600)}`, 'nonsense');

const chunkArb = fc.record({ doc: slug, n: fc.nat(500), title: text, text, crumb: fc.array(text, { maxLength: 3 }), url }).map((r) =>
  fakeChunk({ id: `${r.doc}#p${r.n}`, title: r.title, paragraph: r.n, text: r.text, breadcrumb: r.crumb, url: r.url, citation: `${r.title}, ¶${r.n}` }),
);
const excerptArb = fc.tuple(chunkArb, text, fc.array(fc.tuple(fc.nat(), fc.nat(20)), { maxLength: 6 })).map(([chunk, t, spans]) => ({
  ...fakeExcerpt(chunk, t),
  marks: spans.map(([s, len]): [number, number] => [Math.min(s, t.length), Math.min(s + len, t.length)]).filter(([a, b]) => b > a),
}));

describe('any question and any material (property)', () => {
  it('gives replies within every limit in which nothing pings', () => {
    fc.assert(
      fc.property(text, fc.array(excerptArb, { minLength: 1, maxLength: 6 }), fc.array(chunkArb, { maxLength: 4 }), fc.boolean(), (question, excerpts, others, mention) => {
        const chunks = new Map<string, Chunk>();
        const passages = [...others.map((c) => fakePassage(c)), ...excerpts.map((e) => fakePassage(fakeChunk({ id: e.chunkId, citation: e.citation, url: e.url }), [e]))];
        for (const p of passages) chunks.set(p.chunk.id, p.chunk);
        const who = mention ? USER : null;
        expectSafe(presentAsk(fakeAnswer(question, excerpts, passages)), who);
        expectSafe(presentAsk({ query: question, answered: false, refusal: question, reason: 'not-covered', answer: [], passages: [], suggestions: excerpts.map((e) => e.text) }), who);
        expectSafe(presentSearch({ query: question, total: passages.length + 7, offset: 0, limit: 5, hits: passages.slice(0, 5) }, question), who);
        expectSafe(presentSummary({ topic: question, document: null, answered: true, refusal: null, sentences: excerpts, suggestions: [] }, question), who);
        const [first, second, third] = passages;
        if (first) expectSafe(presentSource({ chunk: first.chunk, before: second?.chunk ?? null, after: third?.chunk ?? null }), who);
      }),
      { numRuns: 150 },
    );
  });
});
