import { z } from 'zod';
import { isSnowflake } from '../present/discord/index.ts';
import { DEFAULT_DATA_DIR, userPath } from '../paths.ts';
import { baseSchema, ConfigError, describeIssues, readBaseConfig, withoutEmpty, type BaseConfig } from '../config.ts';
import { readQuestionLogConfig, type QuestionLogConfig } from '../store/index.ts';

/**
 * The bot's settings, read from the environment (and `.env`) and validated once at start, so a
 * mistake is one clear message instead of a failure mid-conversation. Messages never include the
 * token's value: they are printed, and logs get shared.
 */

// A bot token is three base64url parts: the bot's id, a timestamp and an HMAC.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{10,}$/u;

/** What every entry point says when Discord answers 401 to the token (login, deploy, sharding). */
export const TOKEN_REFUSED = 'Discord refused DISCORD_TOKEN. Reset the token in the Developer Portal (Bot › Reset Token) and update .env.';

/** Explains what is wrong with a token without repeating any of it. */
function tokenProblem(value: string): string | null {
  if (/^bot\s/iu.test(value)) return 'starts with "Bot "; set only the token itself (discord.js adds the prefix)';
  if (/^["']|["']$/u.test(value)) return 'is wrapped in quotes inside the value; remove them';
  if (/\s/u.test(value)) return 'contains spaces or line breaks; copy it again from the Developer Portal (Bot › Reset Token)';
  if (!TOKEN_SHAPE.test(value)) {
    return `does not look like a bot token (three parts separated by dots, ${value.length} characters given); copy it from the Developer Portal (Bot › Reset Token). The client secret is not the token.`;
  }
  return null;
}

const flag = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { error: 'must be true or false' }))
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const seconds = (max: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/u, { error: `must be a number of seconds from 0 to ${max}` })
    .transform(Number)
    .pipe(z.number().max(max, { error: `must be at most ${max} seconds` }));

