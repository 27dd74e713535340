import { describe, expect, it } from 'vitest';
import { FORMAT_DEFAULTS } from '../../src/knowledge/format-options.ts';
import { pairEntries, type GridLine } from '../../src/knowledge/pdf-entries.ts';

const line = (text: string, y: number): GridLine => ({ text, y, size: 10 });
const texts = (entries: { term: GridLine[]; description: GridLine[] }[]) =>
  entries.map((e) => [e.term.map((l) => l.text), e.description.map((l) => l.text)]);

describe('pairing a grid column’s terms with its descriptions', () => {
  it('makes each row set on one baseline an entry of its own', () => {
    const terms = [line('apt update', 700), line('apt install pkg', 688), line('apt remove pkg', 676)];
    const descriptions = [line('Refresh the package lists.', 700), line('Install a package.', 688), line('Remove a package.', 676)];
    expect(texts(pairEntries(terms, descriptions, FORMAT_DEFAULTS.pdf))).toEqual([
      [['apt update'], ['Refresh the package lists.']],
      [['apt install pkg'], ['Install a package.']],
      [['apt remove pkg'], ['Remove a package.']],
    ]);
  });

  it('keeps a description’s wrapped line with its term rather than leaving it in an entry alone', () => {
    const terms = [line('dpkg -L pkg', 700), line('dpkg -S file', 676)];
    const descriptions = [line('List the files a package', 700), line('installed on this system.', 688), line('Find the package of a file.', 676)];
    expect(texts(pairEntries(terms, descriptions, FORMAT_DEFAULTS.pdf))).toEqual([
      [['dpkg -L pkg'], ['List the files a package', 'installed on this system.']],
      [['dpkg -S file'], ['Find the package of a file.']],
    ]);
  });

  it('does not cut an entry where its description carries on in lower case, though both sides break there', () => {
    const terms = [line('apt install', 700), line('--no-install-recommends', 688), line('apt purge pkg', 676)];
    const descriptions = [line('Install, leaving out what it', 700), line('recommends.', 688), line('Remove with its settings.', 676)];
    expect(texts(pairEntries(terms, descriptions, FORMAT_DEFAULTS.pdf))).toEqual([
      [['apt install', '--no-install-recommends'], ['Install, leaving out what it', 'recommends.']],
      [['apt purge pkg'], ['Remove with its settings.']],
    ]);
  });

  it('centres a short term on a description of several lines', () => {
    const terms = [line('man page', 688), line('info page', 664)];
    const descriptions = [line('Read the manual', 700), line('Of a command, set as', 688), line('A man page.', 676), line('Read an info manual.', 664)];
    expect(texts(pairEntries(terms, descriptions, FORMAT_DEFAULTS.pdf))).toEqual([
      [['man page'], ['Read the manual', 'Of a command, set as', 'A man page.']],
      [['info page'], ['Read an info manual.']],
    ]);
  });
});
