import type { APIActionRowComponent, APIButtonComponent, APIEmbed } from 'discord.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/**
 * What a presenter hands to the reply helper: plain Discord JSON, no client objects, so presenters
 * stay pure and their output can be checked against the limits without a connection.
 */
export interface ReplyBody {
  /** Usually empty: answers live in embeds; the reply helper puts a mention here when asked. */
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
}

/** One autocomplete choice before the limits are applied. */
export interface Choice {
  name: string;
  value: string;
}

/** Footnote's embed colour (Discord blurple), and a muted one for refusals and notices. */
export const COLOR = { answer: 0x5865f2, refusal: 0x99aab5, error: 0xed4245 } as const;
