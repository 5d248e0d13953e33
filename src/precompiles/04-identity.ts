/** 0x04 IDENTITY, the data copy (Yellow Paper appendix E). */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';

/** IDENTITY: returns a copy of the input; gas 15 + 3 per 32-byte word. */
export const identity: Precompile = (input, gasLimit) => {
  const gas = 15 + 3 * Math.ceil(input.length / 32);
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  // A copy, so the caller may reuse or mutate its input buffer (e.g. memory) afterwards.
  return { success: true, gasUsed: gas, output: input.slice() };
};
