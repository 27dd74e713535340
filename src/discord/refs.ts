import { createHash } from 'node:crypto';
import type { Chunk } from '../knowledge/index.ts';
import type { KnowledgeBase } from '../search/index.ts';

/**
 * Short, stable references to chunks and documents for places with a length limit (custom ids,
 * autocomplete values: 100 characters). An id that fits is used as it is. A longer one is long
 * because its document sits at a deep path, so the document part becomes `~` and a hash of the
 * document id, and the paragraph part (`#p12`) is kept: `~<hash>#p12`. It still resolves after a
 * restart or a reload, as long as the material still has that document. Only document ids are
 * ever hashed, so resolving a reference never has to hash every paragraph of a large folder.
 */

/** Ids at most this long are used as they are; leaves room for a custom id's prefix and parts. */
export const MAX_INLINE_REF = 60;

/** 66 bits of SHA-256 in base64url: short, and collisions among a folder's document ids are negligible. */
function hash(text: string): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, 11);
}

export function documentRef(documentId: string, max = MAX_INLINE_REF): string {
  return documentId.length <= max && !documentId.startsWith('~') ? documentId : `~${hash(documentId)}`;
}

export function refFor(chunkId: string, max = MAX_INLINE_REF): string {
  if (chunkId.length <= max && !chunkId.startsWith('~')) return chunkId;
  const at = chunkId.lastIndexOf('#');
  return at < 0 ? `~${hash(chunkId)}` : `~${hash(chunkId.slice(0, at))}${chunkId.slice(at)}`;
}

const hashedDocuments = new WeakMap<KnowledgeBase, Map<string, string>>();

function documentsByHash(kb: KnowledgeBase): Map<string, string> {
  let table = hashedDocuments.get(kb);
  if (!table) {
    table = new Map(kb.documents.map((d) => [`~${hash(d.id)}`, d.id]));
    hashedDocuments.set(kb, table);
  }
  return table;
}

/** The document id a reference names: `~hash` resolved, anything else passed through. */
export function resolveDocumentRef(kb: KnowledgeBase, ref: string): string {
  return ref.startsWith('~') ? (documentsByHash(kb).get(ref) ?? ref) : ref;
}

/** The chunk a reference (or a plain chunk id) names, if the material still has it. */
export function resolveChunkRef(kb: KnowledgeBase, ref: string): Chunk | undefined {
  if (!ref.startsWith('~')) return kb.chunks.get(ref);
  const at = ref.indexOf('#');
  const document = documentsByHash(kb).get(at < 0 ? ref : ref.slice(0, at));
  return document === undefined ? undefined : kb.chunks.get(at < 0 ? document : `${document}${ref.slice(at)}`);
}
