/** An account in the in-memory world state. */
import { KECCAK_EMPTY, keccak256 } from '../primitives/keccak.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';

/** A storage slot: its value now and at the start of the transaction (EIP-2200 "original"). */
export interface StorageSlot {
  current: bigint;
  original: bigint;
}

/** Mutable account record; only WorldState changes it (so that every change is journaled). */
export class Account {
  nonce: bigint;
  balance: bigint;
  code: Uint8Array;
  private hash: Uint8Array | undefined;
  /**
   * Slots read or written so far. When `sourceRoot` is null the map is the whole storage (a zero value is the
   * same as an absent slot); otherwise it caches slots of a storage held by a StateSource.
   */
  readonly storage: Map<bigint, StorageSlot>;
  /** Storage root of the account as its StateSource holds it; null when all its storage is in `storage`. */
  sourceRoot: Uint8Array | null = null;
  /** Slots written since the account came from a source (null for accounts whose storage is all here). */
  written: Set<bigint> | null = null;

  constructor(nonce = 0n, balance = 0n, code: Uint8Array = EMPTY_BYTES, storage = new Map<bigint, StorageSlot>()) {
    this.nonce = nonce;
    this.balance = balance;
    this.code = code;
    this.storage = storage;
  }

  /** An account read from a source: its code (already fetched) and hash, its storage left in the source. */
  static fromSource(nonce: bigint, balance: bigint, code: Uint8Array, codeHash: Uint8Array, storageRoot: Uint8Array | null): Account {
    const account = new Account(nonce, balance, code);
    account.hash = codeHash;
    if (storageRoot !== null) {
      account.sourceRoot = storageRoot;
      account.written = new Set();
    }
    return account;
  }

  /** keccak256 of the code, computed once per code. */
  get codeHash(): Uint8Array {
    if (this.hash === undefined) this.hash = this.code.length === 0 ? KECCAK_EMPTY : keccak256(this.code);
    return this.hash;
  }

  /** Replaces the code (and forgets the cached hash). */
  setCode(code: Uint8Array): void {
    this.code = code;
    this.hash = undefined;
  }

  /** EIP-161 emptiness: no code, zero nonce, zero balance. */
  isEmpty(): boolean {
    return this.nonce === 0n && this.balance === 0n && this.code.length === 0;
  }

  /** True when a slot held here is non-zero (for an account with a source root, the source may hold more). */
  hasStorage(): boolean {
    for (const slot of this.storage.values()) if (slot.current !== 0n) return true;
    return false;
  }

  /** A copy whose storage map and slots are independent of this one. */
  clone(): Account {
    const storage = new Map<bigint, StorageSlot>();
    for (const [k, s] of this.storage) storage.set(k, { current: s.current, original: s.original });
    const copy = new Account(this.nonce, this.balance, this.code, storage);
    copy.hash = this.hash;
    copy.sourceRoot = this.sourceRoot;
    copy.written = this.written === null ? null : new Set(this.written);
    return copy;
  }
}
