/** 0x0b BLS12_G1ADD: the sum of two G1 points (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G1, addOutput, runBls } from './bls12-381.js';

const G1ADD_GAS = 375;

/** G1ADD: input two G1 points (256 bytes), on the curve but not necessarily in the subgroup; output their sum. */
export const blsG1Add: Precompile = (input, gasLimit) => runBls(G1ADD_GAS, gasLimit, () => addOutput(BLS_G1, input));
