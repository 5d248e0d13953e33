/**
 * Transaction rules that change by fork, as data built fork by fork from deltas: which EIP-2718 transaction
 * types a fork accepts. Per-transaction limits that later forks add belong here as further fields.
 */
import { perFork } from './deltas.js';
import { Fork, LATEST_FORK } from './fork.js';

/** EIP-2718 transaction type numbers: 0 legacy, 1 access list, 2 dynamic fee, 3 blob, 4 set code. */
export type TxTypeNumber = 0 | 1 | 2 | 3 | 4;

/** The transaction rules of one fork. */
export interface TxRules {
  /** Transaction types the fork accepts; any other is rejected. */
  readonly types: readonly TxTypeNumber[];
  /** The largest gas limit a transaction may carry (EIP-7825); undefined: only the block's limit bounds it. */
  readonly maxGasLimit?: bigint;
  /** The most blobs one transaction may carry (EIP-7594); undefined: only the block's blob limit bounds it. */
  readonly maxBlobsPerTx?: number;
}

const FRONTIER: TxRules = { types: [0] };

const CHANGES: Partial<Record<Fork, Partial<TxRules>>> = {
  [Fork.Berlin]: { types: [0, 1] }, // EIP-2930
  [Fork.London]: { types: [0, 1, 2] }, // EIP-1559
  [Fork.Cancun]: { types: [0, 1, 2, 3] }, // EIP-4844
  [Fork.Prague]: { types: [0, 1, 2, 3, 4] }, // EIP-7702
  [Fork.Osaka]: { maxGasLimit: 1n << 24n, maxBlobsPerTx: 6 }, // EIP-7825, EIP-7594
};

const RULES = perFork(FRONTIER, CHANGES);

/** The transaction rules in force in `fork`. */
export function txRules(fork: Fork): TxRules {
  return RULES[fork];
}

/** The first fork that accepts transactions of `type`, or undefined for a type no fork knows. */
export function txTypeSince(type: number): Fork | undefined {
  for (let fork = Fork.Frontier; fork <= LATEST_FORK; fork++) {
    if ((RULES[fork].types as readonly number[]).includes(type)) return fork;
  }
  return undefined;
}
