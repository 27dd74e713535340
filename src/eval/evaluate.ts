import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { ask } from '../answer/index.ts';
import type { KnowledgeBase } from '../search/index.ts';

export const questionSchema = z.object({
  question: z.string(),
  /** Paragraph numbers that answer, best first; 0 is the credit; empty when out of scope. */
  expected: z.array(z.number().int().min(0)),
  kind: z.string().optional(),
  note: z.string().optional(),
  /** Document slug, when the set spans several documents; else any document matches. */
  document: z.string().optional(),
});
export type EvalQuestion = z.infer<typeof questionSchema>;

export interface EvalOutcome {
  question: EvalQuestion;
  answered: boolean;
  /** 1-based rank of the first expected paragraph among the results, or null. */
  rank: number | null;
  top: string[];
}

export interface EvalReport {
  inScope: number;
  outOfScope: number;
  top1: number;
  top3: number;
  mrr: number;
  /** In-scope questions the engine declined. */
  wrongRefusals: number;
  /** Out-of-scope questions the engine declined. */
  correctRefusals: number;
  outcomes: EvalOutcome[];
}

export async function readQuestions(file: string): Promise<EvalQuestion[]> {
  return z.array(questionSchema).parse(JSON.parse(await readFile(file, 'utf8')));
}

/** Ranks are taken over ask's passages, as `ask --json` lists them. */
export function evaluate(kb: KnowledgeBase, questions: readonly EvalQuestion[], depth = 5): EvalReport {
  const outcomes: EvalOutcome[] = questions.map((question) => {
    const result = ask(kb, question.question, { passages: depth });
    const ranked = result.passages.map((p) => p.chunk);
    const index = ranked.findIndex(
      (c) => question.expected.includes(c.paragraph) && (!question.document || c.document === question.document),
    );
    return { question, answered: result.answered, rank: result.answered && index >= 0 ? index + 1 : null, top: ranked.slice(0, 3).map((c) => c.id) };
  });
  const inScope = outcomes.filter((o) => o.question.expected.length > 0);
  const outOfScope = outcomes.filter((o) => o.question.expected.length === 0);
  const share = (n: number, of: number) => (of === 0 ? 0 : n / of);
  return {
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    top1: share(inScope.filter((o) => o.rank === 1).length, inScope.length),
    top3: share(inScope.filter((o) => o.rank !== null && o.rank <= 3).length, inScope.length),
    mrr: share(inScope.reduce((s, o) => s + (o.rank ? 1 / o.rank : 0), 0), inScope.length),
    wrongRefusals: inScope.filter((o) => !o.answered).length,
    correctRefusals: outOfScope.filter((o) => !o.answered).length,
    outcomes,
  };
}

export function formatReport(r: EvalReport): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const lines = [
    `questions        ${r.inScope} in scope, ${r.outOfScope} out of scope`,
    `top-1            ${pct(r.top1)}`,
    `top-3            ${pct(r.top3)}`,
    `MRR              ${r.mrr.toFixed(3)}`,
    `wrong refusals   ${r.wrongRefusals} of ${r.inScope} in-scope questions declined`,
    `correct refusals ${r.correctRefusals} of ${r.outOfScope} out-of-scope questions declined`,
  ];
  const misses = r.outcomes.filter((o) => (o.question.expected.length > 0 ? o.rank !== 1 : o.answered));
  if (misses.length > 0) {
    lines.push('', 'Misses:');
    for (const o of misses) {
      const why = o.question.expected.length === 0 ? 'answered, should decline' : !o.answered ? 'declined' : `rank ${o.rank ?? '-'}`;
      lines.push(`  ${why.padEnd(24)} ${JSON.stringify(o.question.question)} expected ¶${o.question.expected.join('/') || '-'} got ${o.top.join(', ') || '-'}`);
    }
  }
  return lines.join('\n');
}
