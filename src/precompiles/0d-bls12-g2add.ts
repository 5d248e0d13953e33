/** 0x0d BLS12_G2ADD: the sum of two G2 points (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G2, addOutput, runBls } from './bls12-381.js';

const G2ADD_GAS = 600;

/** G2ADD: input two G2 points (512 bytes), on the curve but not necessarily in the subgroup; output their sum. */
export const blsG2Add: Precompile = (input, gasLimit) => runBls(G2ADD_GAS, gasLimit, () => addOutput(BLS_G2, input));
