/**
 * An incremental Merkle-Patricia trie (Yellow Paper appendix D) whose nodes stay in memory between root
 * computations. Each node caches its reference (its RLP when shorter than 32 bytes, else rlp(keccak(RLP))),
 * and a put or delete clears the cache only along the path it changes, so the next root re-hashes just those
 * nodes. A subtree can also be known only by its hash (a `HashRef`, e.g. a trie opened at a state root that
 * lives elsewhere); a walk that reaches it asks the resolver for the node's RLP.
 *
 * Updates mutate nodes in place on the way back up, after every node the update needs has been resolved, so
 * an update whose resolver throws (a missing node) leaves the trie as it was.
 */
import { bytesEqual, bytesToHex } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpDecode, type RlpItem } from '../primitives/rlp.js';
import {
  EMPTY_TRIE_ROOT,
  branchRef,
  encodeBranch,
  encodeExtension,
  encodeLeaf,
  extensionRef,
  leafRef,
  nibble,
  nibbles,
  rootHash,
} from './mpt.js';

/** Supplies the RLP of a trie node by its hash; throws when it cannot (e.g. a MissingStateError). */
export type NodeResolver = (hash: Uint8Array) => Uint8Array;

/** A leaf: the whole key (its path below the leaf's depth is the rest of it) and the value. */
class Leaf {
  ref: Uint8Array | null = null;
  constructor(
    readonly key: Uint8Array,
    public value: Uint8Array,
  ) {}
}

/** An extension: a path (one nibble per byte) every key below shares, then one child (a branch). */
class Extension {
  ref: Uint8Array | null = null;
  constructor(
    public path: Uint8Array,
    public child: Node,
  ) {}
}

/** A branch: a child per nibble, and the value of a key that ends here. */
class Branch {
  ref: Uint8Array | null = null;
  readonly children: (Node | null)[] = new Array<Node | null>(16).fill(null);
  value: Uint8Array | null = null;
}

/** A subtree known only by its hash, resolved when a walk reaches it. */
class HashRef {
  readonly ref: Uint8Array;
  constructor(readonly hash: Uint8Array) {
    this.ref = new Uint8Array(33);
    this.ref[0] = 0x80 + 32;
    this.ref.set(hash, 1);
  }
}

type Node = Leaf | Extension | Branch | HashRef;

/** A proof that does not prove: a node is missing or malformed. */
export class ProofError extends Error {}

/** A Merkle-Patricia trie over byte keys (hash the keys first for a secure trie). */
export class Trie {
  private rootNode: Node | null;
  private rootHash: Uint8Array | null = null;

  /** An empty trie, or one whose root node is `root`; HashRefs resolve through `resolver`. */
  private constructor(
    root: Node | null,
    private readonly resolver: NodeResolver | undefined,
  ) {
    this.rootNode = root;
  }

  /** An empty trie. */
  static empty(): Trie {
    return new Trie(null, undefined);
  }

  /** The trie whose root hash is `hash`, every node of which is fetched from `resolver` when needed. */
  static fromRoot(hash: Uint8Array, resolver: NodeResolver): Trie {
    if (bytesEqual(hash, EMPTY_TRIE_ROOT)) return new Trie(null, resolver);
    const trie = new Trie(new HashRef(hash), resolver);
    trie.rootHash = hash;
    return trie;
  }

  /**
   * The trie holding exactly keys[i] → values[i], built bottom-up with every node hashed once (the fast way
   * to a first root). Keys must be sorted (byte order, a prefix first) and distinct; values non-empty.
   */
  static build(keys: readonly Uint8Array[], values: readonly Uint8Array[], resolver?: NodeResolver): Trie {
    const trie = new Trie(keys.length === 0 ? null : buildNode(keys, values, 0, keys.length, 0), resolver);
    return trie;
  }

