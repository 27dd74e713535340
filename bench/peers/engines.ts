import { create, insertMultiple, load as oramaLoad, save as oramaSave, search as oramaSearch, type RawData } from '@orama/orama';
import { Document as FlexDocument, Encoder } from 'flexsearch';
import EnglishPreset from 'flexsearch/lang/en';
import lunr from 'lunr';
import MiniSearch from 'minisearch';
import { peer, type Peer } from './measure.ts';
import type { PeerDoc } from './types.ts';

const FIELDS = ['title', 'breadcrumb', 'text'] as const;

// --- MiniSearch, as its README sets it up ------------------------------------------------------

const MINI_OPTIONS = { fields: [...FIELDS] };

const minisearchDefaults = peer<MiniSearch<PeerDoc>>({
  engine: 'minisearch-defaults',
  setup: 'default tokenizer (split on spaces and punctuation), lower-casing, no stemming or stop words; OR of terms, BM25+, all results',
  build(docs) {
    const ms = new MiniSearch<PeerDoc>(MINI_OPTIONS);
    ms.addAll(docs);
    return ms;
  },
  serialize: (ms) => JSON.stringify(ms),
  load: (text) => MiniSearch.loadJSON<PeerDoc>(text, MINI_OPTIONS),
  top(ms, query) {
    const id: unknown = ms.search(query)[0]?.id; // MiniSearch types result ids as `any`
    return id === undefined ? undefined : String(id);
  },
});

// --- lunr, default pipeline ----------------------------------------------------------------------

/**
 * lunr parses what it is given as a query language: `title:x`, `x*`, `x~1`, `x^2`, `+x`, `-x`.
 * People's words must never be read as that syntax (a stray `:` or a leading `-` throws or
 * excludes), so those characters become spaces — which is also where lunr's tokenizer splits
 * hyphenated words when indexing.
 */
export const lunrSafe = (query: string) => query.replace(/[:*~^+\-]/g, ' ');

const lunrEngine = peer<lunr.Index>({
  engine: 'lunr',
  setup: 'default pipeline (trimmer, English stop words, Porter stemmer); query syntax characters :*~^+- replaced by spaces; OR of terms, BM25, all results',
  defaultMaxChunks: 100_000,
  build(docs) {
    return lunr(function () {
      this.ref('id');
      for (const field of FIELDS) this.field(field);
      for (const doc of docs) this.add(doc);
    });
  },
  serialize: (idx) => JSON.stringify(idx),
  // lunr's `load` takes the plain object that JSON.stringify(idx) wrote (its toJSON shape).
  load: (text) => lunr.Index.load(JSON.parse(text) as object),
  top: (idx, query) => idx.search(lunrSafe(query))[0]?.ref,
});

// --- FlexSearch 0.8, Document index with the English language pack -------------------------------

type FlexIndex = FlexDocument<PeerDoc>;

/**
 * A Document index over the three fields with the library's English encoder preset (its stop
 * words, suffix stemmer and contraction rules on top of the default encoder), one encoder shared
 * by the fields as the docs recommend. Everything else is default: tokenizer "strict" (whole
 * words), resolution 9, no context index, no document store. 0.8.212's export does not carry the
 * configuration ("cfg" is a todo in its serializer), so the loader builds the same options.
 */
function flexIndex(): FlexIndex {
  return new FlexDocument<PeerDoc>({
    document: { id: 'id', index: [...FIELDS] },
    encoder: new Encoder(EnglishPreset),
  });
}

/**
 * FlexSearch exports in chunks through a callback, `(key, data)` with `data` already JSON. Stored
 * as alternating key and data lines (JSON.stringify escapes newlines, so neither contains one),
 * which avoids wrapping JSON in JSON. With a callback that returns nothing the export is synchronous.
 */
async function flexExport(index: FlexIndex): Promise<string> {
  const lines: string[] = [];
  await index.export((key: string, data: string) => {
    lines.push(key, data);
  });
  return lines.join('\n');
}

function flexImport(text: string): FlexIndex {
  const index = flexIndex();
  const lines = text.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 2) index.import(lines[i]!, lines[i + 1]!);
  return index;
}

const flexsearchEngine = peer<FlexIndex>({
  engine: 'flexsearch',
  setup: 'Document index, English encoder preset (stop words, suffix stemmer), tokenize "strict"; each field ANDs the terms, fields merged in field order (title, breadcrumb, text), default limit 100; no document store',
  build(docs) {
    const index = flexIndex();
    for (const doc of docs) index.add(doc);
    return index;
  },
  serialize: flexExport,
  load: flexImport,
  top(index, query) {
    const merged = index.search(query, { merge: true });
    return merged[0] === undefined ? undefined : String(merged[0].id);
  },
});

// --- Orama 3, default English tokenizer ----------------------------------------------------------

const ORAMA_SCHEMA = { title: 'string', breadcrumb: 'string', text: 'string' } as const;
const oramaDb = () => create({ schema: ORAMA_SCHEMA });
type OramaDb = ReturnType<typeof oramaDb>;

const oramaEngine = peer<OramaDb>({
  engine: 'orama',
  setup: 'default English tokenizer (no stemming, no stop words: both are opt-in in Orama 3); BM25, default limit 10; the saved data includes the documents themselves',
  build(docs) {
    const db = oramaDb();
    // The chunk id goes in as the document's `id`, which Orama uses as its external id.
    const inserted = insertMultiple(db, docs.map((d) => ({ ...d })));
    return inserted instanceof Promise ? inserted.then(() => db) : db;
  },
  serialize: (db) => JSON.stringify(oramaSave(db)),
  load(text) {
    const db = oramaDb();
    oramaLoad(db, JSON.parse(text) as RawData);
    return db;
  },
  top(db, query) {
    const results = oramaSearch(db, { term: query });
    return results instanceof Promise ? results.then((r) => r.hits[0]?.id) : results.hits[0]?.id;
  },
});

export const PEERS: readonly Peer[] = [minisearchDefaults, lunrEngine, flexsearchEngine, oramaEngine];
export const PEER_NAMES = PEERS.map((p) => p.engine);
