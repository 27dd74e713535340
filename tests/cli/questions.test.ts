// `npm run questions`: the question log's to-do list offline, read from the same SQLite file the
// bot writes (seeded here through the store itself).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openQuestionStore, type QuestionRecord, type QuestionStore } from '../../src/store/index.ts';
import { cli } from '../helpers/cli.ts';
import { tempDir } from '../helpers/folders.ts';

const DAY = 24 * 60 * 60_000;
const NOW = Date.now();

let data: { dir: string; cleanup: () => Promise<void> };
let env: NodeJS.ProcessEnv;

function asked(id: string, question: string, daysAgo: number, answered: boolean, citations: string[] = []): QuestionRecord {
  return { id, askedAt: NOW - daysAgo * DAY, guildId: '1', channelId: '2', userId: `user-${id}`, via: 'command', question, answered, reason: answered ? null : 'unknown-name', citations };
}

beforeAll(async () => {
  data = await tempDir('footnote-questions-cli-');
  env = { FOOTNOTE_DATA_DIR: data.dir };
  const store: QuestionStore = await openQuestionStore({ databaseUrl: null, dataDir: data.dir });
  await store.migrate();
  await store.recordQuestions([
    asked('a1', 'What is the population of Shanghai?', 1, false),
    asked('a2', 'what is the population of shanghai', 2, false),
    asked('a3', 'How many people live in Shanghai?', 3, false),
    asked('b1', 'Who keeps the rota?', 1, true, ['handbook#p4']),
    asked('c1', 'When does the rota change?', 2, true, ['handbook#p3']),
    asked('d1', 'What is the capital of France, "really"?', 20, false),
  ]);
  await store.vote({ answerId: 'c1', userId: 'voter', value: -1, admin: false, at: NOW });
  await store.close();
});
afterAll(async () => data?.cleanup());

describe('npm run questions', () => {
  it('--json prints one object per group, in the contract, the most declined first', async () => {
    const { code, stdout } = await cli(['questions', '--json'], env);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(Object.keys(lines[0] ?? {})).toEqual(['question', 'variants', 'count', 'answered', 'declined', 'helpful', 'unhelpful', 'citations', 'last_asked']);
    expect(lines[0]).toMatchObject({ count: 3, declined: 3, answered: 0, variants: ['How many people live in Shanghai?'] });
    expect(lines[0]?.['last_asked']).toBe(new Date(NOW - DAY).toISOString());
    // The voted-down answer is on the list; the answered question nobody voted down is not, nor one older than 7 days.
    expect(lines.map((l) => l['question'])).toEqual([lines[0]?.['question'], 'When does the rota change?']);
    expect(lines[1]).toMatchObject({ unhelpful: 1, citations: ['handbook#p3'] });
  });

  it('--since, --all, --declined and --unhelpful choose what is listed', async () => {
    const all = await cli(['questions', '--json', '--all', '--since', '30d'], env);
    expect(all.stdout.trim().split('\n')).toHaveLength(4);
    const declined = await cli(['questions', '--json', '--declined', '--since', 'all'], env);
    expect(declined.stdout).toContain('capital of France');
    expect(declined.stdout).not.toContain('rota');
    const unhelpful = await cli(['questions', '--json', '--unhelpful'], env);
    expect(unhelpful.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { question: string }).question)).toEqual(['When does the rota change?']);
  });

  it('--csv quotes what needs quoting, with a header row', async () => {
    const { stdout } = await cli(['questions', '--csv', '--declined', '--since', 'all'], env);
    const [header, ...rows] = stdout.trim().split('\r\n');
    expect(header).toBe('question,variants,count,answered,declined,helpful,unhelpful,citations,last_asked');
    expect(rows).toContain(`"What is the capital of France, ""really""?",,1,0,1,0,0,,${new Date(NOW - 20 * DAY).toISOString()}`);
  });

  it('prints text for a person, naming the database', async () => {
    const { stdout } = await cli(['questions'], env);
    expect(stdout).toMatch(/^Questions declined or voted not helpful, since 7d \(sqlite:.*questions\.sqlite\)/u);
    expect(stdout).toContain('also: How many people live in Shanghai?');
  });

  it('explains a bad option instead of guessing', async () => {
    const since = await cli(['questions', '--since', 'last week'], env);
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since must be a span such as 24h, 7d or 2w/u);
    const both = await cli(['questions', '--declined', '--all'], env);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/choose one of --declined, --unhelpful and --all/u);
  });
});
