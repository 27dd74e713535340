import { fileKind } from './file-kinds.ts';
import { slugFromPath } from './files.ts';
import type { LoadedKnowledge } from './load.ts';

export interface Finding {
  level: 'error' | 'warning';
  path: string;
  message: string;
}

/** Where each format can say where it lives on the web. */
const WHERE_URL: Record<NonNullable<ReturnType<typeof fileKind>>, string> = {
  markdown: 'in front matter',
  text: 'in front matter',
  html: 'in <link rel="canonical"> or <meta property="og:url">',
  pdf: 'in its metadata',
};

/**
 * What a person should fix in a knowledge folder, as the loader sees it. Errors are files that
 * will not be indexed; warnings are documents that index but cite poorly.
 */
export function checkKnowledge(loaded: LoadedKnowledge): Finding[] {
  const findings: Finding[] = loaded.skipped.map((s) => ({ level: 'error', path: s.path, message: `skipped: ${s.reason}` }));
  const byTitle = new Map<string, string[]>();
  for (const doc of loaded.documents) {
    const paths = byTitle.get(doc.title.toLowerCase()) ?? [];
    paths.push(doc.path);
    byTitle.set(doc.title.toLowerCase(), paths);
    if (!doc.url) findings.push({ level: 'warning', path: doc.path, message: `no source URL ${WHERE_URL[fileKind(doc.path) ?? 'markdown']} (citations will not link)` });
    if (doc.id !== slugFromPath(doc.path)) {
      findings.push({ level: 'warning', path: doc.path, message: `its id "${slugFromPath(doc.path)}" is taken by another file; cited as "${doc.id}"` });
    }
  }
  for (const doc of loaded.documents) {
    const same = byTitle.get(doc.title.toLowerCase()) ?? [];
    if (same.length > 1) {
      findings.push({ level: 'warning', path: doc.path, message: `title "${doc.title}" is also used by ${same.filter((p) => p !== doc.path).join(', ')}` });
    }
  }
  return findings.sort((a, b) => (a.level === b.level ? a.path.localeCompare(b.path) : a.level === 'error' ? -1 : 1));
}
