import { describe, expect, it } from 'vitest';
import { escapeMarkdown, neutralizeMentions, plainText } from '../../../src/present/discord/markdown.ts';

const ZWJ = '\u200d';

describe('escapeMarkdown', () => {
  it.each([
    ['masked link', '[totally safe](https://evil.example)', '\\[totally safe\\](https://evil.example)'],
    ['code fence', '```js\ncode', '\\`\\`\\`js\ncode'],
    ['emphasis and spoilers', '*a* _b_ ~~c~~ ||d||', '\\*a\\* \\_b\\_ \\~\\~c\\~\\~ \\|\\|d\\|\\|'],
    ['role and user mentions', 'ping <@&123> and <@456>', 'ping \\<@&123\\> and \\<@456\\>'],
    ['heading and quote', '# Title\n> quoted', '\\# Title\n\\> quoted'],
    ['list bullets', '- one\n+ two\n3. three', '\\- one\n\\+ two\n3\\. three'],
    ['a backslash', 'C:\\path', 'C:\\\\path'],
  ])('escapes %s', (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
  });

  it('leaves bare URLs intact so they still link', () => {
    expect(escapeMarkdown('see https://example.com/a_b_c*d.')).toBe('see https://example.com/a_b_c*d.');
  });

  it('leaves hyphens inside sentences alone', () => {
    expect(escapeMarkdown('High-Level Meeting on 26-28 July')).toBe('High-Level Meeting on 26-28 July');
  });

  it('neutralises @everyone and @here with a zero-width joiner', () => {
    expect(escapeMarkdown('@everyone and @here')).toBe(`@${ZWJ}everyone and @${ZWJ}here`);
    expect(neutralizeMentions('@EVERYONE')).toBe(`@${ZWJ}EVERYONE`);
    // Idempotent: a second pass finds nothing to do.
    expect(neutralizeMentions(neutralizeMentions('@here'))).toBe(`@${ZWJ}here`);
  });

  it('flattens plain text for labels and footers', () => {
    expect(plainText('  two\nlines @everyone ')).toBe(`two lines @${ZWJ}everyone`);
  });
});
