/** Plain data the transaction layer consumes and produces: block environment, transactions, results. */
import type { Address } from '../primitives/address.js';
import type { Log } from '../state/types.js';

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
  readonly chainId: bigint;
  /** BLOCKHASH source; state tests use keccak256 of the decimal block number. */
  readonly blockHash: (number: bigint) => bigint;
}

/** An EIP-2930 access-list entry. */
export interface AccessListEntry {
  readonly address: Address;
  readonly storageKeys: readonly bigint[];
}

/** A transaction as evmkit executes it: sender already known, fields by type. */
export interface Transaction {
  /** 0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844 blob. */
  readonly type: 0 | 1 | 2 | 3;
  readonly sender: Address;
  /** null for contract creation. */
  readonly to: Address | null;
  readonly nonce: bigint;
  readonly gasLimit: bigint;
  readonly value: bigint;
  readonly data: Uint8Array;
  /** Types 0 and 1. */
  readonly gasPrice?: bigint;
  /** Types 2 and 3. */
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  readonly accessList?: readonly AccessListEntry[];
  /** Type 3. */
  readonly maxFeePerBlobGas?: bigint;
  readonly blobVersionedHashes?: readonly Uint8Array[];
}

// The state's own types live in state/types.ts (state/ must not import transition/); re-exported here.
export type { AccountInit, Alloc, Log } from '../state/types.js';

/** How a transaction ended. `invalid` means it was rejected and the state is unchanged. */
export type TxStatus = 'success' | 'revert' | 'halt' | 'invalid';

/** The outcome of executing one transaction. */
export interface TxResult {
  readonly status: TxStatus;
  /** Rejection reason for `invalid` (e.g. 'nonce too low'), halt reason for `halt`. */
  readonly error?: string;
  readonly gasUsed: bigint;
  readonly output: Uint8Array;
  readonly logs: readonly Log[];
  /** For a successful creation, the new contract's address. */
  readonly createdAddress?: Address;
}
