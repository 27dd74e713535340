import type { APIEmbed, APIEmbedField } from 'discord.js';
import { DiscordLimits } from './limits.ts';
import { plainText } from './markdown.ts';
import { truncate, truncatePlain } from './truncate.ts';

/** Characters an embed counts towards the 6000 shared by all of a message's embeds. */
export function embedSize(embed: APIEmbed): number {
  let n = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  n += embed.footer?.text.length ?? 0;
  n += embed.author?.name.length ?? 0;
  for (const f of embed.fields ?? []) n += f.name.length + f.value.length;
  return n;
}

/** A field value shorter than this is not worth keeping; the field is dropped instead. */
const MIN_FIELD_VALUE = 40;
/** Fields the description leaves room for before it takes the rest (sources matter too). */
const FIELD_RESERVE = 1_500;

/**
 * Room for an embed's description: its own limit, less what the rest of the embed needs of the
 * 6000 shared characters. Fields are counted up to a reserve only: the description (the answer)
 * comes first, and `fitEmbed` shortens the fields to what is left.
 */
export function descriptionRoom(embed: APIEmbed, budget: number = DiscordLimits.embedTotal): number {
  const fields = (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
  const rest = embedSize({ ...embed, description: '', fields: [] }) + Math.min(fields, FIELD_RESERVE);
  return Math.max(0, Math.min(DiscordLimits.embedDescription, budget - rest));
}

function clampField(field: APIEmbedField): APIEmbedField {
  // Discord refuses an empty name or value; a zero-width space is its own idiom for "blank".
  const name = truncate(field.name, DiscordLimits.fieldName) || '\u200b';
  const value = truncate(field.value, DiscordLimits.fieldValue) || '\u200b';
  return { ...field, name, value };
}

/** Every part within its own limit; text Discord shows as markdown is cut as markdown. */
function clampParts(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncate(out.title, DiscordLimits.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, DiscordLimits.embedDescription);
  if (out.fields !== undefined) out.fields = out.fields.slice(0, DiscordLimits.fieldsPerEmbed).map(clampField);
  if (out.footer !== undefined) out.footer = { ...out.footer, text: truncatePlain(plainText(out.footer.text), DiscordLimits.footerText) };
  if (out.author !== undefined) out.author = { ...out.author, name: truncatePlain(plainText(out.author.name), DiscordLimits.authorName) };
  if (out.url !== undefined && out.url.length > DiscordLimits.embedUrl) delete out.url;
  return out;
}

/**
 * The embed within every limit, and within `budget` of the 6000 shared characters: fields are
 * shortened and then dropped from the last, then the description is shortened, then the footer.
 */
export function fitEmbed(embed: APIEmbed, budget: number = DiscordLimits.embedTotal): APIEmbed {
  const out = clampParts(embed);
  const fields = [...(out.fields ?? [])];
  let size = embedSize(out);
  while (size > budget && fields.length > 0) {
    const last = fields[fields.length - 1];
    if (!last) break;
    const keep = last.value.length - (size - budget);
    if (keep >= MIN_FIELD_VALUE) fields[fields.length - 1] = { ...last, value: truncate(last.value, keep) };
    else fields.pop();
    out.fields = [...fields];
    size = embedSize(out);
  }
  if (out.fields !== undefined && out.fields.length === 0) delete out.fields;
  if (size > budget && out.description) {
    out.description = truncate(out.description, Math.max(0, out.description.length - (size - budget)));
    size = embedSize(out);
  }
  if (size > budget && out.footer) {
    const keep = out.footer.text.length - (size - budget);
    if (keep > 0) out.footer = { ...out.footer, text: truncatePlain(out.footer.text, keep) };
    else delete out.footer;
    size = embedSize(out);
  }
  if (size > budget && out.title) out.title = truncate(out.title, Math.max(0, out.title.length - (size - budget)));
  if (out.description === '') delete out.description;
  return out;
}
