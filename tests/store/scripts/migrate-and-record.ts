// One process of the "several processes migrate at once" test: opens the store named in argv,
// migrates it, records one question under the id given, and exits.
import { openQuestionStore } from '../../../src/store/open.ts';

const [installation = '{}', id = 'q'] = process.argv.slice(2);
const store = await openQuestionStore(JSON.parse(installation) as { databaseUrl: string | null; dataDir: string });
try {
  await store.migrate();
  await store.recordQuestions([{ id, askedAt: 1_000, guildId: null, channelId: null, userId: '111111111111111111', via: 'dm', question: id, answered: false, reason: 'no-match', citations: [] }]);
} finally {
  await store.close();
}
