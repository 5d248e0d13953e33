/**
 * Hash functions, the only door to @noble/hashes. SHA-256 uses Node's built-in OpenSSL binding instead:
 * the SHA256 precompile hashes megabytes in stTimeConsuming, where it is ~20× faster than pure JS.
 */
import { createHash } from 'node:crypto';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { bytesToHex } from './bytes.js';

/** keccak256(data). */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** SHA-256(data). */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** RIPEMD-160(data) (not in every OpenSSL build, so pure JS). */
export function ripemd160(data: Uint8Array): Uint8Array {
  return nobleRipemd160(data);
}

/** keccak256 of empty input: the code hash of an account without code. */
export const KECCAK_EMPTY = keccak256(new Uint8Array(0));
/** Hex form of KECCAK_EMPTY. */
export const KECCAK_EMPTY_HEX = bytesToHex(KECCAK_EMPTY);
