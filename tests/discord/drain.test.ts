// SIGTERM in the middle of a burst, through the same shutdown path `npm start` installs
// (handleShutdown in src/discord/start.ts), in-process: a fake signal source and a fake exit.
// The promise: every interaction the bot received is answered — or told to ask again — before
// the gateway connection closes; nobody is left with "did not respond" or an endless "thinking…".
import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { handleShutdown } from '../../src/discord/start.ts';
import type { InteractionRecord } from '../support/discord-standin/server.ts';
import { ANSWERABLE, answered, isVisible, startGatedHarness } from '../helpers/discord/faults.ts';
import { EPHEMERAL, startHarness, TEST_TOKEN, type Harness } from '../helpers/discord/harness.ts';

let h: Harness | null = null;
afterEach(async () => {
  await h?.s.close();
  h = null;
});

/**
 * Installs the shutdown path on a fake process and records, at the moment the bot closes the
 * gateway connection, which interactions had a visible answer.
 */
function installShutdown(harness: Harness) {
  const signals = new EventEmitter();
  let exitCode: number | null = null;
  const exited = new Promise<number>((resolve) => {
    handleShutdown({
      bot: harness.bot,
      log: harness.bot.log,
      signals,
      exit: (code) => {
        exitCode = code;
        resolve(code);
      },
    });
  });
  const atClose: { answered: Set<string> | null } = { answered: null };
  const destroy = harness.bot.client.destroy.bind(harness.bot.client);
  harness.bot.client.destroy = async () => {
    atClose.answered = new Set([...harness.s.interactions.values()].filter(answered).map((r) => r.id));
    return destroy();
  };
  return { signals, exited, atClose, exitCode: () => exitCode };
}

describe('SIGTERM during a burst', () => {
  it('answers every interaction already sent before it closes the connection, then exits 0', async () => {
    h = await startHarness({ env: { FOOTNOTE_COOLDOWN_SECONDS: '0' } });
    const harness = h;
    const { signals, exited, atClose } = installShutdown(harness);
    const seen: string[] = [];
    harness.bot.client.on('interactionCreate', (i) => seen.push(i.id));

    const records: InteractionRecord[] = [];
    for (let i = 0; i < 150; i++) {
      records.push(await harness.s.dispatchInteraction({ kind: 'chatInput', name: 'ask', userId: harness.newUser(), options: { question: ANSWERABLE } }));
      // SIGTERM arrives while the burst is being handled: most of it is still on its way.
      if (i === 20) signals.emit('SIGTERM');
    }
    expect(await exited).toBe(0);

    // Everything Discord sent before the connection closed reached the bot and was answered by then.
    expect(seen.length).toBe(records.length);
    expect(atClose.answered).not.toBeNull();
    const unanswered = records.filter((r) => !atClose.answered?.has(r.id)).map((r) => r.id);
    expect(unanswered).toEqual([]);
    for (const r of records) {
      expect(r.errors).toEqual([]);
      expect(r.history.filter((e) => e.kind === 'callback' && e.status < 300)).toHaveLength(1);
    }
    expect(harness.s.violations).toEqual([]);
    const messages = harness.log.lines().map((l) => l['msg']);
    expect(messages).toEqual(expect.arrayContaining(['SIGTERM: shutting down', 'stopping: answering what is in flight', 'disconnected from Discord']));
    expect(harness.log.text()).not.toContain(TEST_TOKEN);
  });

  it('an answer still waiting (deferred, material loading) is replaced by a private "ask again" before the close', async () => {
    // The material never finishes loading: /ask defers and waits. Shutdown must not leave it "thinking…".
    const gated = await startGatedHarness({ bot: { drainMs: 300 } });
    h = gated.h;
    const harness = h;
    const { signals, exited, atClose } = installShutdown(harness);
    const publicAsk = await harness.run({ kind: 'chatInput', name: 'ask', userId: harness.newUser(), options: { question: ANSWERABLE } });
    const privateAsk = await harness.run({ kind: 'chatInput', name: 'ask', userId: harness.newUser(), options: { question: ANSWERABLE, private: true } });
    expect(publicAsk.firstResponse?.type).toBe(5);
    expect(privateAsk.firstResponse?.type).toBe(5);

    signals.emit('SIGTERM');
    expect(await exited).toBe(0);

    expect([...(atClose.answered ?? [])].sort()).toEqual([publicAsk.id, privateAsk.id].sort());
    // Private deferral: the placeholder itself becomes the notice.
    expect(isVisible(privateAsk.original)).toBe(true);
    expect(privateAsk.original?.flags).toBe(EPHEMERAL);
    expect(privateAsk.original?.content).toBe('Footnote is restarting and could not finish this answer. Please ask again in a moment.');
    // Public deferral: the public "thinking…" goes, the notice is private.
    expect(publicAsk.original).toBeNull();
    expect(publicAsk.followups.map((m) => [m.flags, m.content])).toEqual([[EPHEMERAL, 'Footnote is restarting and could not finish this answer. Please ask again in a moment.']]);

    // The material arriving after the close changes nothing: the handlers' late answers are dropped.
    gated.release();
    await Promise.all([harness.handled(publicAsk.id), harness.handled(privateAsk.id)]);
    expect(publicAsk.followups).toHaveLength(1);
    expect(privateAsk.history.filter((e) => e.kind === 'editOriginal')).toHaveLength(1);
    const warning = harness.log.lines().find((l) => /^stopping with 2 interaction\(s\) unanswered/u.test(String(l['msg'])));
    expect(warning).toMatchObject({ level: 40, pending: 2, told: expect.arrayContaining([publicAsk.id, privateAsk.id]) });
    expect(harness.s.violations).toEqual([]);
  });

  it('a second SIGTERM exits at once with 1', async () => {
    const harness = (await startGatedHarness({ bot: { drainMs: 600 } })).h;
    h = harness;
    const { signals, exited } = installShutdown(harness);
    await harness.run({ kind: 'chatInput', name: 'ask', userId: harness.newUser(), options: { question: ANSWERABLE } });
    signals.emit('SIGTERM');
    signals.emit('SIGTERM');
    expect(await exited).toBe(1);
    await harness.bot.stop();
  });
});
