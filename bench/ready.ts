/**
 * Started as its own process by the benchmark: opens the knowledge base and prints how long after
 * process start it was ready to answer (including Node's and tsx's own start-up).
 */
import { ask } from '../src/answer/index.ts';
import { openKnowledgeBase } from '../src/search/index.ts';

const [knowledgeDir, cacheDir, mode] = process.argv.slice(2);
if (!knowledgeDir || !cacheDir) throw new Error('usage: ready.ts KNOWLEDGE_DIR CACHE_DIR [rebuild]');
const opened = await openKnowledgeBase({ knowledgeDir, cacheDir, rebuild: mode === 'rebuild' });
ask(opened.kb, 'ready');
process.stdout.write(`${JSON.stringify({ from: opened.from, ms: process.uptime() * 1000, rssBytes: process.memoryUsage().rss })}\n`);
