import { ConfigError, loadEnvFile } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Bot } from './bot.ts';
import { readBotConfig, TOKEN_REFUSED, tokenApplicationId, type BotConfig } from './config.ts';
import type { CommandModule } from './context.ts';
import { createBotLogger, errorForLog } from './logger.ts';
import { installProcessHandlers } from './process.ts';

/** Login failures in words a person can act on (discord.js codes: TokenInvalid, DisallowedIntents). */
export function describeLoginError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'TokenInvalid') return TOKEN_REFUSED;
  if (code === 'DisallowedIntents') return 'Discord refused the gateway intents; Footnote only needs Guilds, which needs no approval.';
  return `Could not connect to Discord: ${error instanceof Error ? error.message : String(error)}`;
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 10_000;

/** The part of `process` shutdown listens on (an EventEmitter in tests). */
export interface SignalEvents {
  on(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: () => void): unknown;
}

export interface ShutdownOptions {
  bot: Pick<Bot, 'stop'>;
  log: Logger;
  /** Default: process.exit. */
  exit?: (code: number) => void;
  /** Where SIGINT and SIGTERM come from; default: process. */
  signals?: SignalEvents;
  /** How long stopping may take before exit(1) anyway; default SHUTDOWN_MS. */
  timeoutMs?: number;
  /** Runs after the bot stopped, before exiting (e.g. removing the process handlers). */
  cleanup?: () => void;
}

/**
 * What `npm start` does on SIGINT and SIGTERM (and after an uncaught exception): stop the bot —
 * which answers what is in flight before it closes the connection — then exit. A second signal,
 * or a stop that takes longer than the timeout, exits at once with 1. Returns the shutdown
 * function (reason, exit code) and installs the signal listeners.
 */
export function handleShutdown(options: ShutdownOptions): (reason: string, code?: number) => Promise<void> {
  const { bot, log } = options;
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? process;
  let stopping = false;
  const shutdown = async (reason: string, code = 0): Promise<void> => {
    if (stopping) {
      log.warn(`${reason} again; exiting now`);
      exit(1);
      return;
    }
    stopping = true;
    log.info(`${reason}: shutting down`);
    const timer = setTimeout(() => {
      log.error(`shutdown took longer than ${options.timeoutMs ?? SHUTDOWN_MS} ms; exiting now`);
      log.flush();
      exit(1);
    }, options.timeoutMs ?? SHUTDOWN_MS);
    timer.unref();
    try {
      await bot.stop();
    } catch (error) {
      log.error({ err: errorForLog(error) }, 'shutdown failed');
      code = 1;
    }
    clearTimeout(timer);
    signals.off('SIGINT', onInt);
    signals.off('SIGTERM', onTerm);
    options.cleanup?.();
    exit(code);
  };
  const onInt = () => void shutdown('SIGINT');
  const onTerm = () => void shutdown('SIGTERM');
  signals.on('SIGINT', onInt);
  signals.on('SIGTERM', onTerm);
  return shutdown;
}

/**
 * The bot's settings from `.env` and the environment, or null after printing what is wrong (the
 * caller exits 1): every entry point reports a bad setting the same way, token never included.
 */
export function loadBotConfig(): BotConfig | null {
  loadEnvFile();
  try {
    return readBotConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return null;
  }
}

/** Logs in; a refusal is logged in words a person can act on, and the process exits 1. */
export async function startOrExit(bot: Bot, log: Logger): Promise<void> {
  try {
    await bot.start();
  } catch (error) {
    log.fatal({ err: errorForLog(error) }, describeLoginError(error));
    await bot.stop();
    process.exit(1);
  }
}

/** `npm start`: read the settings, start the bot with `commands`, and stop it cleanly on a signal. */
export async function runBot(commands: readonly CommandModule[]): Promise<void> {
  const config = loadBotConfig();
  if (!config) {
    process.exitCode = 1;
    return;
  }
  const log: Logger = createBotLogger(config);
  let shutdown: ((reason: string, code?: number) => Promise<void>) | null = null;
  const uninstall = installProcessHandlers(log, process, {
    onFatal: () => {
      if (shutdown) void shutdown('uncaught exception', 1);
      else process.exit(1);
    },
  });
  const owner = tokenApplicationId(config.token);
  if (owner !== null && owner !== config.clientId) {
    log.warn({ clientId: config.clientId }, `DISCORD_CLIENT_ID does not match the application the token belongs to (${owner}); commands may be registered for another application`);
  }
  log.info({ knowledgeDir: config.knowledgeDir, guild: config.guildId, defaultPrivate: config.defaultPrivate, cooldownSeconds: config.cooldownSeconds }, 'starting Footnote');
  // Loaded only now: a configuration mistake is reported without first loading discord.js.
  const { createBot } = await import('./bot.ts');
  const bot = createBot(config, { commands, log });
  shutdown = handleShutdown({ bot, log, cleanup: uninstall });
  await startOrExit(bot, log);
}
