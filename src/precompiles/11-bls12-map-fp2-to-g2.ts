/** 0x11 BLS12_MAP_FP2_TO_G2: maps an Fp2 element to a point of G2 (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G2, FP_SIZE, decodeFp2, expectLength, mapFp2ToG2, runBls } from './bls12-381.js';

const MAP_FP2_TO_G2_GAS = 23800;

/** The G2 point (256 bytes) for one Fp2 element c0 ‖ c1 (exactly 128 bytes); throws BlsInputError on bad input. */
export function mapFp2ToG2Output(input: Uint8Array): Uint8Array {
  expectLength(input, 2 * FP_SIZE);
  return BLS_G2.encode(mapFp2ToG2(decodeFp2(input, 0)));
}

/** MAP_FP2_TO_G2: input one Fp2 element c0 ‖ c1 (128 bytes); output the G2 point (256 bytes). */
export const blsMapFp2ToG2: Precompile = (input, gasLimit) =>
  runBls(MAP_FP2_TO_G2_GAS, gasLimit, () => mapFp2ToG2Output(input));
