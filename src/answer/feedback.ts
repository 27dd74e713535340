import type { Chunk } from '../knowledge/index.ts';
import { idf, normalizeWord, planQuery, type Hit, type KnowledgeBase, type PlannedWord, type QueryPlan } from '../search/index.ts';
import { damerau, maxEditDistance } from '../search/plan.ts';
import { ASK_DEFAULTS, FEEDBACK_DEFAULTS, JUDGE_DEFAULTS, type FeedbackOptions } from './options.ts';
import { likeness, questionFeatures, type QuestionFeatures } from './question-groups.ts';

/**
 * Learning from votes. The engine knows nothing of where votes are kept: it is handed, for each
 * wording of a question and the paragraph its answer cited, how many people found it helpful or
 * not. A pair enough people (or an admin) voted helpful is *learned*: the question's words count
 * as the paragraph's, so a rewording of it finds that paragraph and the judge finds its subject
 * there. A pair voted down is *blocked*: that paragraph is not offered for that question or its
 * near-duplicates again.
 *
 * A Feedback belongs to one knowledge base: votes on paragraphs it no longer has are ignored, and
 * a reload should build a new one.
 */

/** Votes on one wording of a question answered from one paragraph, counted by distinct voters. */
export interface AnswerVotes {
  question: string;
  chunkId: string;
  helpful: number;
  unhelpful: number;
  /** Of those, votes by people who could manage the server. */
  adminHelpful: number;
  adminUnhelpful: number;
}

export type VoteVerdict = 'learned' | 'blocked' | null;

/**
 * What a pair's votes decide. An admin answers for the material, so one admin's vote decides, and
 * an admin's 👎 outweighs any 👍; without one, a crowd must agree and outnumber its dissent.
 */
export function verdictOf(votes: AnswerVotes, options: FeedbackOptions = FEEDBACK_DEFAULTS): VoteVerdict {
  if (votes.adminUnhelpful >= options.adminVotes) return 'blocked';
  if (votes.adminHelpful >= options.adminVotes) return 'learned';
  if (votes.helpful >= options.helpfulVoters && votes.helpful > votes.unhelpful) return 'learned';
  if (votes.unhelpful >= options.unhelpfulVoters && votes.unhelpful > votes.helpful) return 'blocked';
  return null;
}

/** A question's words as matching reads them: its subject, and every stem it can be found by. */
interface Wording {
  subject: PlannedWord[];
  /** Each word's own stem (or spelling) and the material's terms the plan searched for it. */
  stems: Set<string>;
  /** Spellings of the words the material does not use, for slips against a learned question's own words. */
  unknown: string[];
}

function wordingOf(plan: QueryPlan): Wording {
  const content = plan.planned.filter((w) => !w.asking);
  const subject = content.length > 0 ? content : plan.planned;
  const stems = new Set<string>();
  for (const w of plan.planned) {
    stems.add(w.key);
    for (const t of w.terms) stems.add(t.term);
  }
  return { subject, stems, unknown: plan.planned.filter((w) => w.match === 'none').map((w) => normalizeWord(w.word)) };
}

const MATCH_CREDIT: Record<PlannedWord['match'], number> = {
  exact: 1,
  synonym: JUDGE_DEFAULTS.synonymCredit,
  fuzzy: JUDGE_DEFAULTS.fuzzyCredit,
  prefix: JUDGE_DEFAULTS.prefixCredit,
  none: 0,
};

/** How much of a word the other wording holds: the word itself, a term the plan found it by, or a slip of one of its unknown words. */
function creditIn(word: PlannedWord, other: Wording): number {
  if (other.stems.has(word.key)) return 1;
  if (word.terms.some((t) => other.stems.has(t.term))) return MATCH_CREDIT[word.match];
  const normal = normalizeWord(word.word);
  const max = maxEditDistance(normal.length);
  if (max > 0 && other.unknown.some((u) => u[0] === normal[0] && damerau(u, normal) <= max)) return JUDGE_DEFAULTS.fuzzyCredit;
  return 0;
}

/** Share of `from`'s subject (by idf) that `to` holds. */
function shareHeld(from: Wording, to: Wording): number {
  let total = 0;
  let held = 0;
  for (const w of from.subject) {
    const weight = w.name && w.match === 'none' ? w.weight * JUDGE_DEFAULTS.unknownNameFactor : w.weight;
    total += weight;
    held += weight * creditIn(w, to);
  }
  return total === 0 ? 0 : held / total;
}

/**
 * The names a question gives, read from its wording as well as its plan: the plan drops a short
 * name it cannot place ("UK"), which must still keep "the UK plan" from the learned "the US plan".
 */
function namesIn(question: string, plan: QueryPlan): Set<string> {
  const names = questionFeatures(question).names;
  for (const w of plan.planned) if (w.name) names.add(w.key);
  return names;
}

interface LearnedPair {
  question: string;
  chunk: Chunk;
  plan: QueryPlan;
  wording: Wording;
  names: Set<string>;
}

interface BlockedPair {
  question: string;
  chunkId: string;
  features: QuestionFeatures;
}

/** A learned pair a new question matches. */
export interface LearnedMatch {
  /** The question people voted helpful. */
  question: string;
  chunk: Chunk;
  /** How well the new question matches it, 0..1 (the smaller of the two directions' shares). */
  match: number;
  /** The learned question's search terms: its answer is quoted by them as well as by the new question's. */
  terms: ReadonlyMap<string, number>;
  /** Stems that count as the paragraph's own for the judge: the learned question's words. */
  stems: ReadonlySet<string>;
}

