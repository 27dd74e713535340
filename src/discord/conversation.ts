import type { Message } from 'discord.js';
import type { FollowUpResult } from '../answer/index.ts';
import type { Logger } from '../log.ts';
import { code, cooldownNotice, DiscordLimits, errorNotice, notice, truncatePlain } from '../present/discord/index.ts';
import type { KnowledgeBase } from '../search/index.ts';
import { type QuestionLog, newAnswerId, type AskedVia } from '../store/index.ts';
import { answerBody } from './answer-body.ts';
import { askInConversation, logAnswer } from './asking.ts';
import type { ChannelRate } from './channel-rate.ts';
import type { ChannelSender } from './channel-sender.ts';
import type { ChannelSettingsStore } from './channel-settings.ts';
import type { Cooldowns } from './cooldown.ts';
import { finalizeChannelMessage, type MessageReference } from './finalize.ts';
import type { KnowledgeHolder } from './knowledge.ts';
import type { LearnedAnswers } from './learned-answers.ts';
import { errorForLog } from './logger.ts';
import { looksLikeQuestion, mentionsUser, questionText } from './message-text.ts';
import type { RecentMap } from './recent-map.ts';
import type { ReplyBody } from './reply-body.ts';
import { newReference } from './router.ts';

export interface ConversationDeps {
  knowledge: KnowledgeHolder;
  log: Logger;
  sender: ChannelSender;
  cooldowns: Cooldowns;
  channels: ChannelSettingsStore;
  /** Answers in help channels and threads, per channel. */
  rate: ChannelRate;
  /** Messages already taken up: a message replayed after a reconnect is not answered twice. */
  seen: RecentMap<true>;
  /**
   * The question each conversation is about, for follow-ups: by Footnote's answer message
   * (`answer:<id>`), by a thread it started (`thread:<id>`) and by DM channel (`dm:<id>`).
   */
  context: RecentMap<string>;
  /** Whether Discord sends the text of every message (the Message Content intent). */
  messageContent: boolean;
  /** Where questions and their answers are logged (in the background). */
  questions: QuestionLog;
  /** What the team's votes taught. */
  learning: LearnedAnswers;
  now: () => number;
}

const VIA: Record<Addressed['kind'], (addressed: Addressed) => AskedVia> = {
  asked: (a) => (a.kind === 'asked' && a.dm ? 'dm' : 'mention'),
  'thread-follow-up': () => 'thread',
  'forum-post': () => 'forum',
  'help-channel': () => 'help-channel',
};

/** How a message reached Footnote: whether it must get a reply, even a refusal, or only a confident answer. */
type Addressed =
  | { kind: 'asked'; dm: boolean }
  | { kind: 'thread-follow-up'; earlier: string }
  | { kind: 'forum-post'; title: string }
  | { kind: 'help-channel' };

/** A reply's reference to the message it answers. */
function referenceTo(message: Message): MessageReference {
  return { messageId: message.id, channelId: message.channelId, guildId: message.guildId };
}

/** What a log line says about a message (never its text: it may be private). */
function describe(message: Message): Record<string, unknown> {
  return { message: message.id, channel: message.channelId, guild: message.guildId, user: message.author.id };
}

/**
 * Footnote in the conversation: a message that mentions it, a DM, a follow-up in a thread it
 * started, a new question in a help channel or forum it watches. Asked directly (a mention, a DM),
 * it always replies, as /ask would, declining when the material does not answer. On its own (help
 * channels, follow-ups in its threads) it speaks only when the answer is confident.
 */
export class Conversations {
  readonly #d: ConversationDeps;
  readonly #log: Logger;

  constructor(deps: ConversationDeps) {
    this.#d = deps;
    this.#log = deps.log;
  }

  /** Never throws: a failure is logged with a reference id, and told to the person when they asked. */
  async handle(message: Message, botUserId: string): Promise<void> {
    let addressed: Addressed | null = null;
    try {
      addressed = this.#addressed(message, botUserId);
      if (addressed !== null) await this.#answer(message, addressed);
    } catch (error) {
      await this.#fail(message, addressed, error);
    } finally {
      // A DM channel is cached by discord.js for good; Footnote replies by id and needs none of them.
      if (!message.inGuild()) message.client.channels.cache.delete(message.channelId);
      this.#log.debug({ message: message.id, addressed: addressed?.kind ?? null }, 'message done');
    }
  }

