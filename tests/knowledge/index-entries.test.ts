import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';

function parse(text: string) {
  const result = parseDocument('doc', 'page.md', new TextEncoder().encode(text));
  if (!result.ok) throw new Error(result.reason);
  return result.chunks.filter((c) => c.kind !== 'credit').map((c) => ({ kind: c.kind, breadcrumb: c.breadcrumb, text: c.text }));
}

describe('index entries a converter left in from reStructuredText', () => {
  it('drops a paragraph of index entries, which the HTML never shows', () => {
    const md = ['# Function definitions', '', 'pair: function; annotations single: ->; function annotations single: : (colon); function annotations', '', 'Parameters may have an annotation.'].join('\n');
    expect(parse(md).map((c) => c.text)).toEqual(['Parameters may have an annotation.']);
  });

  it('keeps a line that only opens like an entry: a C label, a sentence', () => {
    const md = ['# Errors', '', 'exception: PyConfig_Clear(&config); Py_ExitStatusException(status); }', '', 'Single: one of a kind.'].join('\n');
    expect(parse(md).map((c) => c.text)).toEqual(['exception: PyConfig_Clear(&config); Py_ExitStatusException(status); }', 'Single: one of a kind.']);
  });
});
