import { mkdir, rm, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeFolderError, listKnowledgeFiles, loadKnowledge } from '../../src/knowledge/index.ts';
import { formatOptions } from '../../src/knowledge/format-options.ts';
import { knowledgeFolder } from '../helpers/folders.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
async function folder(files: Record<string, string | Uint8Array>) {
  const f = await knowledgeFolder(files);
  cleanups.push(f.cleanup);
  return f.dir;
}

describe('loadKnowledge', () => {
  it('reads .md, .txt, .html and .htm recursively, ignoring hidden folders and other files', async () => {
    const dir = await folder({
      'a.md': '# A\n\nAlpha.',
      'team/b.txt': 'Beta.',
      'web/c.html': '<title>C</title><main><p>Gamma.</p></main>',
      'web/d.HTM': '<p>Delta.</p>',
      '.git/c.md': 'Hidden.',
      'image.png': new Uint8Array([0, 1, 2]),
    });
    const loaded = await loadKnowledge(dir);
    expect(loaded.documents.map((d) => [d.id, d.path])).toEqual([
      ['a', 'a.md'],
      ['team/b', 'team/b.txt'],
      ['web/c', 'web/c.html'],
      ['web/d', 'web/d.HTM'],
    ]);
    expect(loaded.skipped).toEqual([]);
  });

  it('gives colliding slugs distinct ids', async () => {
    const dir = await folder({ 'Notes.md': 'One.', 'notes.txt': 'Two.' });
    const ids = (await loadKnowledge(dir)).documents.map((d) => d.id).sort();
    expect(ids).toEqual(['notes', 'notes-txt']);
  });

  it('skips bad files with their path and reason and keeps the good ones', async () => {
    const dir = await folder({
      'good.md': 'Fine text.',
      'empty.md': '',
      'binary.txt': new Uint8Array([1, 2, 0, 3]),
      'latin1.txt': new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      'bad-yaml.md': '---\ntitle: [oops\n---\nText.',
    });
    const loaded = await loadKnowledge(dir);
    expect(loaded.documents.map((d) => d.id)).toEqual(['good']);
    expect(Object.fromEntries(loaded.skipped.map((s) => [s.path, s.reason]))).toEqual({
      'bad-yaml.md': expect.stringContaining('not valid YAML'),
      'binary.txt': expect.stringContaining('binary'),
      'empty.md': 'empty file',
      'latin1.txt': 'not valid UTF-8 text',
    });
  });

  it('skips a file over the size limit instead of reading it', async () => {
    const dir = await folder({ 'big.txt': 'x'.repeat(2048), 'small.txt': 'Small.' });
    const loaded = await loadKnowledge(dir, { maxFileBytes: 1024 });
    expect(loaded.skipped).toEqual([{ path: 'big.txt', reason: expect.stringContaining('larger than') }]);
  });

  it('skips a file removed between listing and reading, naming it', async () => {
    const dir = await folder({ 'a.md': 'Alpha.', 'b.md': 'Beta.' });
    const listing = await listKnowledgeFiles(dir);
    await rm(join(dir, 'b.md'));
    const loaded = await loadKnowledge(dir, { listing });
    expect(loaded.documents.map((d) => d.id)).toEqual(['a']);
    expect(loaded.skipped).toEqual([{ path: 'b.md', reason: 'removed while being read' }]);
  });

  it('indexes a 20 MB file and a single 200 KB paragraph', async () => {
    const line = 'Every line of this large file is a sentence about throughput and latency.\n';
    const dir = await folder({
      'large.txt': line.repeat(Math.ceil((20 * 1024 * 1024) / line.length)),
      'long-paragraph.md': `${'word '.repeat(40_000)}end.`,
    });
    const loaded = await loadKnowledge(dir);
    expect(loaded.skipped).toEqual([]);
    expect(loaded.documents.find((d) => d.id === 'large')?.paragraphs).toBeGreaterThan(250_000);
    expect(loaded.chunks.find((c) => c.id === 'long-paragraph#p1')?.text.length).toBeGreaterThan(200_000);
  });

  it('reports a symlink loop once and carries on', async () => {
    const dir = await folder({ 'sub/a.md': 'Alpha.' });
    await symlink(dir, join(dir, 'sub', 'loop'));
    const loaded = await loadKnowledge(dir);
    expect(loaded.documents.map((d) => d.id)).toEqual(['sub/a']);
    expect(loaded.skipped).toEqual([{ path: 'sub/loop', reason: expect.stringContaining('loop') }]);
  });

  it('is a clear error for a missing, empty or all-bad folder', async () => {
    await expect(loadKnowledge('/nonexistent/footnote')).rejects.toThrow(KnowledgeFolderError);
    const empty = await folder({});
    await mkdir(join(empty, 'sub'));
    await expect(loadKnowledge(empty)).rejects.toThrow(/no knowledge files \(\.md .* \.html \.htm \.pdf\)/);
    const bad = await folder({ 'x.md': '' });
    await expect(loadKnowledge(bad)).rejects.toThrow(/no usable documents.*x\.md: empty file/);
  });
});

describe('HTML that cannot be walked', () => {
  it('is skipped with its path and the cap it broke, and the rest of the folder loads', async () => {
    const dir = await folder({
      'good.html': '<main><p>Fine text.</p></main>',
      'deep.html': `<body>${'<div>'.repeat(100)}x${'</div>'.repeat(100)}</body>`,
    });
    const loaded = await loadKnowledge(dir, { formats: formatOptions({ html: { maxDepth: 50 } }) });
    expect(loaded.documents.map((d) => d.path)).toEqual(['good.html']);
    expect(loaded.skipped).toEqual([{ path: 'deep.html', reason: 'HTML nested deeper than 50 elements' }]);
  });
});
