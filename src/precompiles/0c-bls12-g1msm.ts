/** 0x0c BLS12_G1MSM: multi-scalar multiplication in G1 (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G1, SCALAR_SIZE, runBls } from './bls12-381.js';
import { G1_MSM_DISCOUNTS, msmGas, msmOutput } from './bls12-381-msm.js';

/** The price of one G1 multiplication, which the discount table scales. */
const G1MUL_GAS = 12000;
const PAIR_SIZE = BLS_G1.size + SCALAR_SIZE;

/** G1MSM: input k ≥ 1 pairs (G1 point in the subgroup ‖ 32-byte scalar), 160 bytes each; output Σ sᵢ·Pᵢ. */
export const blsG1Msm: Precompile = (input, gasLimit) => {
  const gas = msmGas(Math.floor(input.length / PAIR_SIZE), G1MUL_GAS, G1_MSM_DISCOUNTS);
  return runBls(gas, gasLimit, () => msmOutput(BLS_G1, input));
};
