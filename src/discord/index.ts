/** Footnote's Discord adapter: what tests and entry points use. */
export { createBot, REST_GLOBAL_REQUESTS_PER_SECOND, startBot, type Bot, type BotDeps } from './bot.ts';
export { readBotConfig, readDeployConfig, tokenApplicationId, type BotConfig, type BotSettings, type DiscordIdentity } from './config.ts';
export type { BotContext, ButtonHandler, CommandModule, ChatInputCommandModule, MessageCommandModule } from './context.ts';
export { Cooldowns } from './cooldown.ts';
export { deployCommands, describeDeployError, describeDeployment, type Deployed } from './deploy.ts';
export { KnowledgeHolder, type KnowledgeSource } from './knowledge.ts';
export { DiscordLimits, AUTOCOMPLETE_BUDGET_MS, FIRST_RESPONSE_BUDGET_MS } from './limits.ts';
export { createBotLogger } from './logger.ts';
export { installProcessHandlers } from './process.ts';
export { Responder } from './reply.ts';
export { Router, newReference } from './router.ts';
