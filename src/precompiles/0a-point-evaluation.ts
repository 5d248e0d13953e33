/** 0x0a POINT_EVALUATION: verifies a KZG opening of a blob commitment (EIP-4844). */
import { sha256 } from '../primitives/keccak.js';
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { bigIntToBytes, bytesToBigInt } from '../primitives/bytes.js';
import { BLS_MODULUS, FIELD_ELEMENTS_PER_BLOB, verifyKzgProof } from './kzg.js';

const POINT_EVALUATION_GAS = 50000;
const VERSIONED_HASH_VERSION_KZG = 0x01;

/** The constant success output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS as 32-byte words. */
const SUCCESS_OUTPUT = new Uint8Array(64);
SUCCESS_OUTPUT.set(bigIntToBytes(BigInt(FIELD_ELEMENTS_PER_BLOB), 32), 0);
SUCCESS_OUTPUT.set(bigIntToBytes(BLS_MODULUS, 32), 32);

/** POINT_EVALUATION: input versioned_hash ‖ z ‖ y ‖ commitment ‖ proof (exactly 192 bytes). */
export const pointEvaluation: Precompile = (input, gasLimit) => {
  if (POINT_EVALUATION_GAS > gasLimit) return PRECOMPILE_FAILURE;
  if (input.length !== 192) return PRECOMPILE_FAILURE; // EIP-4844: no padding
  const versionedHash = input.subarray(0, 32);
  const z = input.subarray(32, 64);
  const y = input.subarray(64, 96);
  const commitment = input.subarray(96, 144);
  const proof = input.subarray(144, 192);
  // The versioned hash binds the commitment: 0x01 ‖ sha256(commitment)[1:].
  const hash = sha256(commitment);
  if (versionedHash[0] !== VERSIONED_HASH_VERSION_KZG) return PRECOMPILE_FAILURE;
  for (let i = 1; i < 32; i++) if (versionedHash[i] !== hash[i]) return PRECOMPILE_FAILURE;
  if (bytesToBigInt(z) >= BLS_MODULUS || bytesToBigInt(y) >= BLS_MODULUS) return PRECOMPILE_FAILURE;
  if (!verifyKzgProof(commitment, z, y, proof)) return PRECOMPILE_FAILURE;
  return { success: true, gasUsed: POINT_EVALUATION_GAS, output: SUCCESS_OUTPUT.slice() };
};
