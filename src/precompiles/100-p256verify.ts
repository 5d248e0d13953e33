/** 0x100 P256VERIFY: ECDSA signature verification over secp256r1 (EIP-7951, from Osaka). */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { bytesToBigInt, EMPTY_BYTES } from '../primitives/bytes.js';
import { P256_N, P256_P, isOnCurve, verifyDigest } from './p256.js';

const P256VERIFY_GAS = 6900;
const INPUT_LENGTH = 160;

/**
 * P256VERIFY: input h ‖ r ‖ s ‖ qx ‖ qy (exactly 160 bytes); output the 32-byte word 1 for a valid signature
 * and nothing otherwise. Every outcome but a gas limit below 6,900 succeeds and charges 6,900: an invalid
 * input or signature is an empty output, never a failure (EIP-7951 "MUST NOT revert").
 */
export const p256verify: Precompile = (input, gasLimit) => {
  if (gasLimit < P256VERIFY_GAS) return PRECOMPILE_FAILURE;
  const invalid = { success: true, gasUsed: P256VERIFY_GAS, output: EMPTY_BYTES };
  if (input.length !== INPUT_LENGTH) return invalid;
  const h = bytesToBigInt(input.subarray(0, 32));
  const r = bytesToBigInt(input.subarray(32, 64));
  const s = bytesToBigInt(input.subarray(64, 96));
  const qx = bytesToBigInt(input.subarray(96, 128));
  const qy = bytesToBigInt(input.subarray(128, 160));
  // The EIP's input checks, in its order, before the library sees anything.
  if (r === 0n || r >= P256_N || s === 0n || s >= P256_N) return invalid;
  if (qx >= P256_P || qy >= P256_P) return invalid;
  if (!isOnCurve(qx, qy)) return invalid;
  if (qx === 0n && qy === 0n) return invalid; // infinity's encoding (already off the curve; the EIP lists it)
  if (!verifyDigest(h, r, s, qx, qy)) return invalid;
  const output = new Uint8Array(32);
  output[31] = 1;
  return { success: true, gasUsed: P256VERIFY_GAS, output };
};
