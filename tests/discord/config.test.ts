import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { readBotConfig, readDeployConfig, tokenApplicationId } from '../../src/discord/config.ts';

const TOKEN = `${Buffer.from('123456789012345678').toString('base64url')}.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB`;
const GOOD = { DISCORD_TOKEN: TOKEN, DISCORD_CLIENT_ID: '123456789012345678' };

function problems(env: Record<string, string>): string {
  try {
    readBotConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('bot configuration', () => {
  it('reads a minimal environment with defaults', () => {
    const config = readBotConfig(GOOD);
    expect(config).toMatchObject({ token: TOKEN, clientId: GOOD.DISCORD_CLIENT_ID, guildId: null, apiUrl: null, defaultPrivate: false, cooldownSeconds: 3, deleteWindowSeconds: 300, logLevel: 'info' });
  });

  it('reads every setting, and treats empty values (KEY= in .env) as unset', () => {
    const config = readBotConfig({
      ...GOOD,
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_URL: 'http://127.0.0.1:1234/api/',
      FOOTNOTE_DEFAULT_PRIVATE: 'TRUE',
      FOOTNOTE_COOLDOWN_SECONDS: '0',
      FOOTNOTE_DELETE_WINDOW_SECONDS: '60',
      KNOWLEDGE_DIR: '',
      LOG_FORMAT: '',
    });
    expect(config).toMatchObject({ guildId: '223456789012345678', apiUrl: 'http://127.0.0.1:1234/api', defaultPrivate: true, cooldownSeconds: 0, deleteWindowSeconds: 60, logFormat: undefined });
  });

  it.each([
    ['missing token', {}, /DISCORD_TOKEN: is missing: set it in \.env/u],
    ['empty token', { DISCORD_TOKEN: '   ' }, /DISCORD_TOKEN: is missing/u],
    ['"Bot " prefix', { DISCORD_TOKEN: `Bot ${TOKEN}` }, /DISCORD_TOKEN: starts with "Bot "/u],
    ['quoted', { DISCORD_TOKEN: `"${TOKEN}"` }, /DISCORD_TOKEN: is wrapped in quotes/u],
    ['not a token', { DISCORD_TOKEN: 'my-client-secret-123' }, /DISCORD_TOKEN: does not look like a bot token \(three parts separated by dots, 20 characters given\)/u],
    ['client id', { DISCORD_CLIENT_ID: 'my-app' }, /DISCORD_CLIENT_ID: must be the numeric Application ID/u],
    ['guild id', { DISCORD_GUILD_ID: '42' }, /DISCORD_GUILD_ID: must be a numeric server id/u],
    ['API URL', { DISCORD_API_URL: 'ftp://example.com' }, /DISCORD_API_URL: must be an http\(s\) URL/u],
    ['private flag', { FOOTNOTE_DEFAULT_PRIVATE: 'maybe' }, /FOOTNOTE_DEFAULT_PRIVATE: must be true or false/u],
    ['cooldown', { FOOTNOTE_COOLDOWN_SECONDS: 'soon' }, /FOOTNOTE_COOLDOWN_SECONDS: must be a number of seconds from 0 to 3600/u],
    ['log level', { LOG_LEVEL: 'loud' }, /LOG_LEVEL: /u],
  ])('explains a bad %s', (_name, override, message) => {
    const env = { ...GOOD, ...override } as Record<string, string>;
    if (_name === 'missing token') delete env['DISCORD_TOKEN'];
    expect(problems(env)).toMatch(message);
  });

  it('lists every problem at once and never prints the token', () => {
    const secret = 'Bot abcdefghijkl.mnop.qrstuvwxyz0123';
    const message = problems({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: 'x', FOOTNOTE_COOLDOWN_SECONDS: '-1' });
    expect(message.split('\n').filter((l) => l.startsWith('  '))).toHaveLength(3);
    expect(message).not.toContain('abcdefghijkl');
    expect(message).not.toContain(secret);
  });

  it('deploying needs only the Discord identity', () => {
    expect(readDeployConfig({ ...GOOD, KNOWLEDGE_DIR: '' })).toMatchObject({ token: TOKEN, clientId: GOOD.DISCORD_CLIENT_ID, guildId: null });
  });

  it('reads the application id out of a token', () => {
    expect(tokenApplicationId(TOKEN)).toBe('123456789012345678');
    expect(tokenApplicationId('standin-bot-token.MTIzNDU2Nzg5.x')).toBeNull();
  });
});
