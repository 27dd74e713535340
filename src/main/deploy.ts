// `npm run deploy-commands`: registers the commands in commands/index.ts with Discord.
import { commandDefinitions } from '../../commands/index.ts';
import { runDeploy } from '../discord/deploy.ts';

process.exitCode = await runDeploy(commandDefinitions());
