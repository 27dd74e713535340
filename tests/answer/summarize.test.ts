import { describe, expect, it } from 'vitest';
import { summarize, UnknownDocumentError } from '../../src/answer/index.ts';
import { hasCue, isApparatusHeading, isHedged, isItemListHeading, lineShape, opensWithPointMarker } from '../../src/answer/summary-lines.ts';
import { articleKb, kbFrom } from '../helpers/folders.ts';

/** A reference page: an opening line, then sections that each lead with their point. */
const MANUAL = [
  '# Snapshots',
  '',
  'The snapshot service keeps point-in-time copies of every storage volume in the cluster.',
  '',
  '## Scheduling',
  '',
  'The scheduler takes a snapshot of each volume every night at midnight.',
  '',
  'A busy volume gets its nightly snapshot from the snapshot service a little after midnight.',
  '',
  'A volume that is still being copied at midnight keeps its last nightly snapshot.',
  '',
  '## Retention',
  '',
  'Old snapshots are deleted after thirty days to free disk space.',
  '',
  'The snapshot service shows each volume snapshot close to thirty days old in grey.',
  '',
  'A pinned snapshot is not deleted after thirty days, and its disk space stays in use.',
  '',
  '## Restoring',
  '',
  'A restore copies a chosen snapshot into a new volume beside the original one.',
  '',
  'The snapshot service names the new volume of a restore after the chosen snapshot.',
  '',
  'A restore never changes the original volume, so a wrong snapshot can be restored again.',
  '',
  '## See also',
  '',
  'See the volume guide and the cluster guide for the commands.',
  '',
].join('\n');

/** A Markdown page: its title, its opening line, then each section's heading and paragraphs. */
function page(title: string, opening: string, sections: Record<string, string[]>): string {
  const lines = [`# ${title}`, '', opening, ''];
  for (const [heading, paragraphs] of Object.entries(sections)) lines.push(`## ${heading}`, '', ...paragraphs.flatMap((p) => [p, '']));
  return lines.join('\n');
}

/** The opening line of the compactor pages below. */
const COMPACTOR = 'The compactor merges the small segment files of a table into larger ones.';

