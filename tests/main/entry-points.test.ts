// `npm start` and `npm run deploy-commands` as a person runs them: separate processes, settings
// from the environment, the stand-in as Discord.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../commands/index.ts';
import { deployCommands, describeDeployError } from '../../src/discord/deploy.ts';
import { tempDir } from '../helpers/folders.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../support/discord-standin/server.ts';
import { FIXTURE_DIR, PROJECT } from '../helpers/discord/fixtures.ts';
import { TEST_TOKEN } from '../helpers/discord/harness.ts';

// Node with tsx's loader, not the tsx CLI: the CLI relays signals to a child process with a 30 ms
// handshake, and on a busy machine it kills the child before our SIGTERM handler has run.
const TSX_LOADER = pathToFileURL(join(PROJECT, 'node_modules/tsx/dist/loader.mjs')).href;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let cwd: { dir: string; cleanup: () => Promise<void> };
let s: DiscordStandIn;

beforeAll(async () => {
  // An empty working folder: no .env of the developer's gets read.
  cwd = await tempDir('footnote-entry-');
  s = await startDiscordStandIn({ token: TEST_TOKEN });
});
afterAll(async () => {
  await s?.close();
  await cwd?.cleanup();
});

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, SystemRoot } = process.env;
  return { PATH, HOME, SystemRoot, NODE_NO_WARNINGS: '1', LOG_FORMAT: 'json', ...extra };
}

/** Runs an entry point; `until` (given stderr so far) may return a signal to send. */
function run(script: string, env: NodeJS.ProcessEnv, until?: (stderr: string) => NodeJS.Signals | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(PROJECT, script)], { cwd: cwd.dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      const signal = !signalled && until ? until(stderr) : null;
      if (signal) {
        signalled = true;
        child.kill(signal);
      }
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe.concurrent('npm start', () => {
  it('refuses a malformed token with a clear message and exit code 1, without printing it', async () => {
    const secret = 'Bot my.secret.value';
    const result = await run('src/main/start.ts', baseEnv({ DISCORD_TOKEN: secret, DISCORD_CLIENT_ID: '42' }));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Footnote cannot start; fix these settings');
    expect(result.stderr).toContain('DISCORD_TOKEN: starts with "Bot "');
    expect(result.stderr).toContain('DISCORD_CLIENT_ID: must be the numeric Application ID');
    expect(result.stderr + result.stdout).not.toContain('my.secret.value');
  });

  it('connects, and shuts down cleanly on SIGTERM', async () => {
    const env = baseEnv({
      DISCORD_TOKEN: s.token,
      DISCORD_CLIENT_ID: s.applicationId,
      DISCORD_API_URL: s.apiUrl,
      KNOWLEDGE_DIR: FIXTURE_DIR,
      FOOTNOTE_CACHE: 'off',
    });
    const result = await run('src/main/start.ts', env, (stderr) => (/connected to Discord as/u.test(stderr) ? 'SIGTERM' : null));
    expect(result.code).toBe(0);
    const messages = result.stderr
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(expect.arrayContaining(['starting Footnote', 'SIGTERM: shutting down', 'disconnected from Discord']));
    expect(result.stderr).not.toContain(s.token);
  });
});

describe.concurrent('npm run deploy-commands', () => {
  it('registers the commands in the guild and says what it did', async () => {
    const guildId = s.guildIds[0] ?? '';
    const result = await run('src/main/deploy.ts', baseEnv({ DISCORD_TOKEN: s.token, DISCORD_CLIENT_ID: s.applicationId, DISCORD_GUILD_ID: guildId, DISCORD_API_URL: s.apiUrl }));
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(
      `Registered 11 commands in server ${guildId} (available there now):\n  /ask\n  /search\n  /summary\n  /source\n  /documents\n  /reload\n  /settings\n  /questions\n  /forget-me\n  Ask Footnote (message menu › Apps)\n  /help\n`,
    );
    expect(s.commands.guild.get(guildId)).toHaveLength(11);
    expect(s.violations).toEqual([]);
  });

  it('explains a refused token', async () => {
    const identity = { token: `${TEST_TOKEN.slice(0, -3)}xyz`, clientId: s.applicationId, guildId: null, apiUrl: s.apiUrl };
    const error = await deployCommands(identity, commandDefinitions()).catch((e: unknown) => e);
    expect(describeDeployError(error, identity)).toBe('Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.');
  });
});
