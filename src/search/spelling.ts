/**
 * British and American spellings of one word: "centre" and "center", "organisation" and
 * "organization", "colour" and "color". They are the same word, not synonyms, so a question in one
 * spelling finds material in the other as itself.
 */
const PAIRS: readonly [RegExp, string, RegExp, string][] = [
  // organise, organising, organisation ↔ organize…; analyse ↔ analyze
  [/^(\p{L}{3,})is(e|es|ed|ing|er|ers|ation|ations)$/u, '$1iz$2', /^(\p{L}{3,})iz(e|es|ed|ing|er|ers|ation|ations)$/u, '$1is$2'],
  [/^(\p{L}{2,})ys(e|es|ed|ing|er|ers)$/u, '$1yz$2', /^(\p{L}{2,})yz(e|es|ed|ing|er|ers)$/u, '$1ys$2'],
  // centre, theatre ↔ center, theater
  [/^(\p{L}{2,})tre(s|d)?$/u, '$1ter$2', /^(\p{L}{2,})ter(s|ed)?$/u, '$1tre$2'],
  // colour, behaviour, favourite ↔ color, behavior, favorite
  [/^(\p{L}{2,})our(s|ed|ing|ite|ites|able|ful)?$/u, '$1or$2', /^(\p{L}{2,})or(s|ed|ing|ite|ites|able|ful)?$/u, '$1our$2'],
  // dialogue, catalogue ↔ dialog, catalog
  [/^(\p{L}{2,})ogue(s)?$/u, '$1og$2', /^(\p{L}{2,})og(s)?$/u, '$1ogue$2'],
  // defence, licence ↔ defense, license
  [/^(\p{L}{2,})ence(s)?$/u, '$1ense$2', /^(\p{L}{2,})ense(s)?$/u, '$1ence$2'],
  // travelled, modelling ↔ traveled, modeling
  [/^(\p{L}{2,}[aeiou])ll(ed|ing|er|ers)$/u, '$1l$2', /^(\p{L}{2,}[aeiou])l(ed|ing|er|ers)$/u, '$1ll$2'],
  // programme ↔ program
  [/^(\p{L}{2,})amme(s)?$/u, '$1am$2', /^(\p{L}{2,})am(s)?$/u, '$1amme$2'],
];

/** The word in the other spelling, British or American, where it has one (lower case in, lower case out). */
export function spellingVariants(word: string): string[] {
  const out: string[] = [];
  for (const [british, american, americanForm, britishForm] of PAIRS) {
    if (british.test(word)) out.push(word.replace(british, american));
    if (americanForm.test(word)) out.push(word.replace(americanForm, britishForm));
  }
  return out.filter((v) => v !== word);
}
