/** Block environments with defaults, for the engine and for createEvm. */
import { stateTestBlockHash } from '../statetest/env.js';
import { parseAddress, type Address } from '../primitives/address.js';
import type { BlockEnv } from '../transition/types.js';
import type { BlobSchedule } from '../forks/blob.js';

/** Block fields for blockEnv(); each is optional. */
export interface BlockEnvInit {
  coinbase?: Address | string;
  number?: bigint;
  timestamp?: bigint;
  gasLimit?: bigint;
  baseFee?: bigint;
  prevRandao?: bigint;
  difficulty?: bigint;
  excessBlobGas?: bigint;
  /** The chain's blob schedule; absent: the fork's built-in one. */
  blobSchedule?: BlobSchedule;
  chainId?: bigint;
  blockHash?: (n: bigint) => bigint;
}

/**
 * A block environment with sensible defaults: block 1, timestamp 0, gas limit 30M, base fee 7 wei (the
 * EIP-1559 minimum), chain id 1, BLOCKHASH as state tests define it.
 */
export function blockEnv(init: BlockEnvInit = {}): BlockEnv {
  return {
    coinbase: parseAddress(init.coinbase ?? '0x0000000000000000000000000000000000000000'),
    number: init.number ?? 1n,
    timestamp: init.timestamp ?? 0n,
    gasLimit: init.gasLimit ?? 30_000_000n,
    baseFee: init.baseFee ?? 7n,
    prevRandao: init.prevRandao ?? 0n,
    difficulty: init.difficulty ?? 0n,
    excessBlobGas: init.excessBlobGas ?? 0n,
    chainId: init.chainId ?? 1n,
    blockHash: init.blockHash ?? stateTestBlockHash,
    ...(init.blobSchedule === undefined ? {} : { blobSchedule: init.blobSchedule }),
  };
}
