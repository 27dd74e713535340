// `npm start`: the bot as one process, serving the commands in commands/index.ts.
import { commands } from '../../commands/index.ts';
import { runBot } from '../discord/start.ts';

await runBot(commands);