  /** The value stored under `key`, or undefined. */
  get(key: Uint8Array): Uint8Array | undefined {
    let node = this.rootNode;
    let depth = 0;
    const end = 2 * key.length;
    let parent: Branch | Extension | null = null;
    let slot = 0;
    for (;;) {
      if (node === null) return undefined;
      if (node instanceof HashRef) {
        node = this.resolve(node, nibbles(key, 0, depth));
        if (parent === null) this.rootNode = node;
        else if (parent instanceof Branch) parent.children[slot] = node;
        else parent.child = node;
      }
      if (node instanceof Leaf) return bytesEqual(node.key, key) ? node.value : undefined;
      if (node instanceof Extension) {
        const path = node.path;
        if (depth + path.length > end) return undefined;
        for (let i = 0; i < path.length; i++) if (nibble(key, depth + i) !== path[i]) return undefined;
        depth += path.length;
        parent = node;
        node = node.child;
        continue;
      }
      if (depth === end) return node.value ?? undefined;
      slot = nibble(key, depth);
      parent = node;
      node = node.children[slot]!;
      depth++;
    }
  }

  /** Stores `value` under `key`; an empty value deletes the key. */
  put(key: Uint8Array, value: Uint8Array): void {
    if (value.length === 0) return this.delete(key);
    const old = this.get(key);
    if (old !== undefined && bytesEqual(old, value)) return;
    this.rootNode = this.insert(this.rootNode, key, 0, value);
    this.rootHash = null;
  }

  /** Removes `key` (nothing happens when it is absent). */
  delete(key: Uint8Array): void {
    if (this.get(key) === undefined) return;
    this.rootNode = this.remove(this.rootNode!, key, 0);
    this.rootHash = null;
  }

  /** The root hash (keccak256 of the root node's RLP, even when that is shorter than 32 bytes). */
  hash(): Uint8Array {
    if (this.rootHash !== null) return this.rootHash;
    const root = this.rootNode;
    if (root === null) return (this.rootHash = EMPTY_TRIE_ROOT);
    return (this.rootHash = rootHash(refOf(root, 0)));
  }

  /**
   * The Merkle proof of `key`: the RLP of every node on its path that is stored by hash, root first (nodes
   * shorter than 32 bytes are inside their parent). It proves the value, or the key's absence.
   */
  prove(key: Uint8Array): Uint8Array[] {
    this.get(key); // resolves every node on the path
    this.hash();
    const proof: Uint8Array[] = [];
    let node = this.rootNode;
    let depth = 0;
    const end = 2 * key.length;
    while (node !== null) {
      if (node instanceof HashRef) throw new Error('trie: unresolved node on a proof path');
      const encoded = encode(node, depth);
      if (node === this.rootNode || encoded.length >= 32) proof.push(encoded);
      if (node instanceof Leaf) break;
      if (node instanceof Extension) {
        const path = node.path;
        if (depth + path.length > end) break;
        let i = 0;
        while (i < path.length && nibble(key, depth + i) === path[i]) i++;
        if (i < path.length) break;
        depth += path.length;
        node = node.child;
        continue;
      }
      if (depth === end) break;
      node = node.children[nibble(key, depth)]!;
      depth++;
    }
    return proof;
  }

  /** Every node stored by hash, as [hash, RLP] (for a node store or an index by hash). */
  *nodes(): Generator<[Uint8Array, Uint8Array]> {
    const root = this.rootNode;
    if (root === null) return;
    this.hash();
    const stack: [Node, number][] = [[root, 0]];
    while (stack.length > 0) {
      const [node, depth] = stack.pop()!;
      if (node instanceof HashRef) continue; // not loaded: whoever holds its hash holds the node
      const encoded = encode(node, depth);
      if (node === root) yield [this.hash(), encoded];
      else if (encoded.length >= 32) yield [node.ref?.length === 33 ? node.ref.subarray(1) : keccak256(encoded), encoded];
      if (node instanceof Extension) stack.push([node.child, depth + node.path.length]);
      else if (node instanceof Branch) {
        for (let n = 0; n < 16; n++) {
          const child = node.children[n];
          if (child != null) stack.push([child, depth + 1]);
        }
      }
    }
  }

  // ── updates ──────────────────────────────────────────────────────────────────────────────────────────

