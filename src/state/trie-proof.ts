/** Checking a Merkle proof (a key's path of trie nodes) against a root, without building a trie. */
import { bytesEqual, bytesToHex } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpDecode, type RlpItem } from '../primitives/rlp.js';
import { EMPTY_TRIE_ROOT, nibble } from './mpt.js';
import { decodePath } from './trie-nodes.js';

/** A proof that does not prove: a node is missing or malformed. */
export class ProofError extends Error {}

/**
 * Checks a Merkle proof of `key` against `root`: the value it proves, or null when it proves the key absent.
 * Throws ProofError when the proof lacks a node on the path or holds a malformed one.
 */
export function verifyTrieProof(root: Uint8Array, key: Uint8Array, proof: readonly Uint8Array[]): Uint8Array | null {
  const byHash = new Map<string, Uint8Array>();
  for (const node of proof) byHash.set(bytesToHex(keccak256(node)), node);
  if (bytesEqual(root, EMPTY_TRIE_ROOT) && !byHash.has(bytesToHex(root))) return null;
  let item = lookup(byHash, root);
  let depth = 0;
  const end = 2 * key.length;
  for (;;) {
    if (!Array.isArray(item)) throw new ProofError('proof: a node must be an RLP list');
    let next: RlpItem;
    if (item.length === 17) {
      if (depth === end) return emptyToNull(item[16]!);
      next = item[nibble(key, depth++)]!;
    } else if (item.length === 2) {
      let decoded;
      try {
        decoded = decodePath(item[0]!);
      } catch (e) {
        throw new ProofError(`proof: ${(e as Error).message.replace(/^trie: /, '')}`);
      }
      const { leaf, path } = decoded;
      if (depth + path.length > end) return null;
      for (let i = 0; i < path.length; i++) if (nibble(key, depth + i) !== path[i]) return null;
      depth += path.length;
      if (leaf) return depth === end ? emptyToNull(item[1]!) : null;
      next = item[1]!;
    } else throw new ProofError(`proof: a node has 2 or 17 items, not ${item.length}`);
    if (Array.isArray(next)) item = next;
    else if (next.length === 0) return null;
    else if (next.length === 32) item = lookup(byHash, next);
    else throw new ProofError('proof: malformed child reference');
  }
}

function lookup(byHash: Map<string, Uint8Array>, hash: Uint8Array): RlpItem {
  const node = byHash.get(bytesToHex(hash));
  if (node === undefined) throw new ProofError(`proof: missing node ${bytesToHex(hash)}`);
  try {
    return rlpDecode(node);
  } catch (e) {
    throw new ProofError(`proof: node ${bytesToHex(hash)} is not valid RLP (${(e as Error).message})`);
  }
}

function emptyToNull(item: RlpItem): Uint8Array | null {
  if (Array.isArray(item)) throw new ProofError('proof: a value must be a string');
  return item.length === 0 ? null : item;
}
