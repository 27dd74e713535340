import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DiscordLimits, EDGE_WORDS, encodeFragmentText, linkToSentence, WHOLE_SENTENCE_WORDS } from '../../../src/present/discord/index.ts';

/** The directive's parts, decoded the way a browser reads them: split on the syntax commas, then percent-decoded. */
function decodedParts(url: string): string[] {
  const at = url.indexOf('#:~:text=');
  if (at < 0) throw new Error(`no text directive in ${url}`);
  return url
    .slice(at + '#:~:text='.length)
    .split(',')
    .map((part) => decodeURIComponent(part));
}

const normal = (s: string) => s.replace(/\s+/gu, ' ').trim();

// Words as people write them, with the directive's own syntax and non-ASCII inside.
const word = fc.stringMatching(/^[A-Za-zé0-9,&\-'’.!?()%#:~=€]{1,12}$/u);
const sentence = fc.array(word, { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));
const page = fc.webUrl({ withFragments: false, withQueryParameters: true });

describe('links to the exact sentence (text fragments)', () => {
  it('encode the directive syntax: "-", "," and "&" never appear raw', () => {
    expect(encodeFragmentText('on-call, day & night')).toBe('on%2Dcall%2C%20day%20%26%20night');
  });

  it('quote a short sentence whole', () => {
    expect(linkToSentence('https://example.com/handbook', 'The on-call rota changes every Monday at 10:00.')).toBe(
      'https://example.com/handbook#:~:text=The%20on%2Dcall%20rota%20changes%20every%20Monday%20at%2010%3A00.',
    );
  });

  it('shorten a long sentence to its first and last words', () => {
    const long = 'The staging cluster keeps a copy of each release for thirty days because the old behaviour confused new team members.';
    expect(decodedParts(linkToSentence('https://example.com/notes', long))).toEqual(['The staging cluster keeps', 'confused new team members.']);
  });

  it('use the plain URL when it already has a fragment, or there is no quoted text', () => {
    expect(linkToSentence('https://example.com/doc#refunds', 'Refunds need a manager.')).toBe('https://example.com/doc#refunds');
    expect(linkToSentence('https://example.com/doc', null)).toBe('https://example.com/doc');
    expect(linkToSentence('https://example.com/doc', '   ')).toBe('https://example.com/doc');
  });

  it('use the plain URL when not even one word at each end fits the limit', () => {
    const url = `https://example.com/${'x'.repeat(DiscordLimits.buttonUrl - 40)}`;
    expect(linkToSentence(url, `${'é'.repeat(30)} and ${'ü'.repeat(30)}`)).toBe(url);
  });

  it('always decode back to the sentence, or its start and end, and never exceed the limit', () => {
    fc.assert(
      fc.property(page, sentence, (url, text) => {
        const link = linkToSentence(url, text);
        expect(link.length).toBeLessThanOrEqual(Math.max(url.length, DiscordLimits.buttonUrl));
        if (link === url) return;
        const parts = decodedParts(link);
        const words = normal(text).split(' ');
        if (parts.length === 1) {
          expect(parts[0]).toBe(normal(text));
          expect(words.length).toBeLessThanOrEqual(WHOLE_SENTENCE_WORDS);
        } else {
          expect(parts).toHaveLength(2);
          const [start = '', end = ''] = parts;
          expect(normal(text).startsWith(start)).toBe(true);
          expect(normal(text).endsWith(end)).toBe(true);
          // Whole words only, and the two ends never overlap.
          expect(start.split(' ').length).toBeLessThanOrEqual(EDGE_WORDS);
          expect(start.split(' ').length + end.split(' ').length).toBeLessThanOrEqual(words.length);
          expect(words.slice(0, start.split(' ').length).join(' ')).toBe(start);
          expect(words.slice(words.length - end.split(' ').length).join(' ')).toBe(end);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('keep every link within the limit however long the sentence and the URL', () => {
    fc.assert(
      fc.property(fc.integer({ min: 20, max: DiscordLimits.buttonUrl }), sentence, (length, text) => {
        const url = `https://example.com/${'p'.repeat(length - 20)}`;
        expect(linkToSentence(url, text).length).toBeLessThanOrEqual(DiscordLimits.buttonUrl);
      }),
    );
  });
});
