import MiniSearch from 'minisearch';
import { stemmer } from 'stemmer';
import type { Chunk } from '../knowledge/index.ts';
import { STOP_WORDS } from '../search/stop-words.ts';
import { pagesOf, type PageRanker } from './evaluate.ts';

/** The engines Footnote is compared with on the team-scale set, each set up as its users would. */
export interface PagePeer {
  name: string;
  setup: string;
  build(chunks: readonly Chunk[]): PageRanker;
}

type Doc = { id: string; title: string; breadcrumb: string; text: string };
const FIELDS = ['title', 'breadcrumb', 'text'];
const toDoc = (c: Chunk): Doc => ({ id: c.id, title: c.title, breadcrumb: c.breadcrumb.join(' '), text: c.text });

/** Results read to find three distinct pages: a page often has several matching paragraphs. */
const READ = 50;

function miniSearchPeer(name: string, setup: string, options: ConstructorParameters<typeof MiniSearch<Doc>>[0]): PagePeer {
  return {
    name,
    setup,
    build(chunks) {
      const ms = new MiniSearch<Doc>(options);
      ms.addAll(chunks.map(toDoc));
      return (question) => {
        // MiniSearch types result ids as `any`.
        const ids = ms.search(question).slice(0, READ).map((r) => String(r.id as unknown));
        return { answered: ids.length > 0, pages: pagesOf(ids) };
      };
    },
  };
}

export const PAGE_PEERS: readonly PagePeer[] = [
  miniSearchPeer('minisearch-defaults', 'fields title, breadcrumb, text; everything else default', { fields: FIELDS }),
  miniSearchPeer('minisearch-tuned', 'stemmer + stop words at index and query time, fuzzy 0.2, prefix search, title/breadcrumb boost 0.3', {
    fields: FIELDS,
    processTerm: (term) => {
      const lower = term.toLowerCase();
      return STOP_WORDS.has(lower) ? null : stemmer(lower);
    },
    searchOptions: { fuzzy: 0.2, prefix: true, boost: { title: 0.3, breadcrumb: 0.3 } },
  }),
];
