import { describe, expect, it } from 'vitest';
import { summarize, UnknownDocumentError } from '../../src/answer/index.ts';
import { articleKb, kbFrom } from '../helpers/folders.ts';

describe('summarize', () => {
  it('quotes every sentence verbatim from the paragraph it cites, in the material\'s order', async () => {
    const kb = await articleKb();
    const summary = summarize(kb, { sentences: 6 });
    expect(summary.sentences).toHaveLength(6);
    const positions = summary.sentences.map((s) => {
      const chunk = kb.chunks.get(s.chunkId);
      expect(chunk, s.chunkId).toBeDefined();
      expect(chunk?.text).toContain(s.text);
      expect(s.citation).toBe(chunk?.citation);
      return [chunk?.paragraph ?? 0, chunk?.text.indexOf(s.text) ?? 0];
    });
    const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(positions).toEqual(sorted);
  });

  it('names the piece\'s occasion: a default-length summary quotes the World AI Conference sentence', async () => {
    const summary = summarize(await articleKb(), { document: 'china-ai-governance' });
    expect(summary.sentences).toHaveLength(5);
    expect(summary.sentences.some((s) => s.text.startsWith('The 2025 World AI Conference & High-Level Meeting'))).toBe(true);
  });

  it('quotes prose, not a code block, when there is prose enough', async () => {
    const kb = await kbFrom({
      'guide.md': [
        '# Backups',
        '',
        'The backup tool copies every project folder to the archive server each night.',
        '',
        '```',
        'backup --all --target archive.example.org --compress --verify --retain 30 --log /var/log/backup.log',
        '```',
        '',
        'Restoring a folder takes one command and leaves the current copy untouched until it succeeds.',
        '',
      ].join('\n'),
    });
    const summary = summarize(kb, { document: 'guide', sentences: 2 });
    expect(summary.sentences.map((s) => s.text)).toEqual([
      'The backup tool copies every project folder to the archive server each night.',
      'Restoring a folder takes one command and leaves the current copy untouched until it succeeds.',
    ]);
  });

  it('does not repeat itself: no two sentences are the same', async () => {
    const summary = summarize(await articleKb(), { sentences: 8 });
    expect(new Set(summary.sentences.map((s) => s.text)).size).toBe(summary.sentences.length);
  });

  it('keeps to a topic: every sentence is about it', async () => {
    const summary = summarize(await articleKb(), { topic: 'export controls' });
    expect(summary.answered).toBe(true);
    expect(summary.sentences.length).toBeGreaterThan(0);
    for (const s of summary.sentences) expect(s.text).toMatch(/export|control/i);
    for (const s of summary.sentences) expect(s.marks.length).toBeGreaterThan(0);
  });

  it('says so when the material has nothing on the topic', async () => {
    const summary = summarize(await articleKb(), { topic: 'sourdough baking' });
    expect(summary.answered).toBe(false);
    expect(summary.sentences).toEqual([]);
    expect(summary.refusal).toMatch(/nothing about "sourdough baking"/);
  });

  it('names the known documents when asked for an unknown one', async () => {
    const kb = await articleKb();
    expect(() => summarize(kb, { document: 'nope' })).toThrow(UnknownDocumentError);
    expect(() => summarize(kb, { document: 'nope' })).toThrow(/china-ai-governance/);
  });
});
