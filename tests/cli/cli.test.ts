import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.ts';
import { makePdf } from '../helpers/pdf.ts';
import { ARTICLE_DIR, knowledgeFolder, PROJECT, tempDir } from '../helpers/folders.ts';
import { articleKb } from '../helpers/folders.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The `ask --json` contract, checked key by key and type by type. */
function expectAskObject(value: unknown) {
  expect(Object.keys(value as object).sort()).toEqual(expect.arrayContaining(['answer', 'answered', 'query', 'results']));
  const o = value as { query: unknown; answered: unknown; answer: unknown[]; results: unknown[] };
  expect(typeof o.query).toBe('string');
  expect(typeof o.answered).toBe('boolean');
  for (const a of o.answer) {
    expect(Object.keys(a as object).sort()).toEqual(['citation', 'text']);
    expect(typeof (a as { text: unknown }).text).toBe('string');
  }
  for (const r of o.results) {
    expect(Object.keys(r as object).sort()).toEqual(['document', 'id', 'paragraph', 'score', 'text', 'title', 'url']);
    const x = r as Record<string, unknown>;
    expect([typeof x.id, typeof x.document, typeof x.title, typeof x.paragraph, typeof x.score, typeof x.text]).toEqual([
      'string', 'string', 'string', 'number', 'number', 'string',
    ]);
    expect(x.url === null || typeof x.url === 'string').toBe(true);
  }
}

describe('ask --json', () => {
  it('prints exactly one JSON object: the answer, cited, and the whole paragraphs best first', async () => {
    const { code, stdout } = await cli(['ask', 'When is the World AI Conference held?', '--json']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(stdout) as { answered: boolean; answer: { text: string; citation: string }[]; results: { id: string; score: number; text: string; paragraph: number }[] };
    expectAskObject(result);
    expect(result.answered).toBe(true);
    expect(result.results[0]).toMatchObject({ id: 'china-ai-governance#p2', paragraph: 2 });
    const scores = result.results.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const kb = await articleKb();
    for (const r of result.results) expect(r.text).toBe(kb.chunks.get(r.id)?.text);
    for (const a of result.answer) {
      expect(kb.chunks.get(a.citation)?.text).toContain(a.text);
      expect(a.text).not.toMatch(/\*\*|…/);
    }
  });

  it('answers a question the material does not cover with answered: false and no paragraphs', async () => {
    const { stdout } = await cli(['ask', 'How do I bake sourdough bread?', '--json']);
    const result = JSON.parse(stdout) as { answered: boolean; answer: unknown[]; results: unknown[] };
    expectAskObject(result);
    expect(result).toMatchObject({ answered: false, answer: [], results: [] });
  });
});

describe('ask --batch', () => {
  it('prints one object per line, including blank and unusable lines, with an error saying why', async () => {
    const dir = await tempDir();
    cleanups.push(dir.cleanup);
    const file = join(dir.dir, 'questions.txt');
    await writeFile(file, 'Where is the conference held?\n\nHow do I bake sourdough bread?\n?!?\r\nshanghia conferance\n');
    const { code, stdout } = await cli(['ask', '--batch', file, '--json']);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { query: string; answered: boolean; error?: string });
    expect(lines).toHaveLength(5);
    lines.forEach(expectAskObject);
    expect(lines.map((l) => [l.answered, l.error !== undefined])).toEqual([
      [true, false],
      [false, true],
      [false, false],
      [false, true],
      [true, false],
    ]);
    expect(lines[1]?.error).toBe('blank line');
  });

  it('reads the batch from stdin with "-"', async () => {
    const { stdout } = await cli(['ask', '--batch', '-', '--json'], {}, 'Digital Egypt Builders\n');
    expect(JSON.parse(stdout)).toMatchObject({ answered: true, query: 'Digital Egypt Builders' });
  });
});

