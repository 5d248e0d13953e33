/** 0x08 ECPAIRING on alt_bn128 (EIP-197), repriced by EIP-1108 (Istanbul): one implementation, a price per fork. */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { decodeG1, decodeG2, pairingProductIsOne, type G1Point, type G2Point } from './bn254.js';

const PAIR_SIZE = 192;

/**
 * ECPAIRING for `base + perPair·k` gas: input k × (G1 ‖ G2) (192 bytes each); output the 32-byte word 1 when
 * Π e(g1, g2) = 1, else 0.
 */
function bn254PairingFor(base: number, perPair: number): Precompile {
  return (input, gasLimit) => {
    const k = Math.floor(input.length / PAIR_SIZE);
    const gas = base + perPair * k;
    if (gas > gasLimit) return PRECOMPILE_FAILURE;
    // EIP-197: the input must be whole pairs; no zero padding here.
    if (input.length % PAIR_SIZE !== 0) return PRECOMPILE_FAILURE;
    const pairs: { g1: G1Point; g2: G2Point }[] = [];
    for (let i = 0; i < k; i++) {
      const g1 = decodeG1(input, i * PAIR_SIZE);
      const g2 = decodeG2(input, i * PAIR_SIZE + 64);
      if (g1 === null || g2 === null) return PRECOMPILE_FAILURE;
      pairs.push({ g1, g2 });
    }
    let one: boolean;
    try {
      one = pairingProductIsOne(pairs);
    } catch {
      return PRECOMPILE_FAILURE; // defensive: the library rejected a point we accepted
    }
    const output = new Uint8Array(32);
    output[31] = one ? 1 : 0;
    return { success: true, gasUsed: gas, output };
  };
}

/** ECPAIRING at 100,000 + 80,000 per pair (EIP-197, Byzantium … Petersburg). */
export const bn254PairingByzantium = bn254PairingFor(100000, 80000);
/** ECPAIRING at 45,000 + 34,000 per pair (EIP-1108, Istanbul on). */
export const bn254PairingIstanbul = bn254PairingFor(45000, 34000);
