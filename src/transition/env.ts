/** Building a BlockEnv for library use: defaults for every field, and BLOCKHASH from the hashes the caller knows. */
import type { BlobSchedule } from '../forks/blob.js';
import { parseAddress, type Address } from '../primitives/address.js';
import { bytesToBigInt, hexToBytes } from '../primitives/bytes.js';
import type { BlockEnv } from './types.js';

/** Block fields for blockEnv(); each is optional. */
export interface BlockEnvInit {
  /** The fee recipient; any spelling parseAddress accepts (checksummed or lower case). */
  readonly coinbase?: Address | string;
  readonly number?: bigint;
  readonly timestamp?: bigint;
  readonly gasLimit?: bigint;
  readonly baseFee?: bigint;
  readonly prevRandao?: bigint;
  readonly difficulty?: bigint;
  readonly excessBlobGas?: bigint;
  /** The chain's blob schedule; absent: the fork's built-in one. */
  readonly blobSchedule?: BlobSchedule;
  readonly chainId?: bigint;
  /**
   * The hashes of earlier blocks BLOCKHASH may read, by block number (32 bytes, hex or a word). A block not
   * named hashes to 0, as does every block when neither this nor `blockHash` is given: the EVM never invents
   * ancestors. (State tests define their own rule, keccak256 of the decimal number; pass it as `blockHash`.)
   */
  readonly blockHashes?: ReadonlyMap<bigint, bigint | Uint8Array | string>;
  /** BLOCKHASH as a function of the block number (the interpreter asks only within the last 256 blocks). */
  readonly blockHash?: (number: bigint) => bigint;
}

const NO_ANCESTORS = (): bigint => 0n;

/** A hash given as a word, 32 bytes or hex, as a word; throws naming the block. */
function hashWord(number: bigint, hash: bigint | Uint8Array | string): bigint {
  if (typeof hash === 'bigint') {
    if (hash < 0n || hash >= 1n << 256n) throw new RangeError(`blockHashes[${number}]: not a 256-bit hash`);
    return hash;
  }
  const bytes = typeof hash === 'string' ? hexToBytes(hash) : hash;
  if (bytes.length !== 32) throw new RangeError(`blockHashes[${number}]: expected 32 bytes, got ${bytes.length}`);
  return bytesToBigInt(bytes);
}

/** BLOCKHASH from `blockHash`, or from the map of known hashes (each checked now, not when a contract asks). */
function blockHashFrom(init: BlockEnvInit): (number: bigint) => bigint {
  if (init.blockHash !== undefined && init.blockHashes !== undefined) throw new TypeError('blockEnv: give blockHash or blockHashes, not both');
  if (init.blockHash !== undefined) return init.blockHash;
  if (init.blockHashes === undefined) return NO_ANCESTORS;
  const known = new Map<bigint, bigint>();
  for (const [number, hash] of init.blockHashes) known.set(number, hashWord(number, hash));
  return (number) => known.get(number) ?? 0n;
}

/**
 * A block environment with defaults: block 1, timestamp 0, gas limit 30M, base fee 7 wei (the EIP-1559
 * minimum), chain id 1, no known ancestors (BLOCKHASH is 0 unless `blockHashes` or `blockHash` says otherwise).
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
    blockHash: blockHashFrom(init),
    ...(init.blobSchedule === undefined ? {} : { blobSchedule: init.blobSchedule }),
  };
}
