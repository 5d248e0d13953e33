/**
 * The nodes of the in-memory trie (trie.ts) and how they are written and read: each loaded node caches its
 * reference (its RLP when shorter than 32 bytes, else rlp(keccak(RLP))); a HashRef is a node known only by
 * its hash. Leaves hold their whole key, so a leaf keeps its bytes when it moves to another depth.
 */
import type { RlpItem } from '../primitives/rlp.js';
import { branchRef, encodeBranch, encodeExtension, encodeLeaf, extensionRef, leafRef, nibble, nibbles } from './mpt.js';

/** A leaf: the whole key (its path below the leaf's depth is the rest of it) and the value. */
export class Leaf {
  ref: Uint8Array | null = null;
  constructor(
    readonly key: Uint8Array,
    public value: Uint8Array,
  ) {}
}

/** An extension: a path (one nibble per byte) every key below shares, then one child (a branch). */
export class Extension {
  ref: Uint8Array | null = null;
  constructor(
    public path: Uint8Array,
    public child: Node,
  ) {}
}

/** A branch: a child per nibble, and the value of a key that ends here. */
export class Branch {
  ref: Uint8Array | null = null;
  readonly children: (Node | null)[] = new Array<Node | null>(16).fill(null);
  value: Uint8Array | null = null;
}

/** A subtree known only by its hash, resolved when a walk reaches it. */
export class HashRef {
  readonly ref: Uint8Array;
  constructor(readonly hash: Uint8Array) {
    this.ref = new Uint8Array(33);
    this.ref[0] = 0x80 + 32;
    this.ref.set(hash, 1);
  }
}

export type Node = Leaf | Extension | Branch | HashRef;

// ── building ───────────────────────────────────────────────────────────────────────────────────────────

/** The node holding keys[lo, hi) (sorted, distinct, sharing their first `depth` nibbles), refs computed. */
export function buildNode(keys: readonly Uint8Array[], values: readonly Uint8Array[], lo: number, hi: number, depth: number): Node {
  if (hi - lo === 1) {
    const leaf = new Leaf(keys[lo]!, values[lo]!);
    leaf.ref = leafRef(leaf.key, depth, leaf.value);
    return leaf;
  }
  const first = keys[lo]!;
  const last = keys[hi - 1]!;
  const end = 2 * Math.min(first.length, last.length);
  let split = depth;
  while (split < end && nibble(first, split) === nibble(last, split)) split++;
  const branch = new Branch();
  const refs: (Uint8Array | null)[] = new Array<Uint8Array | null>(16).fill(null);
  let i = lo;
  if (2 * first.length === split) branch.value = values[i++]!;
  while (i < hi) {
    const n = nibble(keys[i]!, split);
    let j = i + 1;
    while (j < hi && nibble(keys[j]!, split) === n) j++;
    const child = buildNode(keys, values, i, j, split + 1);
    branch.children[n] = child;
    refs[n] = child.ref;
    if (child instanceof Leaf) child.ref = null; // recomputed if a sibling ever changes: a first build keeps one object less per key
    i = j;
  }
  branch.ref = branchRef(refs, branch.value);
  if (split === depth) return branch;
  const ext = new Extension(nibbles(first, depth, split), branch);
  ext.ref = extensionRef(ext.path, branch.ref);
  return ext;
}

// ── encoding and decoding ──────────────────────────────────────────────────────────────────────────────

/** The node's reference, computed (and cached) for nodes whose path changed. */
export function refOf(node: Node, depth: number): Uint8Array {
  if (node.ref !== null || node instanceof HashRef) return node.ref!;
  if (node instanceof Leaf) return (node.ref = leafRef(node.key, depth, node.value));
  if (node instanceof Extension) return (node.ref = extensionRef(node.path, refOf(node.child, depth + node.path.length)));
  return (node.ref = branchRef(childRefs(node, depth), node.value));
}

function childRefs(branch: Branch, depth: number): (Uint8Array | null)[] {
  const refs: (Uint8Array | null)[] = new Array<Uint8Array | null>(16);
  for (let n = 0; n < 16; n++) {
    const child = branch.children[n]!;
    refs[n] = child === null ? null : refOf(child, depth + 1);
  }
  return refs;
}

/** The RLP of a loaded node at `depth`. */
export function encode(node: Leaf | Extension | Branch, depth: number): Uint8Array {
  if (node instanceof Leaf) return encodeLeaf(node.key, depth, node.value);
  if (node instanceof Extension) return encodeExtension(node.path, refOf(node.child, depth + node.path.length));
  return encodeBranch(childRefs(node, depth), node.value);
}

/** A node from its decoded RLP; `prefix` is its path from the root (nibbles), to rebuild leaves' keys. */
export function decodeNode(item: RlpItem, prefix: Uint8Array): Leaf | Extension | Branch {
  if (!Array.isArray(item)) throw new Error('trie: a node must be an RLP list');
  if (item.length === 17) {
    const branch = new Branch();
    for (let n = 0; n < 16; n++) branch.children[n] = decodeChild(item[n]!, concatNibbles(prefix, Uint8Array.of(n)));
    const value = item[16]!;
    if (Array.isArray(value)) throw new Error('trie: a branch value must be a string');
    if (value.length > 0) branch.value = value;
    return branch;
  }
  if (item.length !== 2) throw new Error(`trie: a node has 2 or 17 items, not ${item.length}`);
  const [pathItem, second] = item as [RlpItem, RlpItem];
  const { leaf, path } = decodePath(pathItem);
  const full = concatNibbles(prefix, path);
  if (leaf) {
    if (Array.isArray(second)) throw new Error('trie: a leaf value must be a string');
    if (full.length % 2 !== 0) throw new Error('trie: a leaf key has an odd number of nibbles');
    return new Leaf(packNibbles(full), second);
  }
  const child = decodeChild(second, full);
  if (child === null) throw new Error('trie: an extension without a child');
  return new Extension(path, child);
}

function decodeChild(item: RlpItem, prefix: Uint8Array): Node | null {
  if (Array.isArray(item)) return decodeNode(item, prefix); // embedded: its ref is recomputed if needed
  if (item.length === 0) return null;
  if (item.length !== 32) throw new Error(`trie: a child reference is 32 bytes or an embedded node, not ${item.length} bytes`);
  return new HashRef(item);
}

/** A node's hex-prefix path item: its nibbles and whether it is a leaf's. */
export function decodePath(item: RlpItem): { leaf: boolean; path: Uint8Array } {
  if (Array.isArray(item) || item.length === 0) throw new Error('trie: malformed node path');
  const flag = item[0]! >> 4;
  if (flag > 3) throw new Error('trie: malformed hex-prefix flag');
  const odd = flag & 1;
  const path = new Uint8Array(odd + 2 * (item.length - 1));
  if (odd) path[0] = item[0]! & 0x0f;
  for (let i = 1; i < item.length; i++) {
    path[odd + 2 * i - 2] = item[i]! >> 4;
    path[odd + 2 * i - 1] = item[i]! & 0x0f;
  }
  return { leaf: (flag & 2) !== 0, path };
}

export function concatNibbles(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Two nibbles per byte. */
function packNibbles(path: Uint8Array): Uint8Array {
  const out = new Uint8Array(path.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = (path[2 * i]! << 4) | path[2 * i + 1]!;
  return out;
}
