/** 0x06 ECADD on alt_bn128 (EIP-196), repriced by EIP-1108 (Istanbul): one implementation, a price per fork. */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { sliceZeroPadded } from '../primitives/bytes.js';
import { decodeG1, encodeG1 } from './bn254.js';

/** ECADD for `gas`: input two G1 points (right-padded to 128 bytes); output their sum (64 bytes). */
function bn254AddFor(gas: number): Precompile {
  return (input, gasLimit) => {
    if (gas > gasLimit) return PRECOMPILE_FAILURE;
    const data = sliceZeroPadded(input, 0, 128);
    const a = decodeG1(data, 0);
    const b = decodeG1(data, 64);
    if (a === null || b === null) return PRECOMPILE_FAILURE;
    return { success: true, gasUsed: gas, output: encodeG1(a.add(b)) };
  };
}

/** ECADD at 500 gas (EIP-196, Byzantium … Petersburg). */
export const bn254AddByzantium = bn254AddFor(500);
/** ECADD at 150 gas (EIP-1108, Istanbul on). */
export const bn254AddIstanbul = bn254AddFor(150);
