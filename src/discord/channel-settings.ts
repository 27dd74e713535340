import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../log.ts';
import { errorForLog } from './logger.ts';

/**
 * Which channels Footnote answers on its own, per server. A small typed interface, so the store
 * behind it (a JSON file today) can move into a database without touching its users.
 */
export interface ChannelSettingsStore {
  /** The channels of a server where Footnote answers questions on its own. */
  autoAnswerChannels(guildId: string): readonly string[];
  isAutoAnswer(guildId: string, channelId: string): boolean;
  /**
   * Turns answering on its own on or off for a channel. It takes effect at once; `saved` says
   * whether it was also written down (and so survives a restart).
   */
  setAutoAnswer(guildId: string, channelId: string, on: boolean): Promise<{ saved: boolean }>;
}

const fileSchema = z.object({
  version: z.literal(1),
  guilds: z.record(z.string(), z.object({ autoAnswer: z.array(z.string()) })),
});
type SettingsFile = z.infer<typeof fileSchema>;

/** The settings file's name in the data folder. */
export const SETTINGS_FILE = 'settings.json';

/**
 * Settings in a JSON file under the data folder: read once at start, written whole after each
 * change (to a temporary file first, then renamed over the old one, so a crash mid-write never
 * leaves half a file). A file that cannot be read or written is logged and the bot carries on
 * with what it has in memory: a broken disk must not stop answering.
 */
export class JsonFileSettings implements ChannelSettingsStore {
  readonly #path: string;
  readonly #dir: string;
  readonly #log: Logger;
  readonly #guilds = new Map<string, Set<string>>();
  /** Writes one after another, so an older state never lands after a newer one. */
  #writing: Promise<unknown> = Promise.resolve();

  constructor(dir: string, log: Logger) {
    this.#dir = dir;
    this.#path = join(dir, SETTINGS_FILE);
    this.#log = log;
    this.#read();
  }

  autoAnswerChannels(guildId: string): readonly string[] {
    return [...(this.#guilds.get(guildId) ?? [])];
  }

  isAutoAnswer(guildId: string, channelId: string): boolean {
    return this.#guilds.get(guildId)?.has(channelId) ?? false;
  }

  setAutoAnswer(guildId: string, channelId: string, on: boolean): Promise<{ saved: boolean }> {
    const channels = this.#guilds.get(guildId) ?? new Set<string>();
    if (on) channels.add(channelId);
    else channels.delete(channelId);
    if (channels.size > 0) this.#guilds.set(guildId, channels);
    else this.#guilds.delete(guildId);
    const written = this.#writing.then(() => this.#write(guildId));
    this.#writing = written;
    return written;
  }

  /** The file's settings now, or none when it is missing or unreadable (then it is replaced). */
  async #onDisk(): Promise<SettingsFile> {
    try {
      return fileSchema.parse(JSON.parse(await readFile(this.#path, 'utf8')));
    } catch {
      return { version: 1, guilds: {} };
    }
  }

  #snapshot(): SettingsFile {
    const guilds: SettingsFile['guilds'] = {};
    for (const [id, channels] of this.#guilds) guilds[id] = { autoAnswer: [...channels].sort() };
    return { version: 1, guilds };
  }

  #read(): void {
    let text: string;
    try {
      text = readFileSync(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') this.#log.error({ err: errorForLog(error), path: this.#path }, 'cannot read the settings file; starting with no help channels');
      return;
    }
    try {
      const parsed = fileSchema.parse(JSON.parse(text));
      for (const [id, g] of Object.entries(parsed.guilds)) if (g.autoAnswer.length > 0) this.#guilds.set(id, new Set(g.autoAnswer));
    } catch (error) {
      // Kept beside the new one, so a person can recover what it held.
      const aside = `${this.#path}.unreadable-${Date.now()}`;
      try {
        mkdirSync(this.#dir, { recursive: true });
        renameSync(this.#path, aside);
        writeFileSync(this.#path, `${JSON.stringify(this.#snapshot(), null, 2)}\n`);
      } catch {
        // The error below says what matters; the bot goes on with no help channels.
      }
      this.#log.error({ err: errorForLog(error), path: this.#path, movedTo: aside }, 'the settings file is not valid; starting with no help channels');
    }
  }

  /**
   * Writes one server's settings into the file as it is on disk now: under `start:sharded` each
   * shard holds only its own servers' changes, and must not write back another shard's old ones.
   */
  async #write(guildId: string): Promise<{ saved: boolean }> {
    const temporary = `${this.#path}.${process.pid}.tmp`;
    try {
      const snapshot = await this.#onDisk();
      const channels = this.#guilds.get(guildId);
      if (channels === undefined) delete snapshot.guilds[guildId];
      else snapshot.guilds[guildId] = { autoAnswer: [...channels].sort() };
      await mkdir(this.#dir, { recursive: true });
      await writeFile(temporary, `${JSON.stringify(snapshot, null, 2)}\n`);
      await rename(temporary, this.#path);
      return { saved: true };
    } catch (error) {
      this.#log.error({ err: errorForLog(error), path: this.#path }, 'cannot save the settings; the change holds until the bot restarts');
      return { saved: false };
    }
  }
}
