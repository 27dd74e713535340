import type { Chunk, KnowledgeDocument } from '../../knowledge/index.ts';
import type { KnowledgeBase } from '../../search/index.ts';

/**
 * Short, stable references to chunks and documents for places with a length limit (custom ids,
 * autocomplete values: 100 characters). An id that fits is used as it is; a longer one (a deep
 * folder path) becomes `~` and a hash of it, which still resolves after a restart as long as the
 * material still has that id.
 */

/** Ids at most this long are used as they are; leaves room for a custom id's prefix and parts. */
export const MAX_INLINE_REF = 60;

/** 64 bits of FNV-1a, in base 36: short, and collisions among a folder's ids are negligible. */
function hash(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(36);
}

export function refFor(id: string, max = MAX_INLINE_REF): string {
  return id.length <= max && !id.startsWith('~') ? id : `~${hash(id)}`;
}

const hashed = new WeakMap<KnowledgeBase, { chunks: Map<string, string>; documents: Map<string, string> }>();

function hashTables(kb: KnowledgeBase): { chunks: Map<string, string>; documents: Map<string, string> } {
  let tables = hashed.get(kb);
  if (!tables) {
    tables = {
      chunks: new Map(Array.from({ length: kb.chunks.size }, (_, i) => kb.chunks.idAt(i)).map((id) => [`~${hash(id)}`, id])),
      documents: new Map(kb.documents.map((d) => [`~${hash(d.id)}`, d.id])),
    };
    hashed.set(kb, tables);
  }
  return tables;
}

/** The chunk a reference (or a plain chunk id) names, if the material still has it. */
export function resolveChunkRef(kb: KnowledgeBase, ref: string): Chunk | undefined {
  const id = ref.startsWith('~') ? hashTables(kb).chunks.get(ref) : ref;
  return id === undefined ? undefined : kb.chunks.get(id);
}

/** The document id a reference names: `~hash` resolved, anything else passed through. */
export function resolveDocumentRef(kb: KnowledgeBase, ref: string): string {
  return ref.startsWith('~') ? (hashTables(kb).documents.get(ref) ?? ref) : ref;
}

export function documentFor(kb: KnowledgeBase, ref: string): KnowledgeDocument | undefined {
  return kb.documentById.get(resolveDocumentRef(kb, ref));
}
