// `npm start`'s main(), then a bug that leaks the token into errors nobody handles: a rejected
// promise nobody awaits, then an exception nobody catches. Run by secrets.test.ts as its own
// process; what it prints on stderr must not contain the token.
import { commands } from '../../../../commands/index.ts';
import { runBot } from '../../../../src/discord/start.ts';

await runBot(commands);
const token = process.env['DISCORD_TOKEN'] ?? '';
void Promise.reject(new Error(`a promise nobody awaited, holding ${token}`));
setTimeout(() => {
  throw new Error(`an exception nobody caught, holding ${token}`);
}, 100);
