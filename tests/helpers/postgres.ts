// A throwaway PostgreSQL server for tests: initdb in a temporary folder, started on a free port of
// 127.0.0.1 (and a socket inside the folder), removed by stop(). PostgreSQL refuses to run as root,
// so as root the server's commands run as the `postgres` user.
import { execFileSync, spawnSync } from 'node:child_process';
import { accessSync, chownSync, constants, existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

const NEEDED = ['initdb', 'pg_ctl', 'postgres'] as const;
const VERSIONED_DIRS = '/usr/lib/postgresql';

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:<port>/footnote_test_0 (trust authentication, no password). */
  url: string;
  /** A new empty database on the same server, for a test that wants a fresh installation. */
  newDatabase(): Promise<string>;
  stop(): Promise<void>;
}

export type Binaries = { found: true; dir: string } | { found: false; lookedIn: string[] };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function pgConfigBindir(env: NodeJS.ProcessEnv): string | null {
  try {
    return execFileSync('pg_config', ['--bindir'], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim() || null;
  } catch {
    return null;
  }
}

/** /usr/lib/postgresql/<version>/bin, newest version first. */
function versionedDirs(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .sort((a, b) => Number(b) - Number(a) || b.localeCompare(a))
    .map((v) => join(root, v, 'bin'));
}

/** The first folder holding initdb, pg_ctl and postgres: PATH, `pg_config --bindir`, then the Debian layout. */
export function findPostgresBinaries(env: NodeJS.ProcessEnv = process.env, versionedRoot = VERSIONED_DIRS): Binaries {
  const fromPath = (env.PATH ?? '').split(delimiter).filter((d) => d !== '');
  const candidates = [...fromPath, pgConfigBindir(env), ...versionedDirs(versionedRoot)].filter((d): d is string => d !== null);
  const dir = candidates.find((d) => NEEDED.every((name) => isExecutable(join(d, name))));
  if (dir !== undefined) return { found: true, dir };
  return { found: false, lookedIn: [...new Set([...candidates, `${versionedRoot}/*/bin`])] };
}

/**
 * Whether the PostgreSQL tests run: skipped (with a warning naming what was looked for) when the
 * server's binaries are missing, unless FOOTNOTE_REQUIRE_POSTGRES=1 asks for a failure instead.
 */
export function postgresTestsSkipped(): boolean {
  const binaries = findPostgresBinaries();
  if (binaries.found || process.env.FOOTNOTE_REQUIRE_POSTGRES === '1') return false;
  console.warn(
    `PostgreSQL tests SKIPPED: no folder holds ${NEEDED.join(', ')} (looked in PATH, \`pg_config --bindir\` and ${VERSIONED_DIRS}/*/bin: ${binaries.lookedIn.join(', ')}). Install PostgreSQL, or set FOOTNOTE_REQUIRE_POSTGRES=1 to make this a failure.`,
  );
  return true;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The command line for one of the server's programs: as `postgres` when we are root. */
function asServerUser(bin: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

/** Runs one of the server's programs; throws with its output on failure. */
function run(bin: string, args: string[], cwd: string): void {
  const [command, argv] = asServerUser(bin, args);
  const result = spawnSync(command, argv, { cwd, encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (result.status !== 0) throw new Error(`${bin} ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}`);
}

/** Waits until the server takes connections; polling here proves nothing, it only waits. */
async function untilReady(config: pg.ClientConfig): Promise<void> {
  let lastError: unknown = null;
  for (let attempt = 0; attempt < 200; attempt++) {
    const client = new pg.Client(config);
    try {
      await client.connect();
      await client.end();
      return;
    } catch (error) {
      lastError = error;
      await client.end().catch(() => undefined);
      await sleep(50);
    }
  }
  throw new Error(`PostgreSQL did not accept connections: ${String(lastError)}`);
}

/** Starts a fresh server; one per test file (in beforeAll), stopped in afterAll. */
export async function startPostgres(): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  if (!binaries.found) throw new Error(`PostgreSQL is required (FOOTNOTE_REQUIRE_POSTGRES=1) but initdb, pg_ctl and postgres were not found in: ${binaries.lookedIn.join(', ')}`);
  const bin = (name: string) => join(binaries.dir, name);
  const root = await mkdtemp(join(tmpdir(), 'footnote-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    chownSync(root, uid, gid);
  }
  const data = join(root, 'data');
  const logFile = join(root, 'server.log');
  let started = false;
  const stop = async (): Promise<void> => {
    if (started) {
      started = false;
      try {
        run(bin('pg_ctl'), ['stop', '-D', data, '-m', 'immediate', '-w'], root);
      } catch {
        // Already gone; the folder is removed all the same.
      }
    }
    process.off('exit', stopNow);
    await rm(root, { recursive: true, force: true });
  };
  // A test run that ends without afterAll (a crash) must not leave a server behind.
  const stopNow = () => {
    if (started) spawnSync(...asServerUser(bin('pg_ctl'), ['stop', '-D', data, '-m', 'immediate']));
  };
  process.on('exit', stopNow);
  try {
    run(bin('initdb'), ['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], root);
    const port = await freePort();
    const settings = [`-p ${port}`, `-k ${root}`, '-c listen_addresses=127.0.0.1', '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off'];
    run(bin('pg_ctl'), ['start', '-D', data, '-l', logFile, '-w', '-t', '60', '-o', settings.join(' ')], root);
    started = true;
    const admin = { host: '127.0.0.1', port, user: 'postgres', database: 'postgres' };
    await untilReady(admin);
    let count = 0;
    const newDatabase = async (): Promise<string> => {
      const name = `footnote_test_${count++}`;
      const client = new pg.Client(admin);
      await client.connect();
      try {
        await client.query(`create database ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    };
    return { url: await newDatabase(), newDatabase, stop };
  } catch (error) {
    const serverLog = await readFile(logFile, 'utf8').catch(() => '');
    await stop();
    throw new Error(`${error instanceof Error ? error.message : String(error)}${serverLog ? `\nserver log:\n${serverLog}` : ''}`);
  }
}
