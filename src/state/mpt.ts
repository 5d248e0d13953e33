/**
 * One-shot Merkle-Patricia trie root (Yellow Paper appendix D). The whole key set is known up front, so
 * instead of inserting keys one by one (rehashing the path on every put), the keys are sorted and the trie
 * is built bottom-up over index ranges of the sorted array: every node is encoded and hashed exactly once.
 *
 * Node RLP is written by hand: a child is either embedded (its own RLP, when shorter than 32 bytes) or
 * referenced by hash, and both are already-encoded items that a generic RLP encoder would re-wrap as byte
 * strings. So every builder returns encoded bytes and lists are plain concatenations under a list header.
 * The node encoders are exported: the incremental trie (trie.ts) writes the same bytes.
 */
import { hexToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';

/** Root of the empty trie: keccak256(rlp('')). */
export const EMPTY_TRIE_ROOT = hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');

/** RLP of the empty string: an absent branch child or branch value. */
const RLP_EMPTY = 0x80;

/**
 * Root hash of the trie holding exactly `entries` (key → value). Keys are used as given (hash them first
 * for a secure trie) and may have any, also differing, lengths; a key that is a prefix of another ends up
 * as a branch value. As with repeated `put`s: an empty value means "absent" and a repeated key keeps its
 * last value. The root is always hashed, even when its RLP is shorter than 32 bytes.
 */
export function trieRoot(entries: ReadonlyArray<readonly [key: Uint8Array, value: Uint8Array]>): Uint8Array {
  const live = entries.filter((e) => e[1].length > 0);
  const order = sortedOrder(live.map((e) => e[0]));
  // The order is stable, so of equal keys the last given comes last: keep that one.
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (let i = 0; i < order.length; i++) {
    const [key, value] = live[order[i]!]!;
    if (keys.length > 0 && compareBytes(keys[keys.length - 1]!, key) === 0) values[values.length - 1] = value;
    else {
      keys.push(key);
      values.push(value);
    }
  }
  if (keys.length === 0) return EMPTY_TRIE_ROOT;
  return rootHash(node(keys, values, 0, keys.length, 0));
}

/**
 * The indexes of `keys` in byte order (a prefix first; equal keys in their given order). The comparator
 * looks at a 48-bit numeric prefix first, which decides nearly every comparison of hashed keys: 3× faster
 * than comparing the bytes each time.
 */
export function sortedOrder(keys: readonly Uint8Array[]): number[] {
  const n = keys.length;
  const prefix = new Float64Array(n);
  const order = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const key = keys[i]!;
    let v = 0;
    for (let j = 0; j < 6; j++) v = v * 256 + (j < key.length ? key[j]! : 0);
    prefix[i] = v;
    order[i] = i;
  }
  return order.sort((a, b) => prefix[a]! - prefix[b]! || compareBytes(keys[a]!, keys[b]!) || a - b);
}

/** The root hash from the root node's reference: the root is hashed even when its RLP is under 32 bytes. */
export function rootHash(ref: Uint8Array): Uint8Array {
  return ref.length === 33 ? ref.subarray(1) : keccak256(ref);
}

/** Byte order, a prefix first: the same as nibble order, so every subtree is a contiguous range. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** Nibble `i` of `key` (high nibble first). */
export function nibble(key: Uint8Array, i: number): number {
  const b = key[i >> 1]!;
  return i & 1 ? b & 0x0f : b >> 4;
}

/**
 * Reference to the node holding keys[lo, hi) (sorted, distinct, hi - lo ≥ 1), all of which share their
 * first `depth` nibbles.
 */
function node(keys: Uint8Array[], values: Uint8Array[], lo: number, hi: number, depth: number): Uint8Array {
  if (hi - lo === 1) return leafRef(keys[lo]!, depth, values[lo]!);
  // Sorted, so the prefix shared by the whole range is the one shared by its first and last key.
  const first = keys[lo]!;
  const last = keys[hi - 1]!;
  const end = 2 * Math.min(first.length, last.length);
  let split = depth;
  while (split < end && nibble(first, split) === nibble(last, split)) split++;
  if (split === depth) return branch(keys, values, lo, hi, depth);
  return extensionRef(nibbles(first, depth, split), branch(keys, values, lo, hi, split));
}