describe('other commands', () => {
  it('summary --json gives verbatim sentences with citations', async () => {
    const { code, stdout } = await cli(['summary', '--json', '--sentences', '3']);
    expect(code).toBe(0);
    const { sentences } = JSON.parse(stdout) as { sentences: { text: string; citation: string }[] };
    expect(sentences).toHaveLength(3);
    const kb = await articleKb();
    for (const s of sentences) expect(kb.chunks.get(s.citation)?.text).toContain(s.text);
  });

  it('prints readable text with citations', async () => {
    const ask = await cli(['ask', 'Digital Egypt Builders']);
    expect(ask.stdout).toContain('Sources');
    expect(ask.stdout).toMatch(/\[1\] China's open approach .*, ¶8/);
    const source = await cli(['source', 'china-ai-governance#p8']);
    expect(source.stdout).toMatch(/¶7\s+In September 2024.*\n\n¶8\s+Institutions such as.*\n\n¶9\s+However/);
    const search = await cli(['search', 'hegemony', '--limit', '2']);
    expect(search.stdout).toMatch(/^\d+ paragraphs match "hegemony" \(showing 1–2\)/);
  });

  it('uses another knowledge folder with --knowledge or KNOWLEDGE_DIR', async () => {
    const folder = await knowledgeFolder({ 'runbook.md': '# Runbook\n\nRestart the queue worker with systemctl.' });
    cleanups.push(folder.cleanup);
    const viaFlag = await cli(['ask', 'How do I restart the queue worker?', '--json', '--knowledge', folder.dir]);
    expect(JSON.parse(viaFlag.stdout)).toMatchObject({ answered: true, results: [{ id: 'runbook#p1' }] });
    const viaEnv = await cli(['ask', 'restart the queue worker', '--json'], { KNOWLEDGE_DIR: folder.dir });
    expect(JSON.parse(viaEnv.stdout)).toMatchObject({ answered: true, results: [{ id: 'runbook#p1' }] });
  });

  it('index reports documents, chunks and skipped files', async () => {
    const folder = await knowledgeFolder({ 'a.md': 'Alpha.', 'bad.md': '' });
    cleanups.push(folder.cleanup);
    const { stdout, stderr } = await cli(['index', '--knowledge', folder.dir]);
    expect(stdout).toMatch(/Indexed 1 document, 1 chunks/);
    expect(stdout).toContain('bad.md: empty file');
    expect(stderr).toContain('skipped bad.md: empty file');
  });
});

describe('check-knowledge', () => {
  it('passes the project\'s own knowledge folder', async () => {
    const { code, stdout } = await cli(['check-knowledge']);
    expect([code, stdout.trim()]).toEqual([0, '1 document, 13 paragraphs; 0 errors, 0 warnings.']);
  });

  it('lists skipped files as errors and weak citations as warnings, and exits 1', async () => {
    const folder = await knowledgeFolder({
      'a.md': '---\ntitle: Same\n---\nAlpha.',
      'b.md': '---\ntitle: Same\nsource: https://x.test/b\n---\nBeta.',
      'broken.md': '---\ntitle: [\n---\nText.',
    });
    cleanups.push(folder.cleanup);
    const { code, stdout } = await cli(['check-knowledge', '--knowledge', folder.dir]);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      expect.stringMatching(/^error +broken\.md: skipped: front matter is not valid YAML: .*line 2/),
      'warning  a.md: no source URL in front matter (citations will not link)',
      'warning  a.md: title "Same" is also used by b.md',
      'warning  b.md: title "Same" is also used by a.md',
      '2 documents, 2 paragraphs; 1 error, 3 warnings.',
    ]);
  });

  it('reports each HTML page and PDF it cannot read, with the reason, and indexes the rest', async () => {
    const good = makePdf({ title: 'Good', pages: [{ texts: [{ x: 72, y: 700, text: 'A readable page.' }] }] });
    const folder = await knowledgeFolder({
      'good.pdf': good,
      'page.html': '<link rel="canonical" href="https://x.test/page"><main><h1>Page</h1><p>Readable.</p></main>',
      'deep.html': `<body>${'<div>'.repeat(2000)}x</body>`,
      'fake.pdf': 'just text, named .pdf',
      'truncated.pdf': good.subarray(0, Math.floor(good.length * 0.7)),
      'locked.pdf': makePdf({ pages: [{ texts: [{ x: 72, y: 700, text: 'Secret.' }] }], encrypted: true }),
      'scan.pdf': makePdf({ pages: [{ texts: [], drawing: '0 0 1 rg 72 72 400 600 re f' }] }),
    });
    cleanups.push(folder.cleanup);
    const { code, stdout } = await cli(['check-knowledge', '--knowledge', folder.dir]);
    expect(code).toBe(1);
    expect(stdout.split('\n').filter(Boolean)).toEqual([
      'error    deep.html: skipped: HTML nested deeper than 512 elements',
      'error    fake.pdf: skipped: not a PDF (no %PDF- header)',
      'error    locked.pdf: skipped: encrypted PDF (needs a password)',
      'error    scan.pdf: skipped: PDF has no text layer (a scan?)',
      'error    truncated.pdf: skipped: broken PDF (Invalid PDF structure.)',
      'warning  good.pdf: no source URL in its metadata (citations will not link)',
      '2 documents, 2 paragraphs; 5 errors, 1 warning.',
    ]);
  });
});

