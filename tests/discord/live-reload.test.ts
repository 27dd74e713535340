import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ask } from '../../src/answer/index.ts';
import { cleanUpFolderBots, save, withFolder } from '../helpers/discord/folder-bot.ts';

cleanUpFolderBots();

describe('live reload', () => {
  it('picks up a new file by itself, and a broken edit keeps the old index serving', async () => {
    const { h, dir } = await withFolder();
    await save(join(dir, 'backups.md'), '# Backups\n\nSnapshots run nightly.');
    await h.log.waitFor((l) => /^reloaded: 1 added/u.test(String(l['msg'])));
    expect(h.bot.knowledge.current?.documents.map((d) => d.id)).toEqual(['backups', 'deploy']);

    await save(join(dir, 'deploy.md'), '---\ntitle: [broken\n---\nText.');
    await h.log.waitFor((l) => /^skipped deploy\.md: front matter is not valid YAML/u.test(String(l['msg'])));
    const kb = h.bot.knowledge.current;
    expect(kb && ask(kb, 'When do snapshots run?').answered).toBe(true);
  });
});
