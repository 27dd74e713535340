/**
 * What counts as knowledge, and how each kind is read: the loader lists these files, the watcher
 * wakes for them, the parser picks its reader by them. The one place that knows extensions.
 */
export type FileKind = 'markdown' | 'text' | 'html' | 'pdf';

const KINDS: readonly [RegExp, FileKind][] = [
  [/\.(md|markdown)$/i, 'markdown'],
  [/\.txt$/i, 'text'],
  [/\.html?$/i, 'html'],
  [/\.pdf$/i, 'pdf'],
];

/** The extensions the loader reads, for messages to people. */
export const KNOWLEDGE_EXTENSIONS = ['.md', '.markdown', '.txt', '.html', '.htm', '.pdf'] as const;

export function fileKind(path: string): FileKind | null {
  for (const [pattern, kind] of KINDS) if (pattern.test(path)) return kind;
  return null;
}

export function isKnowledgeFile(path: string): boolean {
  return fileKind(path) !== null;
}

export function isMarkdownFile(path: string): boolean {
  return fileKind(path) === 'markdown';
}
