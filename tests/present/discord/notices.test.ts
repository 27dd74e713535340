import { describe, expect, it } from 'vitest';
import { onlyAskerNotice, typed, unknownCitationNotice, unknownDocumentNotice } from '../../../src/present/discord/index.ts';
import { rawMassMentions } from '../../helpers/discord/limits.ts';

const HOSTILE = '`@everyone` <@&123456789012345678> **bold** ```js\n@here [x](https://evil.example)';

describe('what a person typed, quoted in a notice', () => {
  it('is one code span: backticks cannot close it, line breaks cannot end it, mentions are defused', () => {
    const quoted = typed(HOSTILE);
    expect(quoted).toBe('`ˋ@\u200deveryoneˋ <@&123456789012345678> **bold** ˋˋˋjs @\u200dhere [x](https://evil.example)`');
    // Exactly two backticks: the span's own.
    expect(quoted.match(/`/gu)).toHaveLength(2);
    expect(rawMassMentions(quoted)).toEqual([]);
  });

  it('is kept short', () => {
    expect(typed('word '.repeat(100)).length).toBeLessThanOrEqual(102);
  });

  it('reaches the notices that quote it', () => {
    expect(unknownDocumentNotice(HOSTILE).content).toBe(`There is no document ${typed(HOSTILE)}. Pick one from the list as you type, or see \`/documents\`.`);
    expect(unknownCitationNotice(HOSTILE, ['doc#p1']).content).toBe(`There is no paragraph ${typed(HOSTILE)}. Nearby: \`doc#p1\`. Pick one from the list as you type.`);
  });
});

describe('a notice naming the asker', () => {
  it('mentions a real user id, and nothing a forged button could carry', () => {
    expect(onlyAskerNotice('123456789012345678', 'delete this reply').content).toBe('Only <@123456789012345678> can delete this reply.');
    expect(onlyAskerNotice('everyone> <@&1', 'delete this reply').content).toBe('Only the person who asked can delete this reply.');
  });
});