  /** `node` with `key` → `value` inserted; the caller has resolved the path (put() calls get() first). */
  private insert(node: Node | null, key: Uint8Array, depth: number, value: Uint8Array): Node {
    if (node === null) return new Leaf(key, value);
    if (node instanceof HashRef) throw new Error(`trie: unresolved node on an insert path (${bytesToHex(node.hash)})`);
    if (node instanceof Leaf) {
      if (bytesEqual(node.key, key)) {
        node.value = value;
        node.ref = null;
        return node;
      }
      const shared = sharedNibbles(node.key, key, depth);
      node.ref = null; // it moves below a new branch
      const branch = new Branch();
      placeBelow(branch, node, node.key, node.value, depth + shared);
      placeBelow(branch, new Leaf(key, value), key, value, depth + shared);
      return shared === 0 ? branch : new Extension(nibbles(key, depth, depth + shared), branch);
    }
    if (node instanceof Extension) {
      const path = node.path;
      let shared = 0;
      while (shared < path.length && depth + shared < 2 * key.length && nibble(key, depth + shared) === path[shared]) shared++;
      if (shared === path.length) {
        node.child = this.insert(node.child, key, depth + shared, value);
        node.ref = null;
        return node;
      }
      // The new key leaves the path at `shared`: a branch there, the rest of the path below it.
      const branch = new Branch();
      branch.children[path[shared]!] = shared + 1 === path.length ? node.child : new Extension(path.subarray(shared + 1), node.child);
      placeBelow(branch, new Leaf(key, value), key, value, depth + shared);
      return shared === 0 ? branch : new Extension(path.subarray(0, shared), branch);
    }
    node.ref = null;
    if (depth === 2 * key.length) node.value = value;
    else {
      const n = nibble(key, depth);
      node.children[n] = this.insert(node.children[n]!, key, depth + 1, value);
    }
    return node;
  }

  /** `node` without `key` (which is present, on a resolved path), collapsed where a branch is left with one item. */
  private remove(node: Node, key: Uint8Array, depth: number): Node | null {
    if (node instanceof Leaf) return null;
    if (node instanceof HashRef) throw new Error(`trie: unresolved node on a delete path (${bytesToHex(node.hash)})`);
    if (node instanceof Extension) {
      const child = this.remove(node.child, key, depth + node.path.length)!;
      if (child instanceof Leaf) return child; // the leaf's path now starts at the extension's depth
      if (child instanceof Extension) return new Extension(concatNibbles(node.path, child.path), child.child);
      node.child = child;
      node.ref = null;
      return node;
    }
    if (depth === 2 * key.length) node.value = null;
    else {
      const n = nibble(key, depth);
      // Resolve the siblings this branch may collapse into before anything changes (see the file comment).
      if (countItems(node) <= 2) this.resolveChildren(node, key, depth);
      node.children[n] = this.remove(node.children[n]!, key, depth + 1);
    }
    node.ref = null;
    return collapse(node, key, depth);
  }

  private resolveChildren(branch: Branch, key: Uint8Array, depth: number): void {
    for (let n = 0; n < 16; n++) {
      const child = branch.children[n];
      if (child instanceof HashRef) branch.children[n] = this.resolve(child, concatNibbles(nibbles(key, 0, depth), Uint8Array.of(n)));
    }
  }

  // ── resolution ───────────────────────────────────────────────────────────────────────────────────────

  /** The node behind `ref`, decoded; `prefix` (nibbles) is its path from the root. */
  private resolve(ref: HashRef, prefix: Uint8Array): Leaf | Extension | Branch {
    if (this.resolver === undefined) throw new Error(`trie: node ${bytesToHex(ref.hash)} is not loaded and there is no resolver`);
    const encoded = this.resolver(ref.hash);
    if (!bytesEqual(keccak256(encoded), ref.hash)) throw new Error(`trie: the node supplied for ${bytesToHex(ref.hash)} has another hash`);
    const node = decodeNode(rlpDecode(encoded), prefix);
    node.ref = ref.ref; // unchanged, so its hash is known
    return node;
  }
}

// ── building ───────────────────────────────────────────────────────────────────────────────────────────

