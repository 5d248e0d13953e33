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
  /** Slots that were ever read or written; a zero value is the same as an absent slot. */
  readonly storage: Map<bigint, StorageSlot>;

  constructor(nonce = 0n, balance = 0n, code: Uint8Array = EMPTY_BYTES, storage = new Map<bigint, StorageSlot>()) {
    this.nonce = nonce;
    this.balance = balance;
    this.code = code;
    this.storage = storage;
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

  /** True when any storage slot holds a non-zero value. */
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
    return copy;
  }
}
