import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A third of each set is kept aside: no tuning looks at it, and the README reports it apart. */
export const SPLITS = ['tune', 'held-out'] as const;
export type Split = (typeof SPLITS)[number];

/** In-scope kinds of the article set: how the question is worded. */
export const IN_SCOPE_KINDS = ['literal', 'paraphrase', 'misspelt', 'keyword', 'chat'] as const;
/** Out-of-scope kinds: unrelated, naming the article's things without being answered by it, or not a question. */
export const OUT_OF_SCOPE_KINDS = ['foreign', 'trap', 'task'] as const;

const split = z.enum(SPLITS);

/** A question about one folder whose answer is a paragraph (the article set). */
export const paragraphQuestionSchema = z.object({
  question: z.string(),
  /** Paragraph numbers that answer, best first; 0 is the credit; empty when out of scope. */
  expected: z.array(z.number().int().min(0)),
  kind: z.enum([...IN_SCOPE_KINDS, ...OUT_OF_SCOPE_KINDS]),
  split,
  note: z.string().optional(),
  /** Document id, when the set spans several documents; else any document matches. */
  document: z.string().optional(),
});
export type ParagraphQuestion = z.infer<typeof paragraphQuestionSchema>;

/** A question about a large folder whose answer is a page (the team-scale set). */
export const pageQuestionSchema = z.object({
  question: z.string(),
  /** Document ids of the pages that answer, best first. */
  expected: z.array(z.string()).min(1),
  package: z.string(),
  /** `own`: worded without the page's title words or identifiers; `title`: with them. */
  wording: z.enum(['own', 'title']),
  split,
  note: z.string().optional(),
});
export type PageQuestion = z.infer<typeof pageQuestionSchema>;

async function readSet<T>(file: string, schema: z.ZodType<T>): Promise<T[]> {
  const parsed = z.array(schema).safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file} is not a valid question set: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const readParagraphQuestions = (file: string) => readSet(file, paragraphQuestionSchema);
export const readPageQuestions = (file: string) => readSet(file, pageQuestionSchema);

export const inScope = (q: ParagraphQuestion) => q.expected.length > 0;

/**
 * A question asked of the same material in two formats (parity): the Python documentation as
 * HTML and as Markdown, `expected` naming the pages that answer.
 */
export const pageParityQuestionSchema = z.object({
  question: z.string(),
  /** Document ids of the pages that answer, best first (the same in both formats). */
  expected: z.array(z.string()).min(1),
});
export type PageParityQuestion = z.infer<typeof pageParityQuestionSchema>;

/** A question asked of the Debian Policy Manual as HTML and as PDF: the section that answers. */
export const sectionParityQuestionSchema = z.object({
  question: z.string(),
  /** The section's number ("7.2"); empty for an appendix whose sections are not numbered. */
  section: z.string(),
  /** The HTML page holding it. */
  page: z.string(),
});
export type SectionParityQuestion = z.infer<typeof sectionParityQuestionSchema>;

export const readPageParityQuestions = (file: string) => readSet(file, pageParityQuestionSchema);
export const readSectionParityQuestions = (file: string) => readSet(file, sectionParityQuestionSchema);
