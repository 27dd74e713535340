/** What counts as knowledge: the loader lists these files, the watcher wakes for them, the parser reads Markdown's markup. */
const KNOWLEDGE_FILE = /\.(md|markdown|txt)$/i;
const MARKDOWN_FILE = /\.(md|markdown)$/i;

export function isKnowledgeFile(path: string): boolean {
  return KNOWLEDGE_FILE.test(path);
}

export function isMarkdownFile(path: string): boolean {
  return MARKDOWN_FILE.test(path);
}
