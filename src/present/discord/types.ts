import type { APIEmbed } from 'discord.js';

/**
 * What a Discord presenter produces: the message's text and embeds as plain Discord JSON. Nothing
 * clickable: buttons, custom ids and who may ping whom are the adapter's (src/discord), which adds
 * them to this body before it is sent.
 */
export interface Presented {
  /** Usually empty: answers live in embeds; notices are plain content. */
  content?: string;
  embeds: APIEmbed[];
}

/** A source an answer cites as [n]: enough for the adapter to build its buttons. */
export interface CitedSource {
  n: number;
  chunkId: string;
  citation: string;
  title: string;
  url: string | null;
  /** The first sentence the reply quotes from it: what a link to the source scrolls to. */
  quote: string | null;
}

/** An answer or summary, with the sources its text numbers. */
export interface PresentedCitations extends Presented {
  sources: CitedSource[];
}

/** Footnote's embed colour (Discord blurple), and a muted one for refusals and notices. */
export const COLOR = { answer: 0x5865f2, refusal: 0x99aab5, error: 0xed4245 } as const;
