import { pathToFileURL } from 'node:url';
import { ConfigError, loadEnvFile } from '../config.ts';
import type { Logger } from '../log.ts';
import { readBotConfig, tokenApplicationId } from './config.ts';
import { createBotLogger } from './logger.ts';
import { installProcessHandlers } from './process.ts';

/** Login failures in words a person can act on (discord.js codes: TokenInvalid, DisallowedIntents). */
export function describeLoginError(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'TokenInvalid') return 'Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.';
  if (code === 'DisallowedIntents') return 'Discord refused the gateway intents; Footnote only needs Guilds, which needs no approval.';
  return `Could not connect to Discord: ${error instanceof Error ? error.message : String(error)}`;
}

/** How long a shutdown may take before the process exits anyway. */
const SHUTDOWN_MS = 10_000;

async function main(): Promise<void> {
  loadEnvFile();
  let config;
  try {
    config = readBotConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
      return;
    }
    throw error;
  }
  const log: Logger = createBotLogger(config);
  const uninstall = installProcessHandlers(log);
  const owner = tokenApplicationId(config.token);
  if (owner !== null && owner !== config.clientId) {
    log.warn({ clientId: config.clientId }, `DISCORD_CLIENT_ID does not match the application the token belongs to (${owner}); commands may be registered for another application`);
  }
  log.info({ knowledgeDir: config.knowledgeDir, guild: config.guildId, defaultPrivate: config.defaultPrivate, cooldownSeconds: config.cooldownSeconds }, 'starting Footnote');
  // Loaded only now: a configuration mistake is reported without first loading discord.js.
  const { createBot } = await import('./bot.ts');
  const bot = createBot(config, { log });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn(`${signal} again; exiting now`);
      process.exit(1);
    }
    stopping = true;
    log.info(`${signal}: shutting down`);
    const timer = setTimeout(() => process.exit(1), SHUTDOWN_MS);
    timer.unref();
    await bot.stop();
    uninstall();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await bot.start();
  } catch (error) {
    log.fatal({ err: error }, describeLoginError(error));
    await bot.stop();
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await main();
}
