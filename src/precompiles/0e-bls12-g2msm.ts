/** 0x0e BLS12_G2MSM: multi-scalar multiplication in G2 (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G2, SCALAR_SIZE, runBls } from './bls12-381.js';
import { G2_MSM_DISCOUNTS, msmGas, msmOutput } from './bls12-381-msm.js';

/** The price of one G2 multiplication, which the discount table scales. */
const G2MUL_GAS = 22500;
const PAIR_SIZE = BLS_G2.size + SCALAR_SIZE;

/** G2MSM: input k ≥ 1 pairs (G2 point in the subgroup ‖ 32-byte scalar), 288 bytes each; output Σ sᵢ·Pᵢ. */
export const blsG2Msm: Precompile = (input, gasLimit) => {
  const gas = msmGas(Math.floor(input.length / PAIR_SIZE), G2MUL_GAS, G2_MSM_DISCOUNTS);
  return runBls(gas, gasLimit, () => msmOutput(BLS_G2, input));
};
