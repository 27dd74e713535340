// One shard of `npm run start:sharded`: forked by the manager (src/main/sharded.ts), never run by hand.
import { commands } from '../../commands/index.ts';
import { runShard } from '../discord/shard.ts';

await runShard(commands);
