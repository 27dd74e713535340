export const USAGE = `Footnote — cited answers from your documents

Usage:
  npm run ask -- "<question>" [--json] [--document D]
  npm run ask -- --batch FILE --json          one JSON object per line of FILE ("-" for stdin)
  npm run search -- "<query>" [--document D] [--limit N] [--offset N] [--json]
  npm run summary -- [--topic T] [--document D] [--sentences N] [--json]
  npm run source -- <citation-id> [--json]     e.g. china-ai-governance#p2
  npm run index -- [--rebuild]                 build or load the index and report on it
  npm run check-knowledge                      what the loader skips or cites poorly; exits 1 on errors
  npm run questions -- [--since 7d] [--declined|--unhelpful|--all] [--json|--csv]
                                               the question log's to-do list: declined and down-voted
                                               questions, similar wordings grouped (default: both, 7d)

Every command takes --knowledge DIR (default: knowledge/, or KNOWLEDGE_DIR).
Logs go to stderr; --json output is the only thing on stdout.`;

export class UsageError extends Error {
  override name = 'UsageError';
}
