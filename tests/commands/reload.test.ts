import { join } from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { cleanUpFolderBots, save, withFolder } from '../helpers/discord/folder-bot.ts';
import { EPHEMERAL } from '../helpers/discord/harness.ts';

cleanUpFolderBots();

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
