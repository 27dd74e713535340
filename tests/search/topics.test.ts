import { describe, expect, it } from 'vitest';
import { extractTopics } from '../../src/search/topics.ts';

const topicsOf = (texts: string[], limit?: number) => extractTopics(texts.length, (i) => texts[i]!, limit);
const names = (texts: string[], limit?: number) => topicsOf(texts, limit).map((t) => t.name);

describe('extractTopics', () => {
  it('finds names of two or more capitalised words, with "of" and "and" inside them', () => {
    expect(names(['The U.S. Department of Commerce objected.', 'Belt and Road Initiative projects went on.']).sort()).toEqual(['Belt and Road Initiative', 'U.S. Department of Commerce']);
  });

  it('takes no single word for a name, and drops stop words and connectors at either end', () => {
    expect(names(['Shanghai hosted it. The World AI Conference and', 'In Global South of'])).toEqual(['World AI Conference', 'Global South']);
  });

  it('keeps an upper-case acronym that is also a stop word ("IT")', () => {
    expect(names(['IT Operations handled it.'])).toEqual(['IT Operations']);
  });

  it('ends a name at punctuation other than a hyphen or ampersand', () => {
    expect(names(['They met at Shanghai Tower, Pudong District.']).sort()).toEqual(['Pudong District', 'Shanghai Tower']);
    expect(names(['Johnson & Johnson sold it.', 'Sino-French Relations improved.']).sort()).toEqual(['Johnson & Johnson', 'Sino-French Relations']);
  });

  it('ranks names by the paragraphs that mention them, once per paragraph, longer names first on a tie', () => {
    const topics = topicsOf(['Wang Yi met Wang Yi.', 'Wang Yi spoke.', 'United Arab Emirates joined.', 'Global South rose.']);
    expect(topics).toEqual([
      { name: 'Wang Yi', mentions: 2 },
      { name: 'United Arab Emirates', mentions: 1 },
      { name: 'Global South', mentions: 1 },
    ]);
  });

  it('drops the possessive ending of a name and returns at most `limit` names', () => {
    expect(names(["The Global South's voice grew."])).toEqual(['Global South']);
    expect(names(['Alpha Beta.', 'Gamma Delta.', 'Epsilon Zeta.'], 2)).toHaveLength(2);
  });

  it('reads a sample spread over a large folder rather than every paragraph', () => {
    const read: number[] = [];
    extractTopics(20_000, (i) => {
      read.push(i);
      return 'Wang Yi spoke.';
    });
    expect(read.length).toBeLessThanOrEqual(5000);
    expect(Math.min(...read)).toBe(0);
    expect(Math.max(...read)).toBeGreaterThan(19_990);
  });
});
