// Forked once by the shard manager before the shards start: builds or checks the persisted index.
import { prepareIndexProcess } from '../discord/prepare-index.ts';

await prepareIndexProcess();
