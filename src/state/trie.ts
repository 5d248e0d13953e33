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
import { rlpDecode } from '../primitives/rlp.js';
import { EMPTY_TRIE_ROOT, nibble, nibbles, rootHash } from './mpt.js';
import { Branch, Extension, HashRef, Leaf, buildNode, concatNibbles, decodeNode, encode, refOf, type Node } from './trie-nodes.js';

export { ProofError, verifyTrieProof } from './trie-proof.js';

/** Supplies the RLP of a trie node by its hash; throws when it cannot (e.g. a MissingStateError). */
export type NodeResolver = (hash: Uint8Array) => Uint8Array;

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
