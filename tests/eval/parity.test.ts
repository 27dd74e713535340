import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samePassage, sectionOf } from '../../src/eval/parity.ts';
import { readPageParityQuestions, readSectionParityQuestions } from '../../src/eval/sets.ts';
import type { Chunk } from '../../src/knowledge/index.ts';
import { PROJECT } from '../helpers/folders.ts';

const chunk = (title: string, breadcrumb: string[]): Chunk => ({ id: 'd#p1', document: 'd', title, paragraph: 1, breadcrumb, kind: 'paragraph', text: 'x', url: null, citation: `${title}, ¶1` });

describe('the parity sets', () => {
  it('hold at least 50 Python questions and 30 Policy questions, each naming where its answer is', async () => {
    const python = await readPageParityQuestions(join(PROJECT, 'tests/eval/parity-python.json'));
    const policy = await readSectionParityQuestions(join(PROJECT, 'tests/eval/parity-policy.json'));
    expect(python.length).toBeGreaterThanOrEqual(50);
    expect(policy.length).toBeGreaterThanOrEqual(30);
    expect(new Set(python.map((q) => q.question)).size).toBe(python.length);
    for (const q of policy) expect(q.section === '' || /^\d+(\.\d+)*$/.test(q.section), q.question).toBe(true);
  });
});

describe('comparing what two formats cite', () => {
  it('takes a passage as the same when most of the shorter one\'s words are in the other', () => {
    expect(samePassage('Serialize obj as a JSON formatted stream to fp.', 'Serialize *obj* as a JSON formatted stream to fp (a file-like object).')).toBe(true);
    expect(samePassage('Serialize obj as a JSON formatted stream to fp.', 'Deserialize fp to a Python object.')).toBe(false);
  });

  it('takes a part of a code block for the same passage as the block, lines and spacing aside', () => {
    const block = "tree = ElementTree.parse('doc.xml')\nroot = tree.getroot()\n\nElementInclude.include(root)";
    expect(samePassage(block, "tree = ElementTree.parse('doc.xml') root = tree.getroot()")).toBe(true);
  });

  it('does not take two paragraphs for one when they share words but not their order', () => {
    const a = 'Return the number of items in the queue.';
    const b = 'The queue holds items; return them in number order.';
    // Every word of the first but one is in the second: by words alone they would be one passage.
    expect(samePassage(a, b, { samePassageShare: 0.8, samePassagePairShare: 0 })).toBe(true);
    expect(samePassage(a, b)).toBe(false);
  });

  it('finds the section of an HTML chapter\'s paragraph and of a PDF\'s, numbered the same or named the same', () => {
    expect(sectionOf(chunk('3. Binary packages', ['3.1. The package name', '3.1.1. Packages with potentially offensive content']))).toEqual({ number: '3.1.1', name: 'packages with potentially offensive content' });
    expect(sectionOf(chunk('Debian Policy Manual', ['BINARY PACKAGES', '3.1 The package name', '3.1.1 Packages with potentially offensive content']))).toEqual({ number: '3.1.1', name: 'packages with potentially offensive content' });
    // A chapter's own paragraphs: the HTML page's title is the chapter, the PDF's breadcrumb names it.
    expect(sectionOf(chunk('3. Binary packages', [])).name).toBe(sectionOf(chunk('Debian Policy Manual', ['BINARY PACKAGES'])).name);
  });
});
