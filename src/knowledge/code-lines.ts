/**
 * Markdown converted from other formats often flattens code blocks, and a shell comment or root
 * prompt (`# cd /tmp`) or a commented REPL line then starts with `#` and lexes as a heading. A
 * heading is a title: a code line read as one would name the sections after it. These are the
 * shapes a title does not take. Each is narrow on purpose, since real titles name code too
 * ("filehandle.appendFile(data[, options])", "git-stash(1)", "os.path — Common pathname
 * manipulations"); the caller leaves code spans out, so "The `x = 1` form" stays a title.
 */
/** An interactive prompt: Python's REPL anywhere, a shell prompt or comment marker at the start. */
const PROMPTS: readonly RegExp[] = [/>>>(?:\s|$)/, /^[$%#]\s/];

/** A word of prose: before an option ("the -DH switch") it makes the line a title's. */
const PROSE_WORD = '(?:the|a|an|and|or|of|to|in|on|with|for|by|is|as|at|from|not|no)\\s';

const CODE_SHAPES: readonly RegExp[] = [
  ...PROMPTS,
  // A command and its option or path: "find /usr/local -type f", "mount -t ceph", "cd /tmp".
  new RegExp(`^(?!${PROSE_WORD})[a-z][\\w.+-]*(?:\\s+(?!${PROSE_WORD})[\\w.:=-]+)?\\s+(?:--?[a-z][\\w-]*|-[A-Za-z]|~?\\.{0,2}/[\\w.<>~*-]+)(?:\\s|$)`),
  // An assignment spaced as code is, at the start of the line or after a comment's sentence:
  // "a2.user = u1", "Create a future. fut = loop.create_future()"; "DEBUG=True" is a title's.
  /(?:^|[.:]\s+)[a-z_][\w.[\]'"]*\s+(?:[-+*/%|&^]|\/\/|<<|>>)?=\s+[\w'"([{$-]/,
  // A name bound to a call anywhere in the line: the code after a flattened comment
  // ("create the session async_session = AsyncSession(engine, echo=False)").
  /\b[a-z_][\w.]*\s=\s[\w.]+\(/,
  // A call whose first argument is a call ("print(list(map(...)))"), or a lambda and its colon.
  /[a-z_]\w*\(\s*(?:[a-z_][\w.]*)?\(|\blambda\b[^:]*:/,
  // A comment marker inside the line, where flattening joined two code lines; an awaited or
  // returned call ("Wait for 1 second await asyncio.sleep(1)").
  /\s#\s+\S|(?:^|\s)(?:await|return)\s+[\w.]+[([]/,
  // A call given a string, after a comment's words: the code after a flattened comment
  // ("All 'neighbor' nodes … root.findall(".//neighbor[2]")"). A title names such a call bare
  // ("readable.push('')", "DEP0160: process.on('multipleResolves', handler)").
  /(?:^|\s)(?:[A-Za-z'"-]+:?\s+){2}[a-z][\w.]*\(\s*f?["']/,
  // A Python import: "from xml.etree import ElementTree".
  /^from\s+[\w.]+\s+import\s+[\w*(]/,
  // A statement's end or plumbing: a terminating semicolon, a pipe, a redirection, a chain.
  /[)\]}'"\w];\s*$|^\};?$|\s\|\s+[a-z]|\s\d?>>?\s*[\w/&$]|\s&&\s/,
];

/** Whether a heading's text (code spans left out) reads as a line of code or a shell or REPL line. */
export function readsAsCode(text: string): boolean {
  const line = text.trim();
  if (line === '') return false;
  // A question names code in prose; only a prompt makes it a code line.
  const shapes = line.endsWith('?') ? PROMPTS : CODE_SHAPES;
  return shapes.some((shape) => shape.test(line));
}

/** A sentence of prose: it opens with a capitalised word and ends as a sentence does. */
const PROSE_SENTENCE = /^[A-Z][a-z]+\s[\s\S]*[.!?][”"’')\]]*$/;

/**
 * Whether a paragraph reads as code: as a code line does, unless it reads as a sentence. Prose
 * about code takes code's shapes ("rotating one step is equivalent to d.appendleft(d.pop())",
 * "x < y > z is legal") and is still prose.
 */
export function paragraphReadsAsCode(text: string): boolean {
  return readsAsCode(text) && !PROSE_SENTENCE.test(text.trim());
}
