/** 0x10 BLS12_MAP_FP_TO_G1: maps a base-field element to a point of G1 (EIP-2537). */
import type { Precompile } from './types.js';
import { BLS_G1, FP_SIZE, decodeFp, expectLength, mapFpToG1, runBls } from './bls12-381.js';

const MAP_FP_TO_G1_GAS = 5500;

/** The G1 point (128 bytes) for one Fp element (exactly 64 bytes); throws BlsInputError on bad input. */
export function mapFpToG1Output(input: Uint8Array): Uint8Array {
  expectLength(input, FP_SIZE);
  return BLS_G1.encode(mapFpToG1(decodeFp(input, 0)));
}

/** MAP_FP_TO_G1: input one Fp element (64 bytes); output the G1 point (128 bytes). */
export const blsMapFpToG1: Precompile = (input, gasLimit) => runBls(MAP_FP_TO_G1_GAS, gasLimit, () => mapFpToG1Output(input));
