/** 0x06 ECADD on alt_bn128 (EIP-196, repriced by EIP-1108). */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { Fork } from '../forks/fork.js';
import { sliceZeroPadded } from '../primitives/bytes.js';
import { decodeG1, encodeG1 } from './bn254.js';

/** ECADD: input two G1 points (right-padded to 128 bytes); output their sum (64 bytes). */
export const bn254Add: Precompile = (input, gasLimit, fork) => {
  const gas = fork >= Fork.Istanbul ? 150 : 500; // EIP-1108
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  const data = sliceZeroPadded(input, 0, 128);
  const a = decodeG1(data, 0);
  const b = decodeG1(data, 64);
  if (a === null || b === null) return PRECOMPILE_FAILURE;
  return { success: true, gasUsed: gas, output: encodeG1(a.add(b)) };
};
