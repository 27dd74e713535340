import { ApplicationCommandType, DiscordAPIError, REST, Routes, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { ConfigError, loadEnvFile } from '../config.ts';
import { readDeployConfig, TOKEN_REFUSED, type DiscordIdentity } from './config.ts';
import { createBotLogger } from './logger.ts';

export interface Deployed {
  scope: 'guild' | 'global';
  guildId: string | null;
  /** What Discord now has registered, as it answered. */
  commands: { id: string; name: string; type: number }[];
}

/**
 * Registers (replaces) the application's commands with one bulk PUT: in one guild when
 * DISCORD_GUILD_ID is set (instant, for development), otherwise globally.
 */
export async function deployCommands(
  identity: DiscordIdentity,
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[],
  rest: REST = new REST(identity.apiUrl ? { api: identity.apiUrl } : {}).setToken(identity.token),
): Promise<Deployed> {
  const route = identity.guildId ? Routes.applicationGuildCommands(identity.clientId, identity.guildId) : Routes.applicationCommands(identity.clientId);
  const answer = (await rest.put(route, { body: definitions })) as { id: string; name: string; type?: number }[];
  return {
    scope: identity.guildId ? 'guild' : 'global',
    guildId: identity.guildId,
    commands: answer.map((c) => ({ id: c.id, name: c.name, type: c.type ?? ApplicationCommandType.ChatInput })),
  };
}

/** What a person reads after deploying. */
export function describeDeployment(deployed: Deployed): string {
  const names = deployed.commands.map((c) => (c.type === ApplicationCommandType.ChatInput ? `/${c.name}` : `${c.name} (message menu › Apps)`));
  const where =
    deployed.scope === 'guild'
      ? `in server ${deployed.guildId} (available there now)`
      : 'globally (in every server the bot is in; Discord may take a few minutes to show changes)';
  return `Registered ${deployed.commands.length} commands ${where}:\n${names.map((n) => `  ${n}`).join('\n')}`;
}

/** Discord's refusal in words a person can act on. */
export function describeDeployError(error: unknown, identity: DiscordIdentity): string {
  if (error instanceof DiscordAPIError || (error instanceof Error && 'status' in error)) {
    const status = (error as { status?: number }).status;
    if (status === 401) return TOKEN_REFUSED;
    if (status === 403) {
      return identity.guildId
        ? `Discord refused to register commands in server ${identity.guildId} (403). Invite the bot there with the applications.commands scope, or check DISCORD_GUILD_ID.`
        : 'Discord refused to register global commands (403). Check that DISCORD_CLIENT_ID is the application this token belongs to.';
    }
    if (status === 404) return `Discord does not know application ${identity.clientId}${identity.guildId ? ` or server ${identity.guildId}` : ''} (404). Check DISCORD_CLIENT_ID and DISCORD_GUILD_ID.`;
    if (status === 400) return `Discord refused the command definitions (400): ${error.message}`;
  }
  return `Could not register the commands: ${error instanceof Error ? error.message : String(error)}`;
}

/** `npm run deploy-commands`: registers `definitions`; returns the exit code. */
export async function runDeploy(definitions: readonly RESTPostAPIApplicationCommandsJSONBody[]): Promise<number> {
  loadEnvFile();
  let identity;
  try {
    identity = readDeployConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
  const log = createBotLogger(identity);
  try {
    const deployed = await deployCommands(identity, definitions);
    process.stdout.write(`${describeDeployment(deployed)}\n`);
    return 0;
  } catch (error) {
    log.debug({ err: error }, 'deploy failed');
    process.stderr.write(`${describeDeployError(error, identity)}\n`);
    return 1;
  } finally {
    log.flush();
  }
}
