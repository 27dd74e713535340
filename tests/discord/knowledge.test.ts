import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/index.ts';
import { KnowledgeHolder } from '../../src/discord/knowledge.ts';
import { cleanUpFolderBots, save, withFolder } from '../helpers/discord/folder-bot.ts';
import { openKnowledgeBase, type KnowledgeBase } from '../../src/search/index.ts';
import { knowledgeFolder } from '../helpers/folders.ts';

cleanUpFolderBots();

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

describe('KnowledgeHolder', () => {
  it('tells onServe of the first knowledge base and of each reloaded one (the bot fills the typo tree there)', async () => {
    const folder = await knowledgeFolder({ 'deploy.md': '# Deploy\n\nThe deploy key lives in the vault.' });
    cleanups.push(folder.cleanup);
    const served: KnowledgeBase[] = [];
    const holder = new KnowledgeHolder(() => openKnowledgeBase({ knowledgeDir: folder.dir, cacheDir: null }).then((o) => o.kb), { onServe: (kb) => served.push(kb) });
    const first = await holder.load();
    expect(served).toEqual([first]);
    await writeFile(join(folder.dir, 'backups.md'), '# Backups\n\nSnapshots run nightly.');
    const outcome = await holder.reload();
    expect(outcome.ok).toBe(true);
    expect(served).toHaveLength(2);
    expect(served[1]).toBe(holder.current);
    expect(served[1]).not.toBe(first);
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