/** Nibbles [from, to) of `key`, one per byte. */
export function nibbles(key: Uint8Array, from: number, to: number): Uint8Array {
  const out = new Uint8Array(to - from);
  for (let i = from; i < to; i++) out[i - from] = nibble(key, i);
  return out;
}

/**
 * Node encoders. Each writes the node's RLP into one shared scratch buffer (a fresh Uint8Array per node of
 * 33+ bytes lives outside V8's heap and costs about a microsecond to allocate, as much as hashing it) and
 * then either returns a copy (`encode…`) or hashes it to the reference a parent holds (`…Ref`).
 */
let scratch = new Uint8Array(1024);

function scratchFor(length: number): Uint8Array {
  if (length > scratch.length) scratch = new Uint8Array(Math.max(length, 2 * scratch.length));
  return scratch;
}

/** RLP of a leaf holding `key` below `depth` nibbles: [hex-prefix(rest of the key, leaf), value]. */
export function encodeLeaf(key: Uint8Array, depth: number, value: Uint8Array): Uint8Array {
  return scratch.slice(0, writeLeaf(key, depth, value));
}

/** Reference to a leaf (see encodeLeaf). */
export function leafRef(key: Uint8Array, depth: number, value: Uint8Array): Uint8Array {
  return referenceOf(writeLeaf(key, depth, value));
}

function writeLeaf(key: Uint8Array, depth: number, value: Uint8Array): number {
  // A key has an even number of nibbles, so an odd remainder starts at an odd depth: the first nibble goes
  // into the flag byte and the rest is byte-aligned either way, a plain copy of the key's tail.
  const odd = depth & 1;
  const tail = key.subarray((depth + 1) >> 1);
  const pathLength = 1 + tail.length;
  const pathItem = pathLength === 1 ? 1 : headerLength(pathLength) + pathLength; // flag byte < 0x80: itself
  const payload = pathItem + stringLength(value);
  const length = headerLength(payload) + payload;
  const out = scratchFor(length);
  let p = writeHeader(out, 0, payload, 0xc0);
  if (pathLength > 1) p = writeHeader(out, p, pathLength, 0x80);
  out[p++] = odd ? 0x30 | (key[depth >> 1]! & 0x0f) : 0x20;
  out.set(tail, p);
  writeString(out, p + tail.length, value);
  return length;
}

/** RLP of an extension: [hex-prefix(path, not leaf), child reference]; `path` holds one nibble per byte. */
export function encodeExtension(path: Uint8Array, child: Uint8Array): Uint8Array {
  return scratch.slice(0, writeExtension(path, child));
}

/** Reference to an extension (see encodeExtension). */
export function extensionRef(path: Uint8Array, child: Uint8Array): Uint8Array {
  return referenceOf(writeExtension(path, child));
}

function writeExtension(path: Uint8Array, child: Uint8Array): number {
  const count = path.length;
  const odd = count & 1;
  const pathLength = 1 + (count >> 1);
  const pathItem = pathLength === 1 ? 1 : headerLength(pathLength) + pathLength;
  const payload = pathItem + child.length;
  const length = headerLength(payload) + payload;
  const out = scratchFor(length);
  let p = writeHeader(out, 0, payload, 0xc0);
  if (pathLength > 1) p = writeHeader(out, p, pathLength, 0x80);
  out[p++] = odd ? 0x10 | path[0]! : 0x00;
  for (let i = odd; i < count; i += 2) out[p++] = (path[i]! << 4) | path[i + 1]!;
  out.set(child, p);
  return length;
}

