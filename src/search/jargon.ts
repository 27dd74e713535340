import { normalizeWord, termOf, words } from './text.ts';

/**
 * Programmers name one thing in several ways that a general thesaurus does not join: a change is
 * "backed out", "reverted" or "undone"; a stream is "compressed" or "gzipped"; a process is
 * "spawned", "exec'd" or "run as a subprocess". WordNet (synonyms.ts) only bridges a word the
 * material lacks, and has none of these senses, so a question in a newcomer's words misses the
 * page named in the expert's. Each group below is a set of expressions that a programmer would
 * read as the same request; a query holding one of them also searches the others' words.
 *
 * The groups are general vocabulary of software, systems and databases, not the titles of any
 * one folder's pages. They only add terms (at a reduced weight, RankingOptions.jargonWeight),
 * never replace the question's own words, and only terms the folder has.
 */
export const JARGON: readonly (readonly string[])[] = [
  // Version control.
  ['revert', 'undo', 'back out', 'roll back', 'rollback'],
  ['stash', 'save away', 'shelve', 'set aside'],
  ['blame', 'annotate', 'who changed', 'who last changed', 'who wrote'],
  ['bisect', 'binary search', 'find the commit that introduced'],
  ['reflog', 'lost commit', 'lost commits', 'recover commits'],
  ['cherry pick', 'cherry-pick', 'apply a single commit'],
  ['squash', 'combine commits', 'fixup'],
  ['submodule', 'subtree', 'nested repository', 'nested repositories'],
  // Processes, shells and the terminal.
  ['spawn', 'exec', 'subprocess', 'child process', 'external command', 'shell command', 'run a command'],
  ['sudo', 'superuser', 'as root', 'root privileges', 'admin rights', 'administrator'],
  ['cron', 'crontab', 'scheduled job', 'nightly job', 'periodic task'],
  ['environment variable', 'env var', 'envvar'],
  ['garbled', 'garbage characters', 'reset the terminal'],
  ['one liner', 'one-liner', 'oneliner'],
  ['in place', 'in-place', 'inplace'],
  // Performance and debugging.
  ['profile', 'profiler', 'profiling', 'time spent', 'spend time', 'hot spots', 'bottleneck'],
  ['cache', 'memoize', 'memoise', 'memoization', 'lru cache'],
  ['stack trace', 'backtrace', 'traceback', 'call stack'],
  ['segfault', 'segmentation fault', 'sigsegv', 'core dump'],
  ['memory leak', 'memory growth', 'allocation', 'allocations'],
  ['race condition', 'atomic', 'atomically'],
  ['multithreaded', 'threads', 'threading', 'gil', 'global interpreter lock', 'multiprocessing', 'parallelism'],
  // Data, formats and text.
  ['compress', 'compression', 'gzip', 'deflate', 'zlib'],
  ['decompress', 'uncompress', 'gunzip', 'inflate'],
  ['csv', 'comma separated', 'comma-separated', 'spreadsheet'],
  ['regular expression', 'regex', 'regexp', 'pattern matching'],
  ['digest', 'checksum', 'hash function'],
  ['line ending', 'line endings', 'crlf', 'carriage return', 'dos2unix'],
  ['serialize', 'serialise', 'marshal', 'pickle', 'dump'],
  ['encoding', 'charset', 'character set', 'unicode', 'utf-8'],
  ['floating point', 'rounding error', 'decimal precision'],
  ['random token', 'unguessable', 'unpredictable', 'cryptographically secure', 'secure random'],
  ['line by line', 'one line at a time', 'readline'],
  // Networking.
  ['hostname', 'host name', 'domain name', 'dns', 'name resolution', 'getaddrinfo'],
  ['mtu', 'packet size', 'maximum transmission unit', 'path mtu'],
  ['listen address', 'listen addresses', 'bind address', 'listen_addresses'],
  ['port forwarding', 'tunnel', 'tunnelling', 'tunneling'],
  // Databases.
  ['auto increment', 'auto-increment', 'autoincrement', 'serial', 'identity column', 'sequence'],
  ['partition', 'partitioning', 'sharding', 'shard'],
  ['row level security', 'row-level security', 'row security', 'multi tenant', 'multi-tenant', 'tenant'],
  ['notify', 'listen', 'pubsub', 'publish subscribe', 'polling'],
  ['fixture', 'fixtures', 'initial data', 'seed data', 'preload'],
  ['migration', 'migrations', 'migrate', 'schema change'],
  ['many to many', 'many-to-many', 'association table'],
  ['one to many', 'one-to-many', 'foreign key'],
  ['cascade', 'cascading delete', 'on delete'],
  ['point in time recovery', 'point-in-time recovery', 'pitr', 'wal archiving'],
  // Deploying and packaging.
  ['deploy', 'deployment', 'go live', 'put live', 'production'],
  ['virtual environment', 'virtualenv', 'venv', 'isolated environment'],
  ['context manager', 'with statement', 'setup and teardown', 'set up and tear down'],
  // Hardware and the kernel.
  ['brightness', 'backlight'],
];

