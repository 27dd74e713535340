import { DiscordLimits, plainText, truncatePlain } from '../present/discord/index.ts';

/** One autocomplete choice before the limits are applied. */
export interface Choice {
  name: string;
  value: string;
}

/**
 * Autocomplete choices within Discord's limits: at most 25, names and values 1–100 characters,
 * no two with the same value. Names are shown as plain text; values are what the option receives.
 */
export function toChoices(candidates: Iterable<Choice>): Choice[] {
  const out: Choice[] = [];
  const values = new Set<string>();
  for (const c of candidates) {
    const name = truncatePlain(plainText(c.name), DiscordLimits.choiceName);
    const value = c.value.length <= DiscordLimits.choiceValue ? c.value : truncatePlain(c.value.replace(/\s+/gu, ' ').trim(), DiscordLimits.choiceValue).replace(/…$/u, '');
    if (name === '' || value.trim() === '' || values.has(value)) continue;
    values.add(value);
    out.push({ name, value });
    if (out.length >= DiscordLimits.autocompleteChoices) break;
  }
  return out;
}

/** What is typed, offered back as the only choice: the fallback when suggestions are slow or absent. */
export function echoChoice(typed: string): Choice[] {
  const text = typed.replace(/\s+/gu, ' ').trim();
  return text === '' ? [] : toChoices([{ name: text, value: text }]);
}
