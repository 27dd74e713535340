import { join, resolve } from 'node:path';
import { listKnowledgeFiles, loadKnowledge, type KnowledgeFile } from '../knowledge/index.ts';
import { PROJECT_ROOT } from '../paths.ts';
import { buildKnowledgeBase, fingerprintFiles, type KnowledgeBase } from '../search/index.ts';
import { formatParity, pageParity, sectionParity } from './parity.ts';
import { readPageParityQuestions, readSectionParityQuestions } from './sets.ts';

/** A knowledge base of the files of `dir` that `keep` accepts: one format of a folder that holds several. */
async function kbOf(dir: string, keep: (file: KnowledgeFile) => boolean): Promise<KnowledgeBase> {
  const listing = await listKnowledgeFiles(dir);
  const files = listing.files.filter(keep);
  const loaded = await loadKnowledge(dir, { listing: { files, skipped: [] } });
  return buildKnowledgeBase(dir, loaded, fingerprintFiles(files));
}

const withoutExtension = (path: string) => path.replace(/\.[^./]+$/, '');

/** Both parity sets on the shared corpora, as Markdown lines. */
export async function runParity(corpora: string): Promise<string[]> {
  const pythonHtml = join(corpora, 'formats/python-html');
  const htmlPages = new Set((await listKnowledgeFiles(pythonHtml)).files.map((f) => withoutExtension(f.path)));
  const [html, markdown] = [
    await kbOf(pythonHtml, (f) => f.path.endsWith('.html')),
    // The Markdown twin holds more of the manual; only the pages the HTML has are compared.
    await kbOf(join(corpora, 'debian-docs/python'), (f) => htmlPages.has(withoutExtension(f.path))),
  ];
  const policy = join(corpora, 'formats/debian-policy');
  const policyHtml = await kbOf(policy, (f) => f.path.startsWith('html/') && !/(?:^|\/)(?:genindex|search|index)\.html$/.test(f.path));
  const policyPdf = await kbOf(policy, (f) => f.path === 'policy.pdf');

  const pythonSet = resolve(PROJECT_ROOT, 'tests/eval/parity-python.json');
  const policySet = resolve(PROJECT_ROOT, 'tests/eval/parity-policy.json');
  return [
    '# Parity: the same questions, the same material, two formats',
    '',
    ...formatParity(`Python 3.11 documentation: HTML (${html.documents.length} pages) and Markdown (${markdown.documents.length})`, ['HTML', 'Markdown'], pageParity(html, markdown, await readPageParityQuestions(pythonSet)), 'page', true),
    '',
    ...formatParity(`Debian Policy Manual: HTML (${policyHtml.documents.length} pages) and PDF (${policyPdf.chunks.size} paragraphs)`, ['HTML', 'PDF'], sectionParity(policyHtml, policyPdf, await readSectionParityQuestions(policySet)), 'section', true),
  ];
}
