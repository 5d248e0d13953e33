/**
 * The state trie kept between roots: the account trie and one storage trie per account with storage, each
 * with its root cached. The world state tells it which accounts and slots changed since the last root;
 * only those paths are re-hashed. A storage trie belongs to one Account object: when the object at an
 * address changes (a contract created over it, a rollback bringing back the old one), its storage is
 * rebuilt from that object.
 *
 * Without a source the first root is built bottom-up from the whole state (every node hashed once). Over a
 * source the tries start as the source's roots and resolve the nodes an update walks through from it.
 */
import type { Address } from '../primitives/address.js';
import { bigIntToBytes, bytesEqual, hexToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { boundedMemo } from '../primitives/memo.js';
import type { Account } from './account.js';
import { EMPTY_TRIE_ROOT, sortedOrder } from './mpt.js';
import { MissingStateError, type MissingState, type StateSource } from './source.js';
import { Trie, type NodeResolver } from './trie.js';

/**
 * Trie keys by address and slot. keccak256 is most of a root's cost and the same addresses and slots recur
 * in every case of a fixture file (a third of underflowTest's hashes).
 */
const KEY_CACHE_LIMIT = 1 << 16;
/** keccak256(address): the account's key in the state trie. */
export const addressKey = boundedMemo(KEY_CACHE_LIMIT, (address: string) => keccak256(hexToBytes(address)));
/** keccak256(slot as 32 bytes): the slot's key in a storage trie. */
export const slotKey = boundedMemo(KEY_CACHE_LIMIT, (slot: bigint) => keccak256(bigIntToBytes(slot, 32)));

/**
 * A storage trie leaf: the RLP of the value's minimal big-endian bytes (empty: absent). Leaves are written
 * by hand, in one allocation each: the generic RLP encoder's concatenations stood out in a large first
 * root's CPU profile.
 */
export function slotValue(value: bigint): Uint8Array {
  if (value === 0n) return new Uint8Array(0);
  if (value < 0x80n) return Uint8Array.of(Number(value));
  const hex = value.toString(16);
  const out = new Uint8Array(1 + ((hex.length + 1) >> 1));
  out[0] = 0x80 + out.length - 1;
  writeHex(out, 1, hex);
  return out;
}

/** An account's state-trie leaf: rlp([nonce, balance, storage root, code hash]). */
export function accountLeaf(account: Account, storageRoot: Uint8Array): Uint8Array {
  const out = new Uint8Array(MAX_ACCOUNT_LEAF);
  return out.subarray(0, writeAccountLeaf(out, 0, account, storageRoot));
}

/** The longest account leaf: a 64-bit nonce (EIP-2681) and a 256-bit balance. */
const MAX_ACCOUNT_LEAF = 2 + 9 + 33 + 66;

/** Writes the account's leaf at `start` of `out` (room for MAX_ACCOUNT_LEAF bytes); returns its length. */
function writeAccountLeaf(out: Uint8Array, start: number, account: Account, storageRoot: Uint8Array): number {
  const nonce = account.nonce === 0n ? '' : account.nonce.toString(16);
  const balance = account.balance === 0n ? '' : account.balance.toString(16);
  const payload = numberLength(account.nonce, nonce) + numberLength(account.balance, balance) + 66;
  // The payload is 68..108 bytes: a long list header of one length byte.
  out[start] = 0xf8;
  out[start + 1] = payload;
  let p = writeNumber(out, start + 2, account.nonce, nonce);
  p = writeNumber(out, p, account.balance, balance);
  out[p] = 0xa0;
  out.set(storageRoot, p + 1);
  out[p + 33] = 0xa0;
  out.set(account.codeHash, p + 34);
  return 2 + payload;
}

/** RLP length of an integer below 2^256 given with its hex digits ('' for zero). */
function numberLength(value: bigint, hex: string): number {
  if (hex === '') return 1;
  return value < 0x80n ? 1 : 1 + ((hex.length + 1) >> 1);
}

function writeNumber(out: Uint8Array, p: number, value: bigint, hex: string): number {
  if (hex === '') {
    out[p] = 0x80;
    return p + 1;
  }
  if (value < 0x80n) {
    out[p] = Number(value);
    return p + 1;
  }
  const length = (hex.length + 1) >> 1;
  out[p] = 0x80 + length;
  writeHex(out, p + 1, hex);
  return p + 1 + length;
}

/** Writes hex digits (no prefix, any length) as big-endian bytes at `p`. */
function writeHex(out: Uint8Array, p: number, hex: string): void {
  let i = 0;
  if (hex.length & 1) out[p++] = digit(hex.charCodeAt(i++));
  for (; i < hex.length; i += 2) out[p++] = (digit(hex.charCodeAt(i)) << 4) | digit(hex.charCodeAt(i + 1));
}

function digit(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57; // 0-9, a-f (toString(16) writes lower case)
}

/** What the state trie reads of the world state. */
export interface TrieWorld {
  source(): StateSource | null;
  /** The account held in memory (undefined: none, or not read from the source yet). */
  cached(address: Address): Account | undefined;
  /** True when `address` certainly has no account (rather than one not read yet). */
  knownAbsent(address: Address): boolean;
  /** Every account in memory (the whole state when there is no source). */
  accounts(): Iterable<[Address, Account]>;
}

interface StorageEntry {
  readonly account: Account;
  readonly trie: Trie;
  root: Uint8Array;
}

/** The account trie and storage tries of one world state. */
export class StateTrie {
  private accountTrie: Trie | null = null;
  private readonly storage = new Map<Address, StorageEntry>();

  constructor(private readonly world: TrieWorld) {}

  /**
   * Brings the tries up to date with `pending` (address → changed slots; synced addresses are removed from
   * it) and returns the state root. With `collect`, a missing trie node is recorded there and that account
   * left pending instead of thrown.
   */
  root(pending: Map<Address, Set<bigint>>, collect: MissingState[] | null): Uint8Array {
    if (this.accountTrie === null) {
      const source = this.world.source();
      if (source === null) {
        this.build();
        pending.clear();
        return this.accountTrie!.hash();
      }
      if (source.stateRoot === undefined) throw new Error('state root: the state source does not give its state root (StateSource.stateRoot)');
      this.accountTrie = Trie.fromRoot(source.stateRoot(), this.resolver(undefined));
    }
    for (const [address, slots] of pending) {
      try {
        this.sync(address, slots);
        pending.delete(address);
      } catch (e) {
        if (collect === null || !(e instanceof MissingStateError)) throw e;
        collect.push(e.missing);
      }
    }
    return this.accountTrie.hash();
  }

  /** The storage root of `account` now (`slots`: changed since the last root), without touching the account trie. */
  storageRoot(address: Address, account: Account, slots: Set<bigint> | undefined, collect: MissingState[] | null): Uint8Array {
    try {
      return this.syncStorage(address, account, slots);
    } catch (e) {
      if (collect === null || !(e instanceof MissingStateError)) throw e;
      collect.push(e.missing);
      return account.sourceRoot ?? EMPTY_TRIE_ROOT; // stand-in while speculating
    }
  }

  /** The Merkle proof of the account at `address` (call after root()). */
  proveAccount(address: Address): Uint8Array[] {
    return this.accountTrie!.prove(addressKey(address));
  }

  /** The Merkle proof of `slot` in `account`'s storage (call after root()). */
  proveSlot(address: Address, account: Account, slot: bigint): Uint8Array[] {
    const entry = this.storage.get(address);
    const trie = entry !== undefined && entry.account === account ? entry.trie : this.openStorage(address, account);
    return trie.prove(slotKey(slot));
  }

  /** Every hashed node of the account trie and the storage tries (call after root()). */
  *nodes(): Generator<[Uint8Array, Uint8Array]> {
    if (this.accountTrie !== null) yield* this.accountTrie.nodes();
    for (const entry of this.storage.values()) yield* entry.trie.nodes();
  }

  private sync(address: Address, slots: Set<bigint>): void {
    const account = this.world.cached(address);
    const key = addressKey(address);
    if (account === undefined) {
      if (!this.world.knownAbsent(address)) return; // never read from the source: unchanged
      this.accountTrie!.delete(key);
      this.storage.delete(address);
      return;
    }
    const storageRoot = this.syncStorage(address, account, slots);
    this.accountTrie!.put(key, accountLeaf(account, storageRoot));
  }

  private syncStorage(address: Address, account: Account, slots: Set<bigint> | undefined): Uint8Array {
    const entry = this.storage.get(address);
    if (entry !== undefined && entry.account === account) {
      if (slots !== undefined && slots.size > 0) {
        for (const slot of slots) entry.trie.put(slotKey(slot), slotValue(account.storage.get(slot)?.current ?? 0n));
        entry.root = entry.trie.hash();
      }
      return entry.root;
    }
    // Another account object than the trie was built for (or none yet): its storage from scratch.
    const trie = this.openStorage(address, account);
    const root = trie.hash();
    if (bytesEqual(root, EMPTY_TRIE_ROOT)) this.storage.delete(address);
    else this.storage.set(address, { account, trie, root });
    return root;
  }

  /** The storage trie of `account`: built from its slots, or opened at its source root plus what was written. */
  private openStorage(address: Address, account: Account): Trie {
    if (account.sourceRoot === null) return buildStorage(account);
    const trie = Trie.fromRoot(account.sourceRoot, this.resolver(address));
    for (const slot of account.written!) trie.put(slotKey(slot), slotValue(account.storage.get(slot)?.current ?? 0n));
    return trie;
  }

  /** The whole state at once: a storage trie per account with storage, then the account trie, bottom-up. */
  private build(): void {
    const keys: Uint8Array[] = [];
    const leaves: Uint8Array[] = [];
    // The leaves are views of shared buffers: a Uint8Array of its own per leaf (over 64 bytes, so outside
    // V8's heap) made the kept trie's first root cost more than a root that keeps nothing.
    let arena = new Uint8Array(0);
    let used = 0;
    for (const [address, account] of this.world.accounts()) {
      let root = EMPTY_TRIE_ROOT;
      if (account.storage.size > 0) {
        const trie = buildStorage(account);
        root = trie.hash();
        if (!bytesEqual(root, EMPTY_TRIE_ROOT)) this.storage.set(address, { account, trie, root });
      }
      if (used + MAX_ACCOUNT_LEAF > arena.length) {
        arena = new Uint8Array(1 << 16);
        used = 0;
      }
      const length = writeAccountLeaf(arena, used, account, root);
      keys.push(addressKey(address));
      leaves.push(arena.subarray(used, used + length));
      used += length;
    }
    this.accountTrie = buildSorted(keys, leaves);
  }

  private resolver(owner: Address | undefined): NodeResolver {
    return (hash) => {
      const node = this.world.source()?.trieNode?.(hash);
      if (node === undefined) throw new MissingStateError({ kind: 'node', hash, address: owner });
      return node;
    };
  }
}

/** The storage trie of an account whose storage is all in memory. */
function buildStorage(account: Account): Trie {
  const keys: Uint8Array[] = [];
  const values: Uint8Array[] = [];
  for (const [key, slot] of account.storage) {
    if (slot.current === 0n) continue; // a zero slot is absent from the trie
    keys.push(slotKey(key));
    values.push(slotValue(slot.current));
  }
  return buildSorted(keys, values);
}

function buildSorted(keys: Uint8Array[], values: Uint8Array[]): Trie {
  const order = sortedOrder(keys);
  return Trie.build(
    order.map((i) => keys[i]!),
    order.map((i) => values[i]!),
  );
}
