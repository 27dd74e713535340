// The bot on its own, for burst.test.ts: a separate Node process started with --expose-gc, so the
// heap it measures is the bot's alone (the stand-in and the test runner live in the parent).
// Settings come from the environment, as for `npm start`. Talks to the parent over IPC:
//   → { kind: 'ready' }                       once connected and the material is loaded
//   ← 'measure'  → { kind: 'measure', retained, stats }   after full garbage collections
//   ← 'stop'     → exits 0 after bot.stop()
import { commands } from '../../../../commands/index.ts';
import { createBot } from '../../../../src/discord/bot.ts';
import { readBotConfig } from '../../../../src/discord/config.ts';

const gc = (globalThis as { gc?: () => void }).gc;
const send = process.send?.bind(process);
if (gc === undefined || send === undefined) {
  process.stderr.write('bot-process.ts needs --expose-gc and an IPC channel\n');
  process.exit(2);
}

// On a busy test machine a burst can keep a request open past the 5 s REST timeout, and leave
// interactions late enough to be deferred; both paths are tested on their own
// (responder.stand-in.test.ts, deliver.test.ts). Here they would only turn slowness into other
// requests, so the bot waits as long as it takes and answers each interaction directly.
const bot = createBot(readBotConfig(process.env), { commands, restTimeoutMs: 10 * 60_000, firstResponseBudgetMs: 10 * 60_000 });
// Every interaction the bot received, weakly: one still reachable after a full collection is one
// the bot (or discord.js under it) kept.
const received: WeakRef<object>[] = [];
bot.client.on('interactionCreate', (interaction) => void received.push(new WeakRef(interaction)));
await bot.start();
await bot.knowledge.get();

async function measure(): Promise<{ retained: number; received: number; stats: ReturnType<typeof bot.stats> }> {
  // Several passes, with turns of the event loop between them, so weak refs are cleared.
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { retained: received.filter((r) => r.deref() !== undefined).length, received: received.length, stats: bot.stats() };
}

process.on('message', (message) => {
  if (message === 'measure') void measure().then((m) => send?.({ kind: 'measure', ...m }));
  if (message === 'stop') void bot.stop().then(() => process.exit(0));
});
send({ kind: 'ready' });
