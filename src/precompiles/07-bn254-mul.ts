/** 0x07 ECMUL on alt_bn128 (EIP-196), repriced by EIP-1108 (Istanbul): one implementation, a price per fork. */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { bytesToBigInt, sliceZeroPadded } from '../primitives/bytes.js';
import { CURVE_ORDER, decodeG1, encodeG1 } from './bn254.js';

/** ECMUL for `gas`: input G1 point ‖ 256-bit scalar (right-padded to 96 bytes); output scalar·point (64 bytes). */
function bn254MulFor(gas: number): Precompile {
  return (input, gasLimit) => {
    if (gas > gasLimit) return PRECOMPILE_FAILURE;
    const data = sliceZeroPadded(input, 0, 96);
    const point = decodeG1(data, 0);
    if (point === null) return PRECOMPILE_FAILURE;
    // G1 has prime order n, so any 256-bit scalar may be reduced mod n first.
    const scalar = bytesToBigInt(data.subarray(64, 96)) % CURVE_ORDER;
    return { success: true, gasUsed: gas, output: encodeG1(point.multiplyUnsafe(scalar)) };
  };
}

/** ECMUL at 40,000 gas (EIP-196, Byzantium … Petersburg). */
export const bn254MulByzantium = bn254MulFor(40000);
/** ECMUL at 6,000 gas (EIP-1108, Istanbul on). */
export const bn254MulIstanbul = bn254MulFor(6000);