/** A hit, possibly placed by what was learned. */
export interface RankedHit {
  chunk: Chunk;
  score: number;
  learned?: LearnedMatch;
}

export class Feedback {
  readonly #kb: KnowledgeBase;
  readonly #options: FeedbackOptions;
  readonly #learned: LearnedPair[];
  /** Stem → learned pairs whose question holds it: candidates for a new question. */
  readonly #byStem = new Map<string, number[]>();
  readonly #blocked: Map<string, BlockedPair[]>;
  /** Pairs learned: what people agreed a paragraph answers. */
  readonly learned: number;
  /** Pairs blocked: answers withheld from a question. */
  readonly blocked: number;

  private constructor(kb: KnowledgeBase, options: FeedbackOptions, learned: LearnedPair[], blocked: BlockedPair[]) {
    this.#kb = kb;
    this.#options = options;
    this.#learned = learned;
    learned.forEach((pair, i) => {
      for (const stem of pair.wording.stems) {
        const list = this.#byStem.get(stem);
        if (list) list.push(i);
        else this.#byStem.set(stem, [i]);
      }
    });
    this.#blocked = new Map();
    for (const pair of blocked) {
      const list = this.#blocked.get(pair.chunkId);
      if (list) list.push(pair);
      else this.#blocked.set(pair.chunkId, [pair]);
    }
    this.learned = learned.length;
    this.blocked = blocked.length;
  }

  /** What `votes` teach about `kb`; pairs whose paragraph `kb` no longer has are left out. */
  static from(kb: KnowledgeBase, votes: readonly AnswerVotes[], options: Partial<FeedbackOptions> = {}): Feedback {
    const opts: FeedbackOptions = { ...FEEDBACK_DEFAULTS, ...options };
    const learned: LearnedPair[] = [];
    const blocked: BlockedPair[] = [];
    for (const v of votes) {
      const chunk = kb.chunks.get(v.chunkId);
      const verdict = verdictOf(v, opts);
      if (!chunk || verdict === null) continue;
      if (verdict === 'blocked') {
        blocked.push({ question: v.question, chunkId: v.chunkId, features: questionFeatures(v.question) });
        continue;
      }
      const plan = planQuery(v.question.slice(0, ASK_DEFAULTS.maxQuestionChars), kb.vocabulary);
      if (plan.planned.length > 0) learned.push({ question: v.question, chunk, plan, wording: wordingOf(plan), names: namesIn(v.question, plan) });
    }
    return new Feedback(kb, opts, learned, blocked);
  }

  /**
   * The learned pairs a question matches strongly in both directions, best first, one per
   * paragraph. Every name the question gives must be in the learned question: a learned "What did
   * the US unveil?" says nothing of what China unveiled.
   */
  matches(question: string, plan: QueryPlan): LearnedMatch[] {
    const asked = wordingOf(plan);
    const names = namesIn(question, plan);
    const candidates = new Set<number>();
    for (const stem of asked.stems) for (const i of this.#byStem.get(stem) ?? []) candidates.add(i);
    const best = new Map<Chunk, LearnedMatch>();
    for (const i of [...candidates].sort((a, b) => a - b)) {
      const pair = this.#learned[i]!;
      if ([...names].some((n) => !pair.wording.stems.has(n) && !pair.names.has(n))) continue;
      const forward = shareHeld(asked, pair.wording);
      const reverse = shareHeld(pair.wording, asked);
      if (forward < this.#options.minMatch || reverse < this.#options.minReverseMatch) continue;
      const match = Math.min(forward, reverse);
      const seen = best.get(pair.chunk);
      if (!seen || match > seen.match) best.set(pair.chunk, { question: pair.question, chunk: pair.chunk, match, terms: pair.plan.terms, stems: pair.wording.stems });
    }
    return [...best.values()].sort((a, b) => b.match - a.match);
  }

  /** Whether the paragraph was voted down for this question, or for one that means the same. */
  blocks(question: string, chunkId: string): boolean {
    return this.#blocks(questionFeatures(question), chunkId);
  }

  #blocks(features: QuestionFeatures, chunkId: string): boolean {
    const pairs = this.#blocked.get(chunkId);
    if (!pairs) return false;
    // The material's idf: a question alone has no set of questions to weigh its words against.
    const weight = (term: string) => idf(this.#kb.vocabulary, term);
    return pairs.some((p) => p.features.key === features.key || likeness(features, p.features, weight) >= this.#options.blockLikeness);
  }

  /**
   * The search's hits with what was learned and withheld applied: learned paragraphs the
   * question matches go first, by how well it matches them, far enough ahead that the paragraph
   * the words alone found is not quoted beside them; blocked paragraphs are dropped.
   */
  rank(question: string, plan: QueryPlan, hits: readonly Hit[], document?: string): RankedHit[] {
    const learned = this.matches(question, plan).filter((m) => !document || m.chunk.document === document);
    const top = hits[0]?.score ?? 1;
    const bestMatch = learned[0]?.match ?? 1;
    const placed: RankedHit[] = learned.map((m) => ({ chunk: m.chunk, score: top * this.#options.learnedLead * (m.match / bestMatch), learned: m }));
    const taken = new Set(placed.map((h) => h.chunk));
    const rest: RankedHit[] = hits.filter((h) => !taken.has(h.chunk)).map((h) => ({ chunk: h.chunk, score: h.score }));
    if (this.#blocked.size === 0) return [...placed, ...rest];
    const features = questionFeatures(question);
    return [...placed, ...rest].filter((h) => !this.#blocks(features, h.chunk.id));
  }
}
