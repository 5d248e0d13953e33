/** 0x0f BLS12_PAIRING_CHECK: whether a product of pairings is the identity (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G1, BLS_G2, BlsInputError, pairingProductIsOne, runBls, type G1Point, type G2Point } from './bls12-381.js';

const PAIRING_BASE_GAS = 37700;
const PAIRING_PER_PAIR_GAS = 32600;
const PAIR_SIZE = BLS_G1.size + BLS_G2.size;

/** The 32-byte output (1 when Π e(Pᵢ, Qᵢ) = 1, else 0) for k ≥ 1 pairs; throws BlsInputError on bad input. */
export function pairingOutput(input: Uint8Array): Uint8Array {
  if (input.length === 0 || input.length % PAIR_SIZE !== 0) {
    throw new BlsInputError('length', `input is ${input.length} bytes, expected a positive multiple of ${PAIR_SIZE}`);
  }
  const pairs: { g1: G1Point; g2: G2Point }[] = [];
  for (let offset = 0; offset < input.length; offset += PAIR_SIZE) {
    pairs.push({ g1: BLS_G1.decode(input, offset, true), g2: BLS_G2.decode(input, offset + BLS_G1.size, true) });
  }
  const output = new Uint8Array(32);
  output[31] = pairingProductIsOne(pairs) ? 1 : 0;
  return output;
}

/** PAIRING_CHECK: input k ≥ 1 pairs (G1 point ‖ G2 point, both in the subgroup), 384 bytes each. */
export const blsPairing: Precompile = (input, gasLimit) => {
  const gas = PAIRING_PER_PAIR_GAS * Math.floor(input.length / PAIR_SIZE) + PAIRING_BASE_GAS;
  return runBls(gas, gasLimit, () => pairingOutput(input));
};
