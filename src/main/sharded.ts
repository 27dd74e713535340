// `npm run start:sharded`: the shard manager, which forks the two scripts beside this one.
import { fileURLToPath } from 'node:url';
import { runShardManager } from '../discord/sharded.ts';

await runShardManager({
  shard: fileURLToPath(new URL('./shard.ts', import.meta.url)),
  prepareIndex: fileURLToPath(new URL('./prepare-index.ts', import.meta.url)),
});