describe('a PDF in the folder', () => {
  it('is searched like any file, its results naming the page and linking to it', async () => {
    const pdf = makePdf({
      title: 'Widget Guide',
      url: 'https://docs.example.org/widgets.pdf',
      pages: [
        { texts: [{ x: 72, y: 700, text: 'Widgets are installed with the package tool.' }] },
        { texts: [{ x: 72, y: 700, text: 'Widgets are calibrated every spring by the lab.' }] },
      ],
    });
    const folder = await knowledgeFolder({ 'widgets.pdf': pdf });
    cleanups.push(folder.cleanup);
    const { code, stdout } = await cli(['search', 'calibrated', '--json', '--knowledge', folder.dir]);
    expect(code).toBe(0);
    const [first] = (JSON.parse(stdout) as { results: { id: string; page?: number; url: string | null }[] }).results;
    expect(first).toMatchObject({ id: 'widgets#p2', page: 2, url: 'https://docs.example.org/widgets.pdf#page=2' });
    const text = await cli(['source', 'widgets#p2', '--knowledge', folder.dir]);
    expect(text.stdout).toContain('Widget Guide, p. 2, ¶1');
  });
});

describe('wrong usage', () => {
  it.each([
    [[], /Usage:/],
    [['frobnicate'], /Unknown command "frobnicate"/],
    [['ask'], /ask needs a question/],
    [['ask', 'x', '--topic', 'y'], /--topic does not apply to ask/],
    [['ask', '--batch', 'f.txt'], /add --json/],
    [['search', 'x', '--limit', 'many'], /--limit must be a whole number/],
    [['ask', 'x', '--nope'], /Unknown option '--nope'/],
    [['summary', 'loose words'], /try --topic "loose words"/],
  ])('%j explains what is expected and exits 2', async (args, message) => {
    const { code, stderr } = await cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 1 with a clear message for a missing knowledge folder or unknown citation', async () => {
    const missing = await cli(['ask', 'x', '--knowledge', '/nonexistent/kb']);
    expect([missing.code, missing.stderr]).toEqual([1, expect.stringContaining('does not exist')]);
    const unknown = await cli(['source', 'nope#p1']);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('No paragraph "nope#p1"')]);
  });
});

describe('as a process', () => {
  it('`npm run ask -- … --json` puts exactly the JSON object on stdout (no npm banner)', async () => {
    const cache = await tempDir();
    cleanups.push(cache.cleanup);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const { stdout } = await promisify(execFile)(npm, ['run', 'ask', '--', 'Digital Egypt Builders', '--json'], {
      cwd: PROJECT,
      env: { ...process.env, FOOTNOTE_CACHE_DIR: cache.dir },
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(stdout)).toMatchObject({ query: 'Digital Egypt Builders', answered: true });
  });

  it('keeps stdout to the JSON object and logs on stderr', async () => {
    const cache = await tempDir();
    cleanups.push(cache.cleanup);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(PROJECT, 'src/cli/main.ts'), 'ask', 'hegemonny', '--json', '--knowledge', ARTICLE_DIR],
      { cwd: PROJECT, env: { ...process.env, FOOTNOTE_CACHE_DIR: cache.dir, LOG_LEVEL: 'debug' } },
    );
    expect(JSON.parse(stdout)).toMatchObject({ query: 'hegemonny', answered: true });
  });
});
