export { openKnowledgeBase, type Opened, type OpenOptions } from './open.ts';
export { buildKnowledgeBase, type KnowledgeBase } from './knowledge-base.ts';
export { cacheFileFor, fingerprintFiles, INDEX_FORMAT_VERSION, loadIndex, saveIndex } from './cache.ts';
export { planQuery, type PlannedWord, type QueryPlan, type PlanOptions } from './plan.ts';
export { runQuery, type Hit } from './query.ts';
export { idf, type Vocabulary } from './vocabulary.ts';
export { termOf, words, type Word } from './text.ts';
export type { Topic } from './topics.ts';
