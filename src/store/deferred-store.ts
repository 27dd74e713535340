import type { QuestionStore } from './types.ts';

/**
 * A store that opens (and migrates) its database on first use, so the bot can start answering
 * before the database is reachable. Every call waits for the opening; an opening that failed is
 * tried again by the next call, so a database that comes back later is picked up without a
 * restart (the question log's writer keeps retrying meanwhile).
 */
export function deferredStore(description: string, open: () => Promise<QuestionStore>): QuestionStore {
  let opening: Promise<QuestionStore> | null = null;
  let closed = false;
  const store = (): Promise<QuestionStore> => {
    if (closed) return Promise.reject(new Error('the question log is closed'));
    opening ??= open().catch((error: unknown) => {
      opening = null;
      throw error;
    });
    return opening;
  };
  return {
    description,
    migrate: async () => (await store()).migrate(),
    recordQuestions: async (records) => (await store()).recordQuestions(records),
    vote: async (vote) => (await store()).vote(vote),
    rows: async (query) => (await store()).rows(query),
    votedAnswers: async () => (await store()).votedAnswers(),
    forgetUser: async (userId) => (await store()).forgetUser(userId),
    clearGuild: async (guildId) => (await store()).clearGuild(guildId),
    deleteOlderThan: async (before) => (await store()).deleteOlderThan(before),
    async close() {
      closed = true;
      // Only a database that was opened has anything to close.
      const opened = await opening?.catch(() => null);
      await opened?.close();
    },
  };
}
