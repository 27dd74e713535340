import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { DEFAULT_DATA_DIR } from '../../src/paths.ts';
import { readQuestionLogConfig } from '../../src/store/config.ts';

function problem(env: NodeJS.ProcessEnv): string {
  try {
    readQuestionLogConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}

describe('readQuestionLogConfig', () => {
  it('logs to SQLite in the project data folder for ninety days by default', () => {
    expect(readQuestionLogConfig({})).toEqual({ enabled: true, databaseUrl: null, dataDir: DEFAULT_DATA_DIR, logDays: 90 });
  });

  it('reads every setting, and treats an empty value as unset', () => {
    const env = { FOOTNOTE_QUESTION_LOG: 'OFF', DATABASE_URL: ' postgresql://bot:pw@db:5432/footnote ', FOOTNOTE_LOG_DAYS: '0', FOOTNOTE_DATA_DIR: 'state', INIT_CWD: '/srv/footnote' };
    expect(readQuestionLogConfig(env)).toEqual({ enabled: false, databaseUrl: 'postgresql://bot:pw@db:5432/footnote', dataDir: join('/srv/footnote', 'state'), logDays: 0 });
    expect(readQuestionLogConfig({ DATABASE_URL: '', FOOTNOTE_LOG_DAYS: ' ' })).toMatchObject({ databaseUrl: null, logDays: 90 });
    expect(readQuestionLogConfig({ DATABASE_URL: 'postgres:///footnote?host=/run/postgresql' }).databaseUrl).toBe('postgres:///footnote?host=/run/postgresql');
  });

  it.each([
    ['mysql://admin:hunter2-secret@db/footnote', 'must start with postgres://'],
    ['admin:hunter2-secret@db/footnote', 'must start with postgres://'],
    ['postgres://admin:hunter2-secret@db:99999/footnote', 'cannot be read as a URL'],
  ])('explains a bad DATABASE_URL (%#) without repeating its password', (url, expected) => {
    const message = problem({ DATABASE_URL: url });
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain(expected);
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('admin');
  });

  it('lists every problem at once', () => {
    const message = problem({ FOOTNOTE_QUESTION_LOG: 'maybe', FOOTNOTE_LOG_DAYS: '-3', DATABASE_URL: 'sqlite:x' });
    expect(message).toContain('FOOTNOTE_QUESTION_LOG: must be on or off');
    expect(message).toContain('FOOTNOTE_LOG_DAYS: must be a whole number of days');
    expect(message).toContain('DATABASE_URL');
  });
});
