/** 0x03 RIPEMD160 (Yellow Paper appendix E). */
import { ripemd160 as hashRipemd160 } from '../primitives/keccak.js';
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';

/** RIPEMD160 of the input, left-padded to 32 bytes; gas 600 + 120 per 32-byte word. */
export const ripemd160: Precompile = (input, gasLimit) => {
  const gas = 600 + 120 * Math.ceil(input.length / 32);
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  const output = new Uint8Array(32);
  output.set(hashRipemd160(input), 12);
  return { success: true, gasUsed: gas, output };
};
