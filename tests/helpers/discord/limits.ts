import type { APIEmbed } from 'discord.js';
import type { ButtonRow } from '../../../src/discord/reply-body.ts';
import type { AllowedMentions } from '../../../src/discord/finalize.ts';
import { DiscordLimits, embedSize } from '../../../src/present/discord/index.ts';
import { checkMessageBody, describeFinding } from '../../support/discord-standin/limits-check.ts';

/** A message as a presenter made it, or as it goes to Discord (then with allowed_mentions). */
export interface CheckedBody {
  content?: string;
  embeds: APIEmbed[];
  components?: ButtonRow[];
  allowed_mentions?: AllowedMentions;
}

/**
 * Every limit a reply must respect, checked two ways: against Footnote's own numbers (UTF-16
 * lengths, the stricter count), and by the stand-in's independent checker on the JSON. A body
 * with `allowed_mentions` is a wire message, and must have them.
 */
export function limitProblems(wire: CheckedBody): string[] {
  const problems: string[] = [];
  const check = (what: string, text: string | undefined, max: number, min = 0) => {
    if (text === undefined) return;
    if (text.length > max) problems.push(`${what}: ${text.length} > ${max}`);
    if (text.length < min) problems.push(`${what}: empty`);
  };
  check('content', wire.content, DiscordLimits.messageContent);
  if (wire.embeds.length > DiscordLimits.embedsPerMessage) problems.push(`${wire.embeds.length} embeds`);
  let total = 0;
  wire.embeds.forEach((e: APIEmbed, i) => {
    check(`embed ${i} title`, e.title, DiscordLimits.embedTitle);
    check(`embed ${i} description`, e.description, DiscordLimits.embedDescription);
    check(`embed ${i} footer`, e.footer?.text, DiscordLimits.footerText);
    check(`embed ${i} author`, e.author?.name, DiscordLimits.authorName);
    if ((e.fields?.length ?? 0) > DiscordLimits.fieldsPerEmbed) problems.push(`embed ${i}: ${e.fields?.length} fields`);
    e.fields?.forEach((f, j) => {
      check(`embed ${i} field ${j} name`, f.name, DiscordLimits.fieldName, 1);
      check(`embed ${i} field ${j} value`, f.value, DiscordLimits.fieldValue, 1);
    });
    total += embedSize(e);
  });
  if (total > DiscordLimits.embedTotal) problems.push(`embeds total ${total} > ${DiscordLimits.embedTotal}`);
  if ((wire.components?.length ?? 0) > DiscordLimits.actionRows) problems.push(`${wire.components?.length} rows`);
  for (const row of wire.components ?? []) {
    if (row.components.length > DiscordLimits.buttonsPerRow) problems.push(`${row.components.length} buttons in a row`);
    for (const b of row.components) {
      if ('custom_id' in b) check('custom_id', b.custom_id, DiscordLimits.customId, 1);
      if ('label' in b) check('label', b.label, DiscordLimits.buttonLabel);
    }
  }
  const body = { content: wire.content ?? '', embeds: wire.embeds, components: wire.components ?? [], ...(wire.allowed_mentions ? { allowed_mentions: wire.allowed_mentions } : {}) };
  for (const f of checkMessageBody(body, { requireAllowedMentions: wire.allowed_mentions !== undefined })) problems.push(describeFinding('stand-in', f));
  return problems;
}

/** Every string in a JSON value, with its path, for "nothing in here pings" assertions. */
export function allStrings(value: unknown, path = ''): { path: string; text: string }[] {
  if (typeof value === 'string') return [{ path, text: value }];
  if (Array.isArray(value)) return value.flatMap((v, i) => allStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allStrings(v, path ? `${path}.${k}` : k));
  return [];
}

/** A literal @everyone/@here (not broken by a zero-width joiner) anywhere in the message. */
export function rawMassMentions(value: unknown): string[] {
  return allStrings(value)
    .filter((s) => /@(everyone|here)/iu.test(s.text))
    .map((s) => `${s.path}: ${s.text.slice(0, 80)}`);
}

/** Where Discord shows text as it is (no markdown, no mentions): labels, footers, author names, URLs, ids. */
const PLAIN_PATH = /(?:\.label|\.url|\.custom_id|footer\.text|author\.name|\.timestamp)$/u;

/**
 * A `<@…>`, `<@&…>` or `<#…>` mention not escaped with a backslash, other than the allowed ones,
 * in text Discord renders as markdown.
 */
export function unescapedMentions(value: unknown, allowed: readonly string[] = []): string[] {
  return allStrings(value).filter((s) => !PLAIN_PATH.test(s.path)).flatMap((s) =>
    [...s.text.matchAll(/(?<!\\)<(@[!&]?|#)(\d+)>/gu)].filter((m) => !allowed.includes(m[0])).map((m) => `${s.path}: ${m[0]}`),
  );
}
