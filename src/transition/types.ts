/** Plain data the transaction layer consumes and produces: block environment, transactions, results. */
import type { BlobSchedule } from '../forks/blob.js';
import type { Address } from '../primitives/address.js';
import type { StateDiff } from '../state/diff.js';
import type { Log } from '../state/logs.js';

/** The block a transaction runs in. */
export interface BlockEnv {
  readonly coinbase: Address;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  /** EIP-1559 base fee (London on); 0 before. */
  readonly baseFee: bigint;
  /** PREVRANDAO (Paris on). */
  readonly prevRandao: bigint;
  /** DIFFICULTY (before Paris). */
  readonly difficulty: bigint;
  /** EIP-4844 excess blob gas (Cancun on). */
  readonly excessBlobGas: bigint;
  /** The chain's own blob schedule (e.g. a fixture's `config.blobSchedule`); absent: the fork's built-in one. */
  readonly blobSchedule?: BlobSchedule;
  readonly chainId: bigint;
  /** BLOCKHASH source; state tests use keccak256 of the decimal block number. */
  readonly blockHash: (number: bigint) => bigint;
}

/** An EIP-2930 access-list entry. */
export interface AccessListEntry {
  readonly address: Address;
  readonly storageKeys: readonly bigint[];
}

/** An EIP-7702 authorization tuple: `authority` (recovered from the signature) delegates to `address`. */
export interface Authorization {
  /** 0 (any chain) or the chain's id; below 2^256. */
  readonly chainId: bigint;
  readonly address: Address;
  /** Below 2^64. */
  readonly nonce: bigint;
  /** Below 2^8; only 0 and 1 recover a signer. */
  readonly yParity: number;
  readonly r: bigint;
  readonly s: bigint;
}

/** Fields every transaction type has; the sender is already known (recovered or given). */
interface TxCommon {
  readonly sender: Address;
  readonly nonce: bigint;
  readonly gasLimit: bigint;
  readonly value: bigint;
  /** Call data, or initcode for a creation. */
  readonly data: Uint8Array;
}

/** Type 0: a legacy transaction. `to` null creates a contract. */
export interface LegacyTransaction extends TxCommon {
  readonly type: 0;
  readonly to: Address | null;
  readonly gasPrice: bigint;
}

/** Type 1 (EIP-2930): a legacy price with an access list. */
export interface AccessListTransaction extends TxCommon {
  readonly type: 1;
  readonly to: Address | null;
  readonly gasPrice: bigint;
  /** Absent means empty. */
  readonly accessList?: readonly AccessListEntry[];
}

/** Type 2 (EIP-1559): base fee plus tip. */
export interface DynamicFeeTransaction extends TxCommon {
  readonly type: 2;
  readonly to: Address | null;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  /** Absent means empty. */
  readonly accessList?: readonly AccessListEntry[];
}

/** Type 3 (EIP-4844): carries blobs; cannot create a contract. */
export interface BlobTransaction extends TxCommon {
  readonly type: 3;
  readonly to: Address;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  /** Absent means empty. */
  readonly accessList?: readonly AccessListEntry[];
  readonly maxFeePerBlobGas: bigint;
  readonly blobVersionedHashes: readonly Uint8Array[];
}

/** Type 4 (EIP-7702): sets delegation designators; cannot create a contract. */
export interface SetCodeTransaction extends TxCommon {
  readonly type: 4;
  readonly to: Address;
  readonly maxFeePerGas: bigint;
  readonly maxPriorityFeePerGas: bigint;
  /** Absent means empty. */
  readonly accessList?: readonly AccessListEntry[];
  /** Must not be empty. */
  readonly authorizationList: readonly Authorization[];
}

/** A transaction as evmkit executes it, discriminated by its EIP-2718 `type`. */
export type Transaction =
  | LegacyTransaction
  | AccessListTransaction
  | DynamicFeeTransaction
  | BlobTransaction
  | SetCodeTransaction;

/** The EIP-2718 type numbers. */
export type TxType = Transaction['type'];

// Defined with the state they describe; re-exported for the transaction layer's users.
export type { AccountInit, Alloc } from '../state/alloc.js';
export type { Log } from '../state/logs.js';

/** How a transaction ended. `invalid` means it was rejected and the state is unchanged. */
export type TxStatus = 'success' | 'revert' | 'halt' | 'invalid';

/** The outcome of executing one transaction. */
export interface TxResult {
  readonly status: TxStatus;
  /** Rejection reason for `invalid` (e.g. 'nonce too low'), halt reason for `halt`. */
  readonly error?: string;
  readonly gasUsed: bigint;
  /** The refund applied to gasUsed (after EIP-3529's cap); absent for a rejected transaction. */
  readonly gasRefund?: bigint;
  readonly output: Uint8Array;
  readonly logs: readonly Log[];
  /** For a successful creation, the new contract's address. */
  readonly createdAddress?: Address;
  /** The accounts and slots the transaction changed, before and after (absent when it was rejected). */
  readonly diff?: StateDiff;
}
