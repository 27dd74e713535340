import { describe, expect, it } from 'vitest';
import { chunkBody } from '../../src/search/knowledge-base.ts';
import { buildVocabulary } from '../../src/search/vocabulary.ts';
import { articleKb } from '../helpers/folders.ts';

describe('vocabulary', () => {
  it('recorded during indexing equals one built from the chunks on their own', async () => {
    const kb = await articleKb();
    const separate = buildVocabulary([...kb.chunks].map(chunkBody), kb.documents.map((d) => d.title));
    expect(kb.vocabulary.df).toEqual(separate.df);
    expect(kb.vocabulary.chunkCount).toBe(kb.chunks.size);
    expect([...kb.vocabulary.spellingTree].sort()).toEqual([...separate.spellingTree].sort());
    expect(kb.vocabulary.synonyms).toEqual(separate.synonyms);
  });

  it('counts a title word once, however many chunks share the title', async () => {
    const kb = await articleKb();
    // "approach" is in the title and in ¶1 and ¶5; "2025" in the title and two paragraphs.
    expect(kb.vocabulary.df.get('approach')).toBe(kb.vocabulary.bodyDf.get('approach'));
    expect(kb.vocabulary.titleDf.get('approach')).toBe(1);
  });
});