  #addressed(message: Message, botUserId: string): Addressed | null {
    if (message.author.bot || message.webhookId !== null || message.system || message.author.id === botUserId) {
      this.#log.debug(describe(message), 'message ignored: from a bot, a webhook or Discord');
      return null;
    }
    if (this.#d.seen.has(message.id)) {
      this.#log.debug(describe(message), 'message ignored: already taken up');
      return null;
    }
    this.#d.seen.set(message.id, true);
    const channel = message.channel;
    // A reply that pings the bot lists it among the mentioned users; a role or @everyone never does.
    const mentioned = mentionsUser(message.content, botUserId) || (message.reference !== null && message.mentions.users.has(botUserId));
    if (!message.inGuild()) return { kind: 'asked', dm: true };
    if (mentioned) return { kind: 'asked', dm: false };
    if (!this.#d.messageContent) return null;
    if (channel.isThread()) {
      const earlier = this.#d.context.get(`thread:${channel.id}`);
      if (earlier !== undefined) return { kind: 'thread-follow-up', earlier };
      if (message.id === channel.id && channel.parentId !== null && this.#d.channels.isAutoAnswer(message.guildId, channel.parentId)) {
        return { kind: 'forum-post', title: channel.name };
      }
      return null;
    }
    if (this.#d.channels.isAutoAnswer(message.guildId, message.channelId) && looksLikeQuestion(questionText(message.content))) return { kind: 'help-channel' };
    return null;
  }

  async #answer(message: Message, addressed: Addressed): Promise<void> {
    const question = questionText(message.content);
    if (addressed.kind === 'asked') {
      await this.#answerAsked(message, addressed.dm, question);
      return;
    }
    const kb = await this.#d.knowledge.get();
    if (addressed.kind === 'thread-follow-up') await this.#answerFollowUp(message, addressed, kb, question);
    else if (addressed.kind === 'forum-post') await this.#answerForumPost(message, addressed, kb, question);
    else await this.#answerHelpChannel(message, addressed, kb, question);
  }

