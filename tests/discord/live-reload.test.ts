import { utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PermissionFlagsBits } from 'discord.js';
import { ask } from '../../src/answer/index.ts';
import { openKnowledgeBase } from '../../src/search/index.ts';
import { knowledgeFolder } from '../helpers/folders.ts';
import { EPHEMERAL, startHarness, type Harness } from '../helpers/discord/harness.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function withFolder(env: Record<string, string> = {}): Promise<{ h: Harness; dir: string }> {
  const folder = await knowledgeFolder({ 'deploy.md': '# Deploy\n\nThe deploy key lives in the vault.' });
  cleanups.push(folder.cleanup);
  const h = await startHarness({
    knowledge: () => openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null }).then((o) => o.kb),
    env: { KNOWLEDGE_DIR: folder.dir, ...env },
  });
  cleanups.push(() => h.close());
  await h.bot.knowledge.get();
  return { h, dir: folder.dir };
}

async function save(path: string, text: string) {
  await writeFile(path, text);
  const later = new Date(Date.now() + 10_000);
  await utimes(path, later, later);
}

const ADMIN = (PermissionFlagsBits.ManageGuild | PermissionFlagsBits.SendMessages).toString();
const MEMBER = PermissionFlagsBits.SendMessages.toString();

describe('/reload', () => {
  it('is refused, privately, to a member without Manage Server, even if Discord showed it to them', async () => {
    const { h, dir } = await withFolder({ FOOTNOTE_WATCH: 'false' });
    await save(join(dir, 'backups.md'), '# Backups\n\nSnapshots run nightly.');
    const record = await h.run({ kind: 'chatInput', name: 'reload', userId: h.newUser(), memberPermissions: MEMBER });
    expect(record.firstResponse?.type).toBe(4);
    expect(record.original?.flags).toBe(EPHEMERAL);
    expect(record.original?.content).toContain('Manage Server');
    expect(h.bot.knowledge.current?.documents.map((d) => d.id)).toEqual(['deploy']);
  });

  it('re-indexes what changed and reports it to an admin', async () => {
    const { h, dir } = await withFolder({ FOOTNOTE_WATCH: 'false' });
    await save(join(dir, 'backups.md'), '# Backups\n\nSnapshots run nightly.');
    await save(join(dir, 'deploy.md'), '# Deploy\n\nThe deploy key lives in the password manager.');
    const record = await h.run({ kind: 'chatInput', name: 'reload', userId: h.newUser(), memberPermissions: ADMIN });
    expect(record.firstResponse?.type).toBe(5);
    const done = await h.waitForHistory(record, 'editOriginal');
    const text = done.original?.content ?? '';
    expect(text).toMatch(/Reloaded in \d+ ms\./);
    expect(text).toContain('Added: `backups`');
    expect(text).toContain('Changed: `deploy`');
    expect(text).toContain('Paragraphs: 1 → 2');
    const answer = await h.run({ kind: 'chatInput', name: 'ask', userId: h.newUser(), options: { question: 'When do snapshots run?' } });
    expect(JSON.stringify(answer.original?.embeds)).toMatch(/Snapshots\W+run\W+nightly/);
    expect(h.s.violations).toEqual([]);
  });

  it('says so when nothing changed', async () => {
    const { h } = await withFolder({ FOOTNOTE_WATCH: 'false' });
    const record = await h.run({ kind: 'chatInput', name: 'reload', userId: h.newUser(), memberPermissions: ADMIN });
    const done = await h.waitForHistory(record, 'editOriginal');
    expect(done.original?.content).toContain('Nothing changed');
  });
});

describe('live reload', () => {
  it('picks up a new file by itself, and a broken edit keeps the old index serving', async () => {
    const { h, dir } = await withFolder();
    await save(join(dir, 'backups.md'), '# Backups\n\nSnapshots run nightly.');
    await expect.poll(() => h.bot.knowledge.current?.documents.map((d) => d.id), { timeout: 10_000, interval: 100 }).toEqual(['backups', 'deploy']);
    expect(h.log.text()).toMatch(/reloaded: 1 added/);

    await save(join(dir, 'deploy.md'), '---\ntitle: [broken\n---\nText.');
    await expect.poll(() => /skipped deploy\.md: front matter is not valid YAML/.test(h.log.text()), { timeout: 10_000, interval: 100 }).toBe(true);
    const kb = h.bot.knowledge.current;
    expect(kb && ask(kb, 'When do snapshots run?').answered).toBe(true);
  });
});

describe('the swap', () => {
  it('lets queries running during a reload see the old index or the new one, never a mix', async () => {
    const { h, dir } = await withFolder({ FOOTNOTE_WATCH: 'false' });
    await save(join(dir, 'deploy.md'), '# Deploy\n\nThe deploy key lives in the password manager.');
    const seen = new Set<string>();
    let running = true;
    const asking = (async () => {
      while (running) {
        const kb = h.bot.knowledge.current;
        if (kb) {
          const r = ask(kb, 'Where does the deploy key live?');
          const text = r.answer[0]?.text ?? '';
          // Whatever the index returned must be a paragraph of the same knowledge base.
          for (const p of r.passages) expect(kb.chunks.get(p.chunk.id)).toBe(p.chunk);
          seen.add(text);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const outcome = await h.bot.knowledge.reload();
    await new Promise((resolve) => setImmediate(resolve));
    running = false;
    await asking;
    expect(outcome.ok).toBe(true);
    expect([...seen].every((t) => t === 'The deploy key lives in the vault.' || t === 'The deploy key lives in the password manager.')).toBe(true);
    expect(seen.has('The deploy key lives in the password manager.')).toBe(true);
  });
});
