/**
 * The fee fields a header derives from its parent: the EIP-1559 base fee (London) and the EIP-4844 excess
 * blob gas (Cancun), with EIP-7918's reserve price from Osaka.
 */
import { type BlobSchedule, GAS_PER_BLOB, blobBaseFee } from '../forks/blob.js';
import { Fork } from '../forks/fork.js';
import type { BlockHeader } from './header.js';

/** EIP-1559: the base fee of the first London block. */
export const INITIAL_BASE_FEE = 1_000_000_000n;
/** EIP-1559: the gas target is the limit over this. */
export const ELASTICITY_MULTIPLIER = 2n;
/** EIP-1559: the base fee moves by at most 1/8 per block. */
const BASE_FEE_MAX_CHANGE_DENOMINATOR = 8n;
/** EIP-7918: the blob base fee is kept above this many gas of execution per blob. */
export const BLOB_BASE_COST = 1n << 13n;

/** EIP-1559: the base fee of a child of `parent` (which is a London block: see `INITIAL_BASE_FEE` for the first). */
export function nextBaseFee(parentGasLimit: bigint, parentGasUsed: bigint, parentBaseFee: bigint): bigint {
  const target = parentGasLimit / ELASTICITY_MULTIPLIER;
  if (parentGasUsed === target) return parentBaseFee;
  if (parentGasUsed > target) {
    const delta = (parentBaseFee * (parentGasUsed - target)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
    return parentBaseFee + (delta > 1n ? delta : 1n);
  }
  return parentBaseFee - (parentBaseFee * (target - parentGasUsed)) / target / BASE_FEE_MAX_CHANGE_DENOMINATOR;
}

/**
 * EIP-4844: the excess blob gas of a child of `parent` under the child's blob schedule; a parent without
 * blob fields (the fork block) counts as zero. From Osaka (EIP-7918), while the parent's blob base fee (at
 * the child's update fraction, as the fixtures of the BPO transitions fill it) is below BLOB_BASE_COST × its
 * base fee per blob, the excess only grows (by the used share above the target).
 */
export function nextExcessBlobGas(fork: Fork, parent: Pick<BlockHeader, 'excessBlobGas' | 'blobGasUsed' | 'baseFeePerGas'>, schedule: BlobSchedule): bigint {
  const parentExcess = parent.excessBlobGas ?? 0n;
  const parentUsed = parent.blobGasUsed ?? 0n;
  const target = BigInt(schedule.target) * GAS_PER_BLOB;
  if (parentExcess + parentUsed < target) return 0n;
  if (fork >= Fork.Osaka) {
    const reserve = BLOB_BASE_COST * (parent.baseFeePerGas ?? 0n);
    if (reserve > GAS_PER_BLOB * blobBaseFee(parentExcess, schedule)) {
      return parentExcess + (parentUsed * BigInt(schedule.max - schedule.target)) / BigInt(schedule.max);
    }
  }
  return parentExcess + parentUsed - target;
}
