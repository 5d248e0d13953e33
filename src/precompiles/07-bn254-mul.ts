/** 0x07 ECMUL on alt_bn128 (EIP-196, repriced by EIP-1108). */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { Fork } from '../forks/fork.js';
import { bytesToBigInt, sliceZeroPadded } from '../primitives/bytes.js';
import { CURVE_ORDER, decodeG1, encodeG1 } from './bn254.js';

/** ECMUL: input G1 point ‖ 256-bit scalar (right-padded to 96 bytes); output scalar·point (64 bytes). */
export const bn254Mul: Precompile = (input, gasLimit, fork) => {
  const gas = fork >= Fork.Istanbul ? 6000 : 40000; // EIP-1108
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  const data = sliceZeroPadded(input, 0, 96);
  const point = decodeG1(data, 0);
  if (point === null) return PRECOMPILE_FAILURE;
  // G1 has prime order n, so any 256-bit scalar may be reduced mod n first.
  const scalar = bytesToBigInt(data.subarray(64, 96)) % CURVE_ORDER;
  return { success: true, gasUsed: gas, output: encodeG1(point.multiplyUnsafe(scalar)) };
};
