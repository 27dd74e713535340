import { describe, expect, it } from 'vitest';
import { commandDefinitions, commands } from '../../commands/index.ts';
import { commandName } from '../../src/discord/context.ts';
import { checkCommandDefinition, describeFinding } from '../support/discord-standin/limits-check.ts';

describe('the command loader', () => {
  it('collects every command once, each valid for Discord', () => {
    const names = commands.map(commandName);
    expect(names).toEqual(['ask', 'search', 'summary', 'source', 'documents', 'reload', 'settings', 'questions', 'forget-me', 'Ask Footnote', 'help']);
    for (const definition of commandDefinitions()) {
      expect(checkCommandDefinition(definition).map((f) => describeFinding(definition.name, f))).toEqual([]);
    }
  });

  it('documents each command for /help', () => {
    for (const c of commands) expect(c.help?.example, commandName(c)).toBeTruthy();
  });

  it('gives no two handlers the same button prefix', () => {
    const prefixes = commands.flatMap((c) => Object.keys(c.buttons ?? {}));
    expect(new Set(prefixes).size).toBe(prefixes.length);
    expect(prefixes).toEqual(expect.arrayContaining(['para', 'page']));
  });

  it('offers private and mention where the issue asks for them', () => {
    const options = (name: string) => (commandDefinitions().find((d) => d.name === name) as { options?: { name: string; autocomplete?: boolean }[] }).options ?? [];
    for (const name of ['ask', 'search', 'summary']) expect(options(name).map((o) => o.name)).toEqual(expect.arrayContaining(['private', 'mention']));
    expect(options('ask').find((o) => o.name === 'question')?.autocomplete).toBe(true);
    expect(options('source').find((o) => o.name === 'citation')?.autocomplete).toBe(true);
  });
});