/** A branch at `depth`: 16 child references by the nibble at `depth`, then the value of a key ending here. */
function branch(keys: Uint8Array[], values: Uint8Array[], lo: number, hi: number, depth: number): Uint8Array {
  // Only the first (shortest) key of the range can end here: keys are distinct and sorted prefix-first.
  let value: Uint8Array | null = null;
  if (2 * keys[lo]!.length === depth) value = values[lo++]!;
  const children: (Uint8Array | null)[] = new Array(16).fill(null);
  for (let i = lo; i < hi; ) {
    const n = nibble(keys[i]!, depth);
    let j = i + 1;
    while (j < hi && nibble(keys[j]!, depth) === n) j++;
    children[n] = node(keys, values, i, j, depth + 1);
    i = j;
  }
  return branchRef(children, value);
}

/** RLP of a branch: 16 child references (null: no child), then the value of a key ending here (null: none). */
export function encodeBranch(children: ArrayLike<Uint8Array | null>, value: Uint8Array | null): Uint8Array {
  return scratch.slice(0, writeBranch(children, value));
}

/** Reference to a branch (see encodeBranch). */
export function branchRef(children: ArrayLike<Uint8Array | null>, value: Uint8Array | null): Uint8Array {
  return referenceOf(writeBranch(children, value));
}

function writeBranch(children: ArrayLike<Uint8Array | null>, value: Uint8Array | null): number {
  let payload = 16 + (value === null ? 1 : stringLength(value));
  for (let n = 0; n < 16; n++) {
    const child = children[n];
    if (child != null) payload += child.length - 1; // replaces the one-byte empty child counted above
  }
  const length = headerLength(payload) + payload;
  const out = scratchFor(length);
  let p = writeHeader(out, 0, payload, 0xc0);
  for (let n = 0; n < 16; n++) {
    const child = children[n];
    if (child == null) out[p++] = RLP_EMPTY;
    else {
      out.set(child, p);
      p += child.length;
    }
  }
  if (value === null) out[p] = RLP_EMPTY;
  else writeString(out, p, value);
  return length;
}

/** How a parent holds a child node: its RLP inline when shorter than 32 bytes, else rlp(keccak256(RLP)). */
export function reference(encoded: Uint8Array): Uint8Array {
  if (encoded.length < 32) return encoded;
  const out = new Uint8Array(33);
  out[0] = 0x80 + 32;
  out.set(keccak256(encoded), 1);
  return out;
}

/** The reference to the node whose RLP is the first `length` bytes of the scratch buffer. */
function referenceOf(length: number): Uint8Array {
  return length < 32 ? scratch.slice(0, length) : reference(scratch.subarray(0, length));
}

/** Length of the RLP header for a payload of `length` bytes (string or list). */
function headerLength(length: number): number {
  if (length <= 55) return 1;
  let n = 1;
  for (let l = length; l > 0xff; l = Math.floor(l / 256)) n++;
  return 1 + n;
}

/** Writes the RLP header of a string (offset 0x80) or list (offset 0xc0) of `length` bytes; returns the end. */
function writeHeader(out: Uint8Array, p: number, length: number, offset: number): number {
  if (length <= 55) {
    out[p] = offset + length;
    return p + 1;
  }
  const n = headerLength(length) - 1;
  out[p] = offset + 55 + n;
  for (let i = n, l = length; i > 0; i--, l = Math.floor(l / 256)) out[p + i] = l & 0xff;
  return p + 1 + n;
}

/** Length of `bytes` RLP-encoded as a string. */
function stringLength(bytes: Uint8Array): number {
  return bytes.length === 1 && bytes[0]! < 0x80 ? 1 : headerLength(bytes.length) + bytes.length;
}

/** Writes `bytes` RLP-encoded as a string; returns the end. */
function writeString(out: Uint8Array, p: number, bytes: Uint8Array): number {
  if (bytes.length !== 1 || bytes[0]! >= 0x80) p = writeHeader(out, p, bytes.length, 0x80);
  out.set(bytes, p);
  return p + bytes.length;
}