const discordSchema = z.object({
  DISCORD_TOKEN: z
    .string({ error: 'is missing: set it in .env (see .env.example) to the bot token from the Developer Portal (Bot › Reset Token)' })
    .superRefine((value, ctx) => {
      if (value.trim() === '') {
        ctx.addIssue({ code: 'custom', message: 'is empty: set it to the bot token from the Developer Portal (Bot › Reset Token)' });
        return;
      }
      const problem = tokenProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  DISCORD_CLIENT_ID: z
    .string({ error: 'is missing: set it to the Application ID (Developer Portal › General Information)' })
    .trim()
    .refine(isSnowflake, { error: 'must be the numeric Application ID (17–20 digits)' }),
  DISCORD_GUILD_ID: z
    .string()
    .trim()
    .refine(isSnowflake, { error: 'must be a numeric server id (17–20 digits), or be left unset for global commands' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  DISCORD_API_URL: z
    .url({ protocol: /^https?$/u, error: 'must be an http(s) URL such as https://discord.com/api' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  FOOTNOTE_DEFAULT_PRIVATE: flag.default(false),
  FOOTNOTE_COOLDOWN_SECONDS: seconds(3600).default(3),
  FOOTNOTE_DELETE_WINDOW_SECONDS: seconds(24 * 3600).default(300),
  FOOTNOTE_WATCH: flag.default(true),
  FOOTNOTE_MESSAGE_CONTENT: flag.default(false),
  FOOTNOTE_DATA_DIR: z.string().min(1).optional(),
});

const botSchema = baseSchema.extend(discordSchema.shape);

/** What `deploy-commands` needs: who the application is and where to register. */
export interface DiscordIdentity {
  token: string;
  clientId: string;
  /** Register to this guild (instant, for development) instead of globally. */
  guildId: string | null;
  /** REST base URL (without /v10); null for Discord itself. */
  apiUrl: string | null;
}

export interface BotSettings {
  /** Replies are ephemeral unless the asker says `private: false`. */
  defaultPrivate: boolean;
  cooldownSeconds: number;
  /** How long the asker may delete a public reply; 0 leaves no delete button. */
  deleteWindowSeconds: number;
  /** Re-index the knowledge folder when its files change. */
  watch: boolean;
  /**
   * The privileged Message Content intent is switched on (in the Developer Portal and here):
   * without it Discord sends the text of a message only when it mentions the bot or is a DM, so
   * help channels cannot be watched.
   */
  messageContent: boolean;
}

export interface BotConfig extends BaseConfig, DiscordIdentity, BotSettings {
  /** Where the bot keeps its settings between runs. */
  dataDir: string;
  /** The question log: on or off, its database, how long it keeps questions. */
  questionLog: QuestionLogConfig;
}

function fail(error: z.ZodError): never {
  throw new ConfigError(`Footnote cannot start; fix these settings (in .env or the environment):\n${describeIssues(error)}`);
}

function identity(d: z.infer<typeof discordSchema>): DiscordIdentity {
  return { token: d.DISCORD_TOKEN, clientId: d.DISCORD_CLIENT_ID, guildId: d.DISCORD_GUILD_ID ?? null, apiUrl: d.DISCORD_API_URL?.replace(/\/+$/u, '') ?? null };
}


/** The bot's whole configuration; throws ConfigError listing every problem at once. */
export function readBotConfig(rawEnv: NodeJS.ProcessEnv = process.env): BotConfig {
  const env = withoutEmpty(rawEnv);
  const parsed = botSchema.safeParse(env);
  if (!parsed.success) fail(parsed.error);
  const d = parsed.data;
  return {
    ...readBaseConfig(env),
    ...identity(d),
    defaultPrivate: d.FOOTNOTE_DEFAULT_PRIVATE,
    cooldownSeconds: d.FOOTNOTE_COOLDOWN_SECONDS,
    deleteWindowSeconds: d.FOOTNOTE_DELETE_WINDOW_SECONDS,
    watch: d.FOOTNOTE_WATCH,
    messageContent: d.FOOTNOTE_MESSAGE_CONTENT,
    dataDir: d.FOOTNOTE_DATA_DIR ? userPath(d.FOOTNOTE_DATA_DIR, env) : DEFAULT_DATA_DIR,
    questionLog: readQuestionLogConfig(rawEnv),
  };
}

/** Only what registering commands needs, so deploying does not require a knowledge folder. */
export function readDeployConfig(rawEnv: NodeJS.ProcessEnv = process.env): DiscordIdentity & Pick<BaseConfig, 'logLevel' | 'logFormat'> {
  const env = withoutEmpty(rawEnv);
  const schema = discordSchema.pick({ DISCORD_TOKEN: true, DISCORD_CLIENT_ID: true, DISCORD_GUILD_ID: true, DISCORD_API_URL: true }).extend(baseSchema.pick({ LOG_LEVEL: true, LOG_FORMAT: true }).shape);
  const parsed = schema.safeParse(env);
  if (!parsed.success) fail(parsed.error);
  const d = parsed.data;
  return { ...identity({ ...d, FOOTNOTE_DEFAULT_PRIVATE: false, FOOTNOTE_COOLDOWN_SECONDS: 0, FOOTNOTE_DELETE_WINDOW_SECONDS: 0, FOOTNOTE_WATCH: false, FOOTNOTE_MESSAGE_CONTENT: false }), logLevel: d.LOG_LEVEL, logFormat: d.LOG_FORMAT };
}

/**
 * The application id a token was issued to (its first part is the id in base64), or null when it
 * does not decode to one. Lets start-up warn when DISCORD_CLIENT_ID and the token disagree.
 */
export function tokenApplicationId(token: string): string | null {
  const first = token.split('.')[0] ?? '';
  try {
    const decoded = Buffer.from(first, 'base64url').toString('utf8');
    return isSnowflake(decoded) ? decoded : null;
  } catch {
    return null;
  }
}
