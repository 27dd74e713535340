// The question log's database layer: what the adapters (the bot, the `questions` command) import.
export type * from './types.ts';
export { openQuestionStore, type OpenStoreOptions } from './open.ts';
export { QuestionLog, QUESTION_LOG_DEFAULTS, newAnswerId, answerIdTime, type QuestionLogOptions, type QuestionLogTuning, type QuestionLogHealth, type QuestionLogEvents } from './question-log.ts';
export { startRetention, RETENTION_DEFAULTS, type Retention, type RetentionOptions } from './retention.ts';
export { readQuestionLogConfig, databaseSecrets, DEFAULT_LOG_DAYS, type QuestionLogConfig } from './config.ts';
export { describePostgresUrl } from './postgres.ts';
export { deferredStore } from './deferred-store.ts';
