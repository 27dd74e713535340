import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/knowledge/parse.ts';
import { readsAsCode } from '../../src/knowledge/code-lines.ts';

function parse(text: string) {
  const result = parseDocument('doc', 'page.md', new TextEncoder().encode(text));
  if (!result.ok) throw new Error(result.reason);
  return result.chunks.filter((c) => c.kind !== 'credit');
}

describe('headings that read as code lines', () => {
  it.each([
    ['a REPL line after its comment', 'Test for "true inheritance" >>> Mapping in type(c).__mro__ False'],
    ['a shell prompt', '$ git push ssh://example.com/project.git test'],
    ['a command and a path', 'cd /tmp'],
    ['a command and its options', 'mount -t ceph cephuser@cephfs=/ /mnt/ceph'],
    ['a redirection', 'echo 1 > /sys/bus/thunderbolt/devices/0-1/authorized'],
    ['a pipe', 'git log --pretty=oneline origin..mybranch | wc -l'],
    ['an assignment', 'port = 993'],
    ['a comment and the assignment after it', 'Create a new Future object. fut = loop.create_future()'],
    ['a comment and a call holding a lambda', 'First 10 Fibonacci numbers print(list(map(lambda x: x, range(10))))'],
    ['two code lines joined at a comment marker', 'apt-get update # apt-get install mc'],
    ['an awaited call', 'Wait for 1 second await asyncio.sleep(1)'],
    ['a comment and a call given a string', 'All dublin-core "title" tags in the document root.findall(".//{http://purl.org/dc/elements/1.1/}title")'],
    ['a Python import', 'from xml.etree import ElementTree, ElementInclude'],
    ['a statement ending in a semicolon', "set the version for version checking our $VERSION = '1.00';"],
  ])('%s is code', (_name, text) => {
    expect(readsAsCode(text)).toBe(true);
  });

  it.each([
    ['a module and its description', 'os.path — Common pathname manipulations'],
    ['a man page', 'git-stash(1)'],
    ['a numbered section', '9.3.2 Writing the scripts'],
    ['a method and its signature', 'filehandle.appendFile(data[, options])'],
    ['an option with its value', 'DNS rebinding vulnerability when DEBUG=True'],
    ['a control name', "name='Wave Playback Volume',index=0"],
    ['a title joining two names with a slash', 'exclude_host / exclude_guest'],
    ['a switch named in prose', 'the -DH (DEBUG_H) misfeature has been removed'],
    ['a question naming code', "Why does a_tuple[i] += ['item'] raise an exception when the addition works?"],
    ['a call given a string, named bare', "readable.push('')"],
    ['a deprecation naming a call', "DEP0160: process.on('multipleResolves', handler)"],
    ['a title naming a call given a string', 'Apple Mac and _OSI("Darwin")'],
    ['clauses joined by a semicolon', 'Objects Are Blessed; Variables Are Not'],
    ['a title with an equals sign between words', 'Cygwin = GNU+Cygnus+Windows (Don\'t leave UNIX without it)'],
  ])('%s stays a title', (_name, text) => {
    expect(readsAsCode(text)).toBe(false);
  });
});

describe('Markdown whose code blocks were flattened', () => {
  const md = [
    '# Programming FAQ',
    '',
    '## How can I check for inheritance?',
    '',
    'Use isinstance:',
    '',
    '# Actual inheritance chain >>> type(c).__mro__ (<class \'C\'>, <class \'object\'>)',
    '',
    '# Test for "true inheritance" >>> Mapping in type(c).__mro__ False',
    '',
    'Most programs do not use isinstance on their own classes.',
    '',
    '## The `namedtuple()` factory',
    '',
    'It builds tuple subclasses with named fields.',
    '',
    '# cd /tmp',
    '',
    'Then unpack the archive there.',
  ].join('\n');

  it('keeps code-like headings as code text, never in a breadcrumb', () => {
    const chunks = parse(md);
    expect(chunks.map((c) => c.breadcrumb)).toEqual([
      ['How can I check for inheritance?'],
      ['How can I check for inheritance?'],
      ['How can I check for inheritance?'],
      ['The namedtuple() factory'],
      ['The namedtuple() factory'],
      ['The namedtuple() factory'],
    ]);
    const code = chunks.filter((c) => c.kind === 'code').map((c) => c.text);
    expect(code).toEqual([
      "Actual inheritance chain >>> type(c).__mro__ (<class 'C'>, <class 'object'>)\nTest for \"true inheritance\" >>> Mapping in type(c).__mro__ False",
      'cd /tmp',
    ]);
  });

  it('keeps a real heading that names code as a heading', () => {
    const chunks = parse(md);
    expect(chunks.find((c) => c.text.startsWith('It builds'))?.breadcrumb).toEqual(['The namedtuple() factory']);
    expect(chunks.some((c) => c.text.includes('namedtuple() factory'))).toBe(false);
  });
});
