import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeWord, tokenize, words } from '../../src/search/text.ts';

/** normalizeWord as it was before plain ASCII words took a shorter way. */
const reference = (word: string) =>
  word
    .normalize('NFKC')
    .toLowerCase()
    .replace(/['’]s$/u, '')
    .replace(/['’]/gu, '');

describe('normalizeWord', () => {
  it('gives every word the form the full rule gives it', () => {
    for (const word of ['Git', 'HEAD', 'x86', 'stash', "humanity's", 'users’', 'ﬁle', 'Ⅻ', 'Straße', 'ÉCOLE', '', '42']) {
      expect(normalizeWord(word), word).toBe(reference(word));
    }
    fc.assert(fc.property(fc.string({ maxLength: 12 }), (word) => normalizeWord(word) === reference(word)));
    fc.assert(fc.property(fc.stringMatching(/^[A-Za-z0-9'’]{0,12}$/), (word) => normalizeWord(word) === reference(word)));
  });
});

describe('tokenize', () => {
  it('gives the words that words() finds, as strings', () => {
    for (const text of ['The U.S. and the U.K. agreed.', "git-stash - Stash the changes in a dirty working directory away", 'It’s 3 a.m. in the E.U.', '']) {
      expect(tokenize(text)).toEqual(words(text).map((w) => w.text));
    }
  });
});