describe('summarize', () => {
  it('quotes every sentence verbatim from the paragraph it cites, in the material\'s order', async () => {
    const kb = await articleKb();
    const summary = summarize(kb, { sentences: 6 });
    expect(summary.sentences).toHaveLength(6);
    const positions = summary.sentences.map((s) => {
      const chunk = kb.chunks.get(s.chunkId);
      expect(chunk, s.chunkId).toBeDefined();
      expect(chunk?.text).toContain(s.text);
      expect(s.citation).toBe(chunk?.citation);
      return [chunk?.paragraph ?? 0, chunk?.text.indexOf(s.text) ?? 0];
    });
    const sorted = [...positions].sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
    expect(positions).toEqual(sorted);
  });

  it('names the piece\'s occasion: a default-length summary quotes the World AI Conference sentence', async () => {
    const summary = summarize(await articleKb(), { document: 'china-ai-governance' });
    expect(summary.sentences).toHaveLength(5);
    expect(summary.sentences.some((s) => s.text.startsWith('The 2025 World AI Conference & High-Level Meeting'))).toBe(true);
  });

  it('quotes prose, not a code block, when there is prose enough', async () => {
    const kb = await kbFrom({
      'guide.md': [
        '# Backups',
        '',
        'The backup tool copies every project folder to the archive server each night.',
        '',
        '```',
        'backup --all --target archive.example.org --compress --verify --retain 30 --log /var/log/backup.log',
        '```',
        '',
        'Restoring a folder takes one command and leaves the current copy untouched until it succeeds.',
        '',
      ].join('\n'),
    });
    const summary = summarize(kb, { document: 'guide', sentences: 2 });
    expect(summary.sentences.map((s) => s.text)).toEqual([
      'The backup tool copies every project folder to the archive server each night.',
      'Restoring a folder takes one command and leaves the current copy untouched until it succeeds.',
    ]);
  });

  it('on a page with headings, quotes the sentence each section opens with', async () => {
    const kb = await kbFrom({ 'manual.md': MANUAL });
    const summary = summarize(kb, { document: 'manual', sentences: 4 });
    expect(summary.sentences.map((s) => s.text)).toEqual([
      'The snapshot service keeps point-in-time copies of every storage volume in the cluster.',
      'The scheduler takes a snapshot of each volume every night at midnight.',
      'Old snapshots are deleted after thirty days to free disk space.',
      'A restore copies a chosen snapshot into a new volume beside the original one.',
    ]);
  });

  it('on a page with headings, quotes a conclusion the writer draws deep in a paragraph ("Therefore, …")', async () => {
    const kb = await kbFrom({
      'compaction.md': page('Compaction', COMPACTOR, {
        'How it runs': [
          'The compactor wakes every hour and picks the table with the most small segment files. It reads those segment files in order of age. It writes one larger segment file for each day of data. Therefore, a table that is written to all day long should be compacted at least once a day.',
          'A table with fewer than ten small segment files is left alone until the next hour.',
        ],
        'Limits': [
          'The compactor never merges segment files from two different tables.',
          'A merged segment file holds at most one day of data from its table.',
        ],
      }),
    });
    const conclusion = 'Therefore, a table that is written to all day long should be compacted at least once a day.';
    const quoted = (tuning = {}) => summarize(kb, { document: 'compaction', sentences: 4, tuning }).sentences.map((s) => s.text);
    expect(quoted()).toContain(conclusion);
    expect(quoted({ markerWeight: 0 })).not.toContain(conclusion);
  });

  it("on a page with headings, prefers the description's points to one option's details", async () => {
    const kb = await kbFrom({
      'compactor.md': page('Compactor', COMPACTOR, {
        'Description': [
          'The compactor wakes every hour and picks the table with the most small segment files.',
          'A merged segment file holds at most one day of data from its table.',
          'The compactor never merges segment files from two different tables.',
        ],
        'Options': [
          'The dry run option makes the compactor read the small segment files of a table without writing a merged segment file.',
        ],
      }),
    });
    const option = 'The dry run option makes the compactor read the small segment files of a table without writing a merged segment file.';
    const quoted = (tuning = {}) => summarize(kb, { document: 'compactor', sentences: 3, tuning }).sentences.map((s) => s.text);
    expect(quoted()).not.toContain(option);
    expect(quoted({ itemListCost: 0 })).toContain(option);
  });

  it('on a page with headings, prefers a plain statement to an aside that hedges', async () => {
    const kb = await kbFrom({
      'compactor.md': page('Compactor', COMPACTOR, {
        'Schedule': [
          "It's probably best to read about segment files and tables before the compactor.",
          'The compactor wakes every hour and picks the table with the most small segment files.',
          'A merged segment file holds at most one day of data from its table.',
        ],
      }),
    });
    const aside = "It's probably best to read about segment files and tables before the compactor.";
    const quoted = (tuning = {}) => summarize(kb, { document: 'compactor', sentences: 2, tuning }).sentences.map((s) => s.text);
    expect(quoted()).not.toContain(aside);
    expect(quoted({ hedgeCost: 0 })).toContain(aside);
  });

  it("leaves out a reference page's examples and compatibility notes when there is content enough", async () => {
    const kb = await kbFrom({
      'compaction.md': page('Compaction', COMPACTOR, {
        'Description': [
          'The compactor wakes every hour and picks the table with the most small segment files.',
          'A merged segment file holds at most one day of data from its table.',
          'The compactor skips a table while a backup of that table is running.',
          'Merged segment files are written beside the old ones, which are removed only after the merge succeeds.',
        ],
        'Examples': [
          'A table of ninety small segment files from three days of data becomes three merged segment files.',
        ],
        'Compatibility': [
          'The compactor reads segment files written by every earlier version of the table store.',
        ],
      }),
    });
    const summary = summarize(kb, { document: 'compaction', sentences: 4 });
    expect(summary.sentences.map((s) => s.citation)).toEqual(['Compaction, ¶1', 'Compaction, ¶2', 'Compaction, ¶3', 'Compaction, ¶5']);
    expect(summarize(kb, { document: 'compaction', sentences: 7 }).sentences).toHaveLength(7);
  });

  it('leaves out a command line, a lead-in to an example and a pointer elsewhere, even in plain paragraphs', async () => {
    const kb = await kbFrom({
      'guide.md': [
        '# Backups',
        '',
        'The backup tool copies every project folder to the archive server each night.',
        '',
        'To back up every project folder to the archive server by hand, type:',
        '',
        'backup --all --target=archive.example.org --retain=30 --log=/var/log/backup.log',
        '',
        'See the archive server guide for the backup settings of each project folder.',
        '',
        'Each nightly backup of a project folder is checked against the archive server copy.',
        '',
        'Restoring a project folder from the archive server leaves the current copy untouched.',
        '',
        'A project folder that failed its nightly backup is copied again the next morning.',
        '',
        'The archive server keeps thirty nightly copies of each project folder.',
        '',
      ].join('\n'),
    });
    const summary = summarize(kb, { document: 'guide', sentences: 5 });
    expect(summary.sentences.map((s) => s.text)).toEqual([
      'The backup tool copies every project folder to the archive server each night.',
      'Each nightly backup of a project folder is checked against the archive server copy.',
      'Restoring a project folder from the archive server leaves the current copy untouched.',
      'A project folder that failed its nightly backup is copied again the next morning.',
      'The archive server keeps thirty nightly copies of each project folder.',
    ]);
  });

  it('does not repeat itself: no two sentences are the same', async () => {
    const summary = summarize(await articleKb(), { sentences: 8 });
    expect(new Set(summary.sentences.map((s) => s.text)).size).toBe(summary.sentences.length);
  });

  it('keeps to a topic: every sentence is about it', async () => {
    const summary = summarize(await articleKb(), { topic: 'export controls' });
    expect(summary.answered).toBe(true);
    expect(summary.sentences.length).toBeGreaterThan(0);
    for (const s of summary.sentences) expect(s.text).toMatch(/export|control/i);
    for (const s of summary.sentences) expect(s.marks.length).toBeGreaterThan(0);
  });

  it('summarizes a topic from the page that names it, not from pages that only mention it often', async () => {
    const kb = await kbFrom({
      'manual.md': [
        '# Snapshots',
        '',
        'The snapshot service keeps point-in-time copies of every storage volume in the cluster.',
        '',
        '## Scheduling',
        '',
        'The scheduler takes a snapshot of each volume every night at midnight.',
        '',
        '## Retention',
        '',
        'Old snapshots are deleted after thirty days to free disk space.',
        '',
        '## Restoring',
        '',
        'A restore copies a chosen snapshot into a new volume beside the original one.',
        '',
      ].join('\n'),
      'notes.md': [
        '# Release notes',
        '',
        'Version 2 renames the disk quota settings and adds a new login page.',
        '',
        'Snapshot snapshots: the snapshot list now loads faster, and snapshot names may hold spaces.',
        '',
        'Snapshot tags: a snapshot tag now shows beside each snapshot in the snapshot list.',
        '',
        'Snapshot export: each snapshot can now be exported, and an exported snapshot keeps its snapshot tag.',
        '',
        'Snapshot search: the snapshot list can be searched by snapshot tag and by snapshot date.',
        '',
        'Snapshot sizes: the snapshot list shows each snapshot size next to the snapshot date.',
        '',
      ].join('\n'),
      'cooking.md': '# Rice\n\nRinse the rice twice and let it rest before cooking.\n',
    });
    const summary = summarize(kb, { topic: 'snapshots', sentences: 4 });
    expect(summary.sentences.map((s) => s.citation)).toEqual(['Snapshots, ¶1', 'Snapshots, ¶2', 'Snapshots, ¶3', 'Snapshots, ¶4']);
  });

  it('says so when the material has nothing on the topic', async () => {
    const summary = summarize(await articleKb(), { topic: 'sourdough baking' });
    expect(summary.answered).toBe(false);
    expect(summary.sentences).toEqual([]);
    expect(summary.refusal).toMatch(/nothing about "sourdough baking"/);
  });

  it('names the known documents when asked for an unknown one', async () => {
    const kb = await articleKb();
    expect(() => summarize(kb, { document: 'nope' })).toThrow(UnknownDocumentError);
    expect(() => summarize(kb, { document: 'nope' })).toThrow(/china-ai-governance/);
  });
});

