import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REST } from 'discord.js';
import type { Bot, BotDeps } from '../../../src/discord/bot.ts';
import { createBot } from '../../../src/discord/bot.ts';
import { readBotConfig, type BotConfig } from '../../../src/discord/config.ts';
import { deployCommands } from '../../../src/discord/deploy.ts';
import { commandDefinitions, commands as allCommands } from '../../../commands/index.ts';
import type { CommandModule } from '../../../src/discord/context.ts';
import { isRecord } from '../../support/discord-standin/limits-check.ts';
import { startDiscordStandIn, type DiscordStandIn, type InteractionInput, type InteractionRecord, type MessageState, type StandInOptions } from '../../support/discord-standin/server.ts';
import { FIXTURE_DIR, fixtureKb } from './fixtures.ts';
import { captureLog } from './log.ts';

/** Looks like a real bot token (id.timestamp.hmac), so the config check and the log scrubbing see a real shape. */
export const TEST_TOKEN = `${Buffer.from('100000000000000001').toString('base64url')}.GdVx3k.abcdefghijklmnopqrstuvwxyzABCDEF0123456`;

export interface HarnessOptions {
  env?: Record<string, string>;
  knowledge?: BotDeps['knowledge'];
  /** Extra command modules (e.g. ones that throw), served and registered with the real ones. */
  extraCommands?: readonly CommandModule[];
  standIn?: StandInOptions;
  /** Bot options a fault test needs: gateway options, REST timeout, shutdown drain time, first-response budget. */
  bot?: Pick<BotDeps, 'ws' | 'restTimeoutMs' | 'drainMs' | 'firstResponseBudgetMs'>;
}

export interface Harness {
  s: DiscordStandIn;
  bot: Bot;
  config: BotConfig;
  log: ReturnType<typeof captureLog>;
  /** Added to the bot's clock: moves delete windows and cooldowns without waiting. */
  clock: { skewMs: number };
  guildId: string;
  /** A new user id: each test acts as its own person so cooldowns do not interfere. */
  newUser(): string;
  /** Dispatches an interaction and waits for its first response. */
  run(input: InteractionInput): Promise<InteractionRecord>;
  /** Resolves once the bot has finished with the interaction: it sends nothing more for it after. */
  handled(interactionId: string): Promise<void>;
  /** Resolves once the bot has finished with a channel message (answered it or let it be). */
  messageDone(messageId: string): Promise<Record<string, unknown>>;
  /** Waits until the interaction's history has an entry of `kind`. */
  waitForHistory(record: InteractionRecord, kind: string, count?: number): Promise<InteractionRecord>;
  close(): Promise<void>;
}

let users = 0n;

/**
 * The whole bot in-process against the Discord stand-in: commands deployed with deploy-commands'
 * own function, the real discord.js client logged in, the fixture knowledge base injected.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const s = await startDiscordStandIn({ token: TEST_TOKEN, heartbeatIntervalMs: 1_000, ...options.standIn });
  // Settings go to a folder of this test's own unless it names one (a restart test reuses it).
  const dataDir = options.env?.['FOOTNOTE_DATA_DIR'] ?? (await mkdtemp(join(tmpdir(), 'footnote-data-')));
  const guildId = s.guildIds[0] ?? '';
  const config = readBotConfig({
    DISCORD_TOKEN: s.token,
    DISCORD_CLIENT_ID: s.applicationId,
    DISCORD_GUILD_ID: guildId,
    DISCORD_API_URL: s.apiUrl,
    KNOWLEDGE_DIR: FIXTURE_DIR,
    FOOTNOTE_CACHE: 'off',
    LOG_LEVEL: 'debug',
    LOG_FORMAT: 'json',
    FOOTNOTE_DATA_DIR: dataDir,
    ...options.env,
  });
  const served = [...allCommands, ...(options.extraCommands ?? [])];
  const rest = new REST({ api: s.apiUrl }).setToken(s.token);
  await deployCommands(config, commandDefinitions(served), rest);
  const log = captureLog();
  const clock = { skewMs: 0 };
  const bot = createBot(config, {
    logDestination: log.stream,
    knowledge: options.knowledge ?? (await fixtureKb()),
    commands: served,
    now: () => Date.now() + clock.skewMs,
    // Answer directly however busy the machine is; deliver.test.ts tests the late path on its own.
    firstResponseBudgetMs: 60_000,
    ...options.bot,
  });
  await bot.start();
  return {
    s,
    bot,
    config,
    log,
    clock,
    guildId,
    newUser: () => (300000000000000000n + ++users).toString(),
    async run(input) {
      const record = await s.dispatchInteraction(input);
      await s.waitForFirstResponse(record.id);
      return record;
    },
    async handled(interactionId) {
      await log.waitFor((l) => l['interaction'] === interactionId && l['msg'] === 'interaction done');
    },
    messageDone(messageId) {
      return log.waitFor((l) => l['message'] === messageId && l['msg'] === 'message done');
    },
    waitForHistory(record, kind, count = 1) {
      return s.waitFor(record.id, (r) => r.history.filter((h) => h.kind === kind).length >= count);
    },
    async close() {
      await bot.stop();
      await s.close();
    },
  };
}

/** The custom ids of a message's buttons, by label. */
export function buttonsOf(message: MessageState | null | undefined): Map<string, { customId?: string; url?: string; disabled?: boolean }> {
  const out = new Map<string, { customId?: string; url?: string; disabled?: boolean }>();
  for (const row of message?.components ?? []) {
    if (!isRecord(row) || !Array.isArray(row['components'])) continue;
    for (const b of row['components']) {
      if (!isRecord(b) || typeof b['label'] !== 'string') continue;
      out.set(b['label'], {
        ...(typeof b['custom_id'] === 'string' ? { customId: b['custom_id'] } : {}),
        ...(typeof b['url'] === 'string' ? { url: b['url'] } : {}),
        ...(b['disabled'] === true ? { disabled: true } : {}),
      });
    }
  }
  return out;
}

/** The custom id of the button labelled `label` (fails the test when there is none). */
export function customIdOf(message: MessageState | null | undefined, label: string): string {
  const id = buttonsOf(message).get(label)?.customId;
  if (id === undefined) throw new Error(`no button "${label}" on the message (has: ${[...buttonsOf(message).keys()].join(', ')})`);
  return id;
}

export interface EmbedView {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
  footer?: { text: string };
  url?: string;
}

export function embedOf(message: MessageState | null | undefined, index = 0): EmbedView {
  const embed = message?.embeds[index];
  if (!isRecord(embed)) throw new Error(`message has no embed ${index}`);
  return embed as EmbedView;
}

export const EPHEMERAL = 64;

/**
 * discord.js spaces IDENTIFYs 5 s apart (Discord's max_concurrency 1); a test that makes the bot
 * identify again passes this so the wait does not slow it down.
 */
export const NO_IDENTIFY_WAIT: NonNullable<BotDeps['ws']> = { buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }) };
