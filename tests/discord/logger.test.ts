import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createBotLogger } from '../../src/discord/logger.ts';
import { installProcessHandlers } from '../../src/discord/process.ts';
import { captureLog } from '../helpers/discord/log.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB';

describe('the bot logger', () => {
  it('never writes the token, wherever it appears', () => {
    const log = captureLog();
    const logger = createBotLogger({ token: TOKEN, logLevel: 'trace', logFormat: 'json' }, log.stream);
    logger.info({ token: TOKEN }, 'a token key');
    logger.info({ config: { DISCORD_TOKEN: TOKEN } }, 'a nested key');
    logger.info({ headers: { authorization: `Bot ${TOKEN}` } }, 'a header');
    logger.warn(`a message with Bot ${TOKEN} in it`);
    logger.error({ err: new Error(`failed with ${TOKEN}`) }, 'an error');
    logger.debug({ url: `https://discord.com/api/v10/webhooks/1/${TOKEN}` }, 'a URL');
    logger.flush();
    expect(log.lines()).toHaveLength(6);
    expect(log.text()).not.toContain(TOKEN);
    expect(log.text()).not.toContain('abcdefghijklmnopqrstuvwxyz0123456789AB');
    expect(log.text()).toContain('[redacted]');
  });

  it('never writes DATABASE_URL or its password, as written or decoded', () => {
    const log = captureLog();
    const url = 'postgres://footnote:s3cr%40t-pass@db.example:5432/footnote';
    const logger = createBotLogger({ token: TOKEN, logLevel: 'info', logFormat: 'json', questionLog: { databaseUrl: url } }, log.stream);
    logger.error({ err: new Error(`connect failed for ${url}`) }, 'an error');
    logger.warn('password authentication failed: s3cr@t-pass');
    logger.info({ DATABASE_URL: url }, 'a config dump');
    logger.flush();
    expect(log.lines()).toHaveLength(3);
    expect(log.text()).not.toContain('s3cr');
    expect(log.text()).toContain('[redacted]');
  });

  it('logs unhandled rejections instead of exiting', () => {
    const log = captureLog();
    const logger = createBotLogger({ token: TOKEN, logLevel: 'info', logFormat: 'json' }, log.stream);
    const fakeProcess = new EventEmitter();
    const uninstall = installProcessHandlers(logger, fakeProcess);
    fakeProcess.emit('unhandledRejection', new Error(`lost promise ${TOKEN}`));
    uninstall();
    expect(fakeProcess.listenerCount('unhandledRejection')).toBe(0);
    const [line] = log.lines();
    expect(line).toMatchObject({ level: 50, msg: expect.stringMatching(/unhandled promise rejection/u) });
    expect(log.text()).toContain('lost promise [redacted]');
  });
});