describe('lines of a summary', () => {
  it('reads a command line, an ASCII drawing, markup and a register list as code, and prose with a parenthesis or a $VARIABLE as prose', () => {
    expect(lineShape('backup --all --target=archive.example.org --retain=30').codeShare).toBeGreaterThan(0.5);
    expect(lineShape('o------o-------o topic / o---o---o master').codeShare).toBeGreaterThan(0.5);
    expect(lineShape('mapper_args = {"version_id_col": version_id}').codeShare).toBeGreaterThan(0.5);
    expect(lineShape('0x00 - Control 0x04 - DMA status 0x08 - pointer').codeShare).toBeGreaterThan(0.25);
    expect(lineShape('Internationalization (I18N): to make software handle many locales, set "$LANG" first.').codeShare).toBeLessThan(0.25);
  });

  it('tells a finished sentence from a heading, a name list, a lead-in or one that lost its last word', () => {
    expect(lineShape('VACUUM reclaims storage occupied by dead tuples.').complete).toBe(true);
    expect(lineShape('He said "it is done."').complete).toBe(true);
    expect(lineShape('vacuumdb, Section 20.4.4, Section 25.1.6').complete).toBe(false);
    expect(lineShape('On a text string, you would do things like:').complete).toBe(false);
    expect(lineShape('Reset the resolutions recorded for the current conflict in .').complete).toBe(false);
  });

  it('knows a sentence that only points elsewhere', () => {
    expect(lineShape('See the archive guide for the settings.').pointer).toBe(true);
    expect(lineShape('For more, see info gettext and read the section on variables.').pointer).toBe(true);
    expect(lineShape('Seeing the log helps when a backup fails.').pointer).toBe(false);
  });

  it('finds the cue words of a rule, a recommendation, a default or a purpose', () => {
    expect(hasCue('You need to set the configuration variable in order to enable this command.')).toBe(true);
    expect(hasCue('VACUUM cannot be executed inside a transaction block.')).toBe(true);
    expect(hasCue('By default, old records are pruned after 15 days.')).toBe(true);
    expect(hasCue('We recommend that all databases be vacuumed regularly.')).toBe(true);
    expect(hasCue('The scheduler takes a snapshot of each volume every night.')).toBe(false);
  });

  it('finds a sentence that opens with a conclusion, a reason or a note, not with a contrast or a date', () => {
    expect(opensWithPointMarker('Therefore, it is sometimes advisable to use the cost-based vacuum delay feature.')).toBe(true);
    expect(opensWithPointMarker('So you lose nothing by deploying a UTF-8 locale.')).toBe(true);
    expect(opensWithPointMarker('This makes UTF-8 the modern preferred choice.')).toBe(true);
    expect(opensWithPointMarker('Because the planner records statistics, it is advisable to run ANALYZE.')).toBe(true);
    expect(opensWithPointMarker('Note that the index file is left alone.')).toBe(true);
    expect(opensWithPointMarker('[NOTE] The command relies on the conflict markers.')).toBe(true);
    expect(opensWithPointMarker('Warning: the file is removed when it is closed.')).toBe(true);
    expect(opensWithPointMarker('However, database owners may vacuum every table.')).toBe(false);
    expect(opensWithPointMarker('Since version 3.2 the flag is used if available.')).toBe(false);
    expect(opensWithPointMarker('So-called segment files are merged each hour.')).toBe(false);
    expect(opensWithPointMarker('The tool is so fast that nobody notices it; therefore it runs hourly.')).toBe(false);
  });

  it("knows the headings of a reference page's apparatus, numbered or not, and nothing more", () => {
    for (const heading of ['SYNOPSIS', 'Examples', 'Compatibility', 'SEE ALSO', 'ACKNOWLEDGEMENTS', 'Authors', '9.4. See also']) expect(isApparatusHeading(heading)).toBe(true);
    for (const heading of ['DESCRIPTION', 'Notes', 'OPTIONS', 'Examples of retention rules', 'History of the project']) expect(isApparatusHeading(heading)).toBe(false);
  });

  it('knows the headings of sections that list items one by one, numbered or not', () => {
    for (const heading of ['OPTIONS', 'Parameters', 'COMMANDS', 'EXIT STATUS', 'Environment variables', '2.3. Return value']) expect(isItemListHeading(heading)).toBe(true);
    for (const heading of ['DESCRIPTION', 'Notes', 'Options for retention', 'Choosing parameters']) expect(isItemListHeading(heading)).toBe(false);
  });

  it('finds the hedges and intensifiers of an aside to the reader', () => {
    expect(isHedged("It's probably best to spend a full day learning all this.")).toBe(true);
    expect(isHedged("It's easy to program Unicode capable software.")).toBe(true);
    expect(isHedged('The days of just flinging strings around are over.')).toBe(true);
    expect(isHedged('VACUUM reclaims storage occupied by dead tuples.')).toBe(false);
    expect(isHedged('Justified text is set in the easyfont face.')).toBe(false);
  });
});