/** Stop words a phrase may skip in the query: "back it out" is "back out". */
const MAX_GAP = 3;

interface Member {
  /** The expression's words, normalised, and the index term of each (null for a stop word). */
  words: string[];
  stems: (string | null)[];
  /** Its index terms. */
  terms: string[];
}

export interface Jargon {
  groups: readonly (readonly Member[])[];
  /** Group numbers by the first word of one of their expressions (its stem, or the word itself). */
  byFirst: ReadonlyMap<string, number[]>;
}

/** The table in matchable form: words and their stems, once per process. */
export function compileJargon(groups: readonly (readonly string[])[] = JARGON): Jargon {
  const byFirst = new Map<string, number[]>();
  const compiled = groups.map((group, g) =>
    group.map((expression) => {
      const ws = words(expression).map((w) => normalizeWord(w.text));
      const stems = words(expression).map((w) => termOf(w.text));
      const key = stems[0] ?? ws[0];
      if (key !== undefined) {
        const list = byFirst.get(key) ?? [];
        if (!list.includes(g)) list.push(g);
        byFirst.set(key, list);
      }
      return { words: ws, stems, terms: stems.filter((t): t is string => t !== null) };
    }),
  );
  return { groups: compiled, byFirst };
}

/** Whether `m` occurs in the query at `start`, its words in order with at most MAX_GAP stop words between. */
function occursAt(m: Member, sequence: readonly string[], stems: readonly (string | null)[], start: number): boolean {
  const same = (i: number, at: number) => m.words[i] === sequence[at] || (m.stems[i] !== null && m.stems[i] === stems[at]);
  if (!same(0, start)) return false;
  let at = start;
  for (let i = 1; i < m.words.length; i++) {
    let next = at + 1;
    while (next < sequence.length && next - at - 1 < MAX_GAP && !same(i, next) && stems[next] === null) next++;
    if (next >= sequence.length || !same(i, next)) return false;
    at = next;
  }
  return true;
}

let compiled: Jargon | null = null;

/**
 * The terms that `sequence` (a query's words in order, normalised) reaches through the table:
 * every term of every other expression of each group one of its expressions occurs in, that
 * `known` accepts and the query does not already hold.
 */
export function jargonTerms(sequence: readonly string[], known: (term: string) => boolean, table: Jargon = (compiled ??= compileJargon())): string[] {
  const stems = sequence.map((w) => termOf(w));
  const own = new Set(stems.filter((t): t is string => t !== null));
  const out = new Set<string>();
  const done = new Set<number>();
  for (let start = 0; start < sequence.length; start++) {
    for (const key of new Set([stems[start] ?? sequence[start]!, sequence[start]!])) {
      for (const g of table.byFirst.get(key) ?? []) {
        if (done.has(g)) continue;
        const group = table.groups[g]!;
        const matched = group.filter((m) => m.terms.length > 0 && occursAt(m, sequence, stems, start));
        if (matched.length === 0) continue;
        done.add(g);
        for (const member of group) {
          if (matched.includes(member)) continue;
          for (const term of member.terms) if (!own.has(term) && known(term)) out.add(term);
        }
      }
    }
  }
  return [...out];
}
