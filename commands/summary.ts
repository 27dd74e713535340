import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { summarize, UnknownDocumentError } from '../src/answer/index.ts';
import type { ChatInputCommandModule } from '../src/discord/context.ts';
import { answerOf, deliver, noticeOf } from '../src/discord/deliver.ts';
import { resolveDocumentRef } from '../src/discord/refs.ts';
import { answerRows } from '../src/discord/source-buttons.ts';
import { documentChoices, topicChoices } from '../src/discord/suggest.ts';
import { presentSummary, unknownDocumentNotice } from '../src/present/discord/index.ts';
import type { KnowledgeBase } from '../src/search/index.ts';
import { audienceOf, MAX_OPTION_TEXT, mentionOption, privateOption } from './options.ts';

/**
 * A summary reads every sentence of what it summarises (up to the engine's sample of 1500
 * paragraphs); past this many paragraphs that can take longer than Discord waits, so the reply
 * is deferred first.
 */
export const SLOW_SUMMARY_CHUNKS = 300;

const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('A summary in sentences quoted from the material, one citation each')
  .setContexts(InteractionContextType.Guild)
  .addStringOption((o) => o.setName('topic').setDescription('Summarise only what the material says about this').setAutocomplete(true).setMaxLength(MAX_OPTION_TEXT))
  .addStringOption((o) => o.setName('document').setDescription('Only this document').setAutocomplete(true))
  .addBooleanOption(privateOption)
  .addUserOption(mentionOption);

function paragraphsToRead(kb: KnowledgeBase, document: string | null, topic: string | null): number {
  if (topic) return 0;
  return document ? (kb.documentById.get(document)?.paragraphs ?? 0) : kb.chunks.size;
}

export const summaryCommand: ChatInputCommandModule = {
  kind: 'chatInput',
  data,
  help: {
    usage: '/summary [topic] [document] [private] [mention]',
    description: 'The sentences that best summarise the material (or a topic, or one document), quoted in their order with a citation each.',
    example: '/summary topic: export controls',
  },
  async execute(interaction, reply, ctx) {
    const topic = interaction.options.getString('topic')?.trim() || null;
    const documentInput = interaction.options.getString('document')?.trim() || null;
    const audience = audienceOf(interaction, ctx.settings);
    const documentOf = (kb: KnowledgeBase) => (documentInput ? resolveDocumentRef(kb, documentInput) : null);
    await deliver(interaction, reply, ctx, { ...audience, slow: (kb) => paragraphsToRead(kb, documentOf(kb), topic) > SLOW_SUMMARY_CHUNKS }, (kb) => {
      const document = documentOf(kb);
      try {
        const result = summarize(kb, { ...(topic ? { topic } : {}), ...(document ? { document } : {}) });
        const titles = new Map(result.sentences.map((s) => [s.chunkId, kb.chunks.get(s.chunkId)?.title ?? s.chunkId]));
        const presented = presentSummary(result, document ? (kb.documentById.get(document)?.title ?? null) : null, titles);
        return answerOf({ ...presented, components: answerRows(presented.sources, { paragraphs: false }) });
      } catch (error) {
        if (error instanceof UnknownDocumentError) return noticeOf(unknownDocumentNotice(documentInput ?? ''));
        throw error;
      }
    });
  },
  autocomplete(interaction, ctx) {
    const kb = ctx.knowledge.current;
    if (!kb) return [];
    const focused = interaction.options.getFocused(true);
    return focused.name === 'document' ? documentChoices(kb, focused.value) : topicChoices(kb, focused.value);
  },
};
