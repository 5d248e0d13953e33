/** 0x02 SHA256 (Yellow Paper appendix E). */
import { sha256 as hashSha256 } from '../primitives/keccak.js';
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';

/** SHA256 of the input; gas 60 + 12 per 32-byte word. */
export const sha256: Precompile = (input, gasLimit) => {
  const gas = 60 + 12 * Math.ceil(input.length / 32);
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  return { success: true, gasUsed: gas, output: hashSha256(input) };
};