  /** A mention or a DM: always a reply, even a refusal. */
  async #answerAsked(message: Message, dm: boolean, question: string): Promise<void> {
    const reference = referenceTo(message);
    const turn = this.#d.cooldowns.take(message.author.id);
    if (!turn.ok) {
      await this.#reply(message.channelId, cooldownNotice(turn.retryAfterSeconds), reference);
      return;
    }
    if (question === '') {
      await this.#reply(message.channelId, notice(`Ask a question after the mention, for example ${code('@Footnote when does the rota change?')}`), reference);
      return;
    }
    const earlier = this.#earlier(message, dm);
    const result = this.#ask(await this.#d.knowledge.get(), question, earlier);
    const answerId = this.#logQuestion(message, { kind: 'asked', dm }, question, result);
    const sent = await this.#reply(message.channelId, answerBody(result, answerId), reference);
    this.#log.info({ ...describe(message), answered: result.answered, reason: result.reason, followUp: earlier !== undefined }, dm ? 'answered a direct message' : 'answered a mention');
    if (result.answered) this.#remember(sent.id, result.asked, dm ? `dm:${message.channelId}` : message.channel.isThread() ? `thread:${message.channelId}` : null);
  }

  async #answerFollowUp(message: Message, addressed: Addressed & { kind: 'thread-follow-up' }, kb: KnowledgeBase, question: string): Promise<void> {
    const result = this.#ask(kb, question, addressed.earlier);
    const answerId = this.#onItsOwn(message, addressed, question, result, message.channelId);
    if (answerId === undefined) return;
    const sent = await this.#reply(message.channelId, answerBody(result, answerId), referenceTo(message));
    this.#log.info({ ...describe(message), asked: result.asked === question ? 'as typed' : 'with the earlier question' }, 'answered a follow-up in a thread');
    this.#remember(sent.id, result.asked, `thread:${message.channelId}`);
  }

  async #answerForumPost(message: Message, addressed: Addressed & { kind: 'forum-post' }, kb: KnowledgeBase, question: string): Promise<void> {
    const result = this.#firstAnswered(kb, [addressed.title, question, `${addressed.title} ${question}`]);
    const parent = message.channel.isThread() ? (message.channel.parentId ?? message.channelId) : message.channelId;
    const answerId = this.#onItsOwn(message, addressed, `${addressed.title} ${question}`.trim(), result, parent);
    if (answerId === undefined) return;
    const sent = await this.#reply(message.channelId, answerBody(result, answerId), referenceTo(message));
    this.#log.info(describe(message), 'answered a forum post');
    this.#remember(sent.id, result.asked, `thread:${message.channelId}`);
  }

  /** A new question in a help channel: answered in a thread started on it. */
  async #answerHelpChannel(message: Message, addressed: Addressed, kb: KnowledgeBase, question: string): Promise<void> {
    const result = this.#ask(kb, question, undefined);
    const answerId = this.#onItsOwn(message, addressed, question, result, message.channelId);
    if (answerId === undefined) return;
    const thread = await this.#d.sender.startThread(message.channelId, message.id, truncatePlain(question, DiscordLimits.threadName) || 'Question');
    const sent = await this.#reply(thread.id, answerBody(result, answerId), null);
    this.#log.info({ ...describe(message), thread: thread.id }, 'answered in a help channel');
    this.#remember(sent.id, result.asked, `thread:${thread.id}`);
  }

  /**
   * Whether Footnote speaks on its own: only a confident answer, within the channel's rate. A
   * declined message that reads as a question is logged all the same (the team's to-do list); one
   * passed over for the rate is not. Returns the answer's id for its vote buttons (null when the log is off), or undefined
   * to stay silent.
   */
  #onItsOwn(message: Message, addressed: Addressed, question: string, result: FollowUpResult, rateChannelId: string): string | null | undefined {
    if (!this.#confident(message, result)) {
      // Chatter in a thread ("thanks!") is not a question the material failed to answer.
      if (looksLikeQuestion(question)) this.#logQuestion(message, addressed, question, result);
      return undefined;
    }
    if (!this.#takeRate(message, rateChannelId)) return undefined;
    return this.#logQuestion(message, addressed, question, result);
  }

  /** The question this message follows up: the answer it replies to, the thread's, or the DM's last one. */
  #earlier(message: Message, dm: boolean): string | undefined {
    const repliedTo = message.reference?.messageId;
    const byAnswer = repliedTo === undefined ? undefined : this.#d.context.get(`answer:${repliedTo}`);
    if (byAnswer !== undefined) return byAnswer;
    if (dm) return this.#d.context.get(`dm:${message.channelId}`);
    return message.channel.isThread() ? this.#d.context.get(`thread:${message.channelId}`) : undefined;
  }

  #ask(kb: KnowledgeBase, question: string, earlier: string | undefined): FollowUpResult {
    return askInConversation(this.#d.learning, kb, question, earlier);
  }

  /**
   * Hands the question to the log (which writes in the background) and returns the id the
   * answer's vote buttons carry, or null when nothing is logged.
   */
  #logQuestion(message: Message, addressed: Addressed, question: string, result: FollowUpResult): string | null {
    const answerId = newAnswerId(this.#d.now());
    const asker = { via: VIA[addressed.kind](addressed), userId: message.author.id, guildId: message.guildId, channelId: message.channelId };
    logAnswer(this.#d.questions, asker, question, result, answerId, this.#d.now());
    return this.#d.questions.enabled ? answerId : null;
  }

  #firstAnswered(kb: KnowledgeBase, candidates: string[]): FollowUpResult {
    const tried = [...new Set(candidates.map((c) => c.trim()).filter((c) => c !== ''))];
    let first: FollowUpResult | null = null;
    for (const candidate of tried) {
      const result = this.#ask(kb, candidate, undefined);
      if (result.answered) return result;
      first ??= result;
    }
    return first ?? this.#ask(kb, '', undefined);
  }

  #confident(message: Message, result: FollowUpResult): boolean {
    if (!result.answered) this.#log.debug({ ...describe(message), reason: result.reason }, 'not answered on its own: the material does not answer it');
    return result.answered;
  }

  #takeRate(message: Message, channelId: string): boolean {
    if (this.#d.rate.take(channelId)) return true;
    this.#log.info(describe(message), 'not answered on its own: the channel had its share of answers for now');
    return false;
  }

  #remember(answerId: string, question: string, conversation: string | null): void {
    this.#d.context.set(`answer:${answerId}`, question);
    if (conversation !== null) this.#d.context.set(conversation, question);
  }

  #reply(channelId: string, body: ReplyBody, reference: MessageReference | null): Promise<{ id: string }> {
    return this.#d.sender.send(channelId, finalizeChannelMessage(body, reference));
  }

  async #fail(message: Message, addressed: Addressed | null, error: unknown): Promise<void> {
    const ref = newReference();
    this.#log.error({ err: errorForLog(error), ref, ...describe(message) }, `handler failed (reference ${ref})`);
    // Only a person who asked is waiting for an answer; on its own, Footnote stays quiet.
    if (addressed?.kind !== 'asked') return;
    try {
      await this.#reply(message.channelId, errorNotice(ref), referenceTo(message));
    } catch (sendError) {
      this.#log.warn({ err: errorForLog(sendError), ref, ...describe(message) }, 'could not tell the person about the failure');
    }
  }
}
