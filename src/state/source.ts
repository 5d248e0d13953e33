/**
 * Where the world state reads what it does not hold yet: a synchronous, read-only `StateSource`. The world
 * state asks the source on a miss and caches the answer, so the interpreter's reads stay synchronous and, for
 * state already in memory, cost what a map lookup costs. A source that cannot answer at once (a node over
 * JSON-RPC, a database) throws a MissingStateError; `withStateFetch` (fetch.ts) collects those, awaits one
 * fetch for all of them and runs again.
 */
import type { Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/bytes.js';

/** What a source knows of an account (the four fields of its state-trie leaf). */
export interface SourceAccount {
  readonly nonce: bigint;
  readonly balance: bigint;
  /** keccak256 of the code (KECCAK_EMPTY: no code). */
  readonly codeHash: Uint8Array;
  /** Root of the account's storage trie (EMPTY_TRIE_ROOT: no storage). */
  readonly storageRoot: Uint8Array;
}

/** A synchronous, read-only view of a state held elsewhere. Any method may throw a MissingStateError. */
export interface StateSource {
  /** The account at `address`, or undefined when none exists. */
  account(address: Address): SourceAccount | undefined;
  /** A storage slot's value (0n when unset); asked only of accounts whose storage root is not empty. */
  storage(address: Address, slot: bigint): bigint;
  /** The code whose keccak256 is `codeHash` (asked when an account with code is first read). */
  code(codeHash: Uint8Array): Uint8Array;
  /** The state root of the source's state: roots and proofs over a source start from it. */
  stateRoot?(): Uint8Array;
  /** A trie node's RLP by its keccak256 hash: the paths a root or proof walks through state not in memory. */
  trieNode?(hash: Uint8Array): Uint8Array | undefined;
  /** BLOCKHASH of block `number` (see WorldState.blockHash). */
  blockHash?(number: bigint): bigint;
}

/** One piece of state a source could not supply. */
export type MissingState =
  | { readonly kind: 'account'; readonly address: Address }
  | { readonly kind: 'storage'; readonly address: Address; readonly slot: bigint }
  | { readonly kind: 'code'; readonly codeHash: Uint8Array; readonly address?: Address }
  | { readonly kind: 'node'; readonly hash: Uint8Array; readonly address?: Address }
  | { readonly kind: 'blockHash'; readonly number: bigint };

/** Thrown by a source (or the world state on its behalf) for state it cannot supply synchronously. */
export class MissingStateError extends Error {
  /** The account concerned (absent for a block hash or a node of the account trie). */
  readonly address: Address | undefined;
  /** The storage slot, for a missing slot. */
  readonly slot: bigint | undefined;

  constructor(readonly missing: MissingState) {
    super(`missing state: ${describeMissing(missing)}`);
    this.name = 'MissingStateError';
    this.address = 'address' in missing ? missing.address : undefined;
    this.slot = missing.kind === 'storage' ? missing.slot : undefined;
  }
}

/** One line naming what is missing, e.g. `storage 0x12 of 0xabc…`. */
export function describeMissing(m: MissingState): string {
  switch (m.kind) {
    case 'account':
      return `account ${m.address}`;
    case 'storage':
      return `storage slot 0x${m.slot.toString(16)} of ${m.address}`;
    case 'code':
      return `code ${bytesToHex(m.codeHash)}${m.address === undefined ? '' : ` of ${m.address}`}`;
    case 'node':
      return `trie node ${bytesToHex(m.hash)}${m.address === undefined ? '' : ` (storage of ${m.address})`}`;
    case 'blockHash':
      return `hash of block ${m.number}`;
  }
}

/** A stable text key per missing item (to drop duplicates). */
export function missingKey(m: MissingState): string {
  switch (m.kind) {
    case 'account':
      return `a${m.address}`;
    case 'storage':
      return `s${m.address}${m.slot.toString(16)}`;
    case 'code':
      return `c${bytesToHex(m.codeHash)}`;
    case 'node':
      return `n${bytesToHex(m.hash)}`;
    case 'blockHash':
      return `b${m.number}`;
  }
}