/** The node holding keys[lo, hi) (sorted, distinct, sharing their first `depth` nibbles), refs computed. */
function buildNode(keys: readonly Uint8Array[], values: readonly Uint8Array[], lo: number, hi: number, depth: number): Node {
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
function refOf(node: Node, depth: number): Uint8Array {
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
function encode(node: Leaf | Extension | Branch, depth: number): Uint8Array {
  if (node instanceof Leaf) return encodeLeaf(node.key, depth, node.value);
  if (node instanceof Extension) return encodeExtension(node.path, refOf(node.child, depth + node.path.length));
  return encodeBranch(childRefs(node, depth), node.value);
}

/** A node from its decoded RLP; `prefix` is its path from the root (nibbles), to rebuild leaves' keys. */
function decodeNode(item: RlpItem, prefix: Uint8Array): Leaf | Extension | Branch {
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
  if (Array.isArray(pathItem) || pathItem.length === 0) throw new Error('trie: malformed node path');
  const flag = pathItem[0]! >> 4;
  if (flag > 3) throw new Error('trie: malformed hex-prefix flag');
  const path: number[] = [];
  if (flag & 1) path.push(pathItem[0]! & 0x0f);
  for (let i = 1; i < pathItem.length; i++) path.push(pathItem[i]! >> 4, pathItem[i]! & 0x0f);
  const full = concatNibbles(prefix, Uint8Array.from(path));
  if (flag & 2) {
    if (Array.isArray(second)) throw new Error('trie: a leaf value must be a string');
    if (full.length % 2 !== 0) throw new Error('trie: a leaf key has an odd number of nibbles');
    return new Leaf(packNibbles(full), second);
  }
  const child = decodeChild(second, full);
  if (child === null) throw new Error('trie: an extension without a child');
  return new Extension(Uint8Array.from(path), child);
}

function decodeChild(item: RlpItem, prefix: Uint8Array): Node | null {
  if (Array.isArray(item)) return decodeNode(item, prefix); // embedded: its ref is recomputed if needed
  if (item.length === 0) return null;
  if (item.length !== 32) throw new Error(`trie: a child reference is 32 bytes or an embedded node, not ${item.length} bytes`);
  return new HashRef(item);
}

// ── proofs ─────────────────────────────────────────────────────────────────────────────────────────────

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
      const pathItem = item[0]!;
      if (Array.isArray(pathItem) || pathItem.length === 0) throw new ProofError('proof: malformed node path');
      const flag = pathItem[0]! >> 4;
      const path: number[] = [];
      if (flag & 1) path.push(pathItem[0]! & 0x0f);
      for (let i = 1; i < pathItem.length; i++) path.push(pathItem[i]! >> 4, pathItem[i]! & 0x0f);
      if (depth + path.length > end) return null;
      for (let i = 0; i < path.length; i++) if (nibble(key, depth + i) !== path[i]) return null;
      depth += path.length;
      if (flag & 2) return depth === end ? emptyToNull(item[1]!) : null;
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

// ── helpers ────────────────────────────────────────────────────────────────────────────────────────────

/** How many nibbles `a` and `b` share from `depth` on. */
function sharedNibbles(a: Uint8Array, b: Uint8Array, depth: number): number {
  const end = 2 * Math.min(a.length, b.length);
  let i = depth;
  while (i < end && nibble(a, i) === nibble(b, i)) i++;
  return i - depth;
}

/** Hangs a (fresh or moved) leaf for `key` in `branch` at `depth`: as the branch value if the key ends there. */
function placeBelow(branch: Branch, leaf: Leaf, key: Uint8Array, value: Uint8Array, depth: number): void {
  if (depth === 2 * key.length) branch.value = value;
  else branch.children[nibble(key, depth)] = leaf;
}

/** Children plus the value of a branch. */
function countItems(branch: Branch): number {
  let count = branch.value === null ? 0 : 1;
  for (let n = 0; n < 16; n++) if (branch.children[n] !== null) count++;
  return count;
}

/** A branch left with one item becomes that item, one level up; with two or more it stays. */
function collapse(branch: Branch, key: Uint8Array, depth: number): Node | null {
  let only = -1;
  for (let n = 0; n < 16; n++) {
    if (branch.children[n] === null) continue;
    if (only >= 0 || branch.value !== null) return branch;
    only = n;
  }
  if (only < 0) return branch.value === null ? null : new Leaf(key.subarray(0, depth >> 1), branch.value);
  const child = branch.children[only]!;
  if (child instanceof Leaf) {
    child.ref = null;
    return child;
  }
  if (child instanceof Extension) return new Extension(concatNibbles(Uint8Array.of(only), child.path), child.child);
  if (child instanceof HashRef) throw new Error('trie: a collapsing branch kept an unresolved child');
  return new Extension(Uint8Array.of(only), child);
}

function concatNibbles(a: Uint8Array, b: Uint8Array): Uint8Array {
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
