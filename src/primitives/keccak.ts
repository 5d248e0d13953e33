/** Keccak-256, the only door to @noble/hashes' sha3 module. */
import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from './bytes.js';

/** keccak256(data). */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak_256(data);
}

/** keccak256 of empty input: the code hash of an account without code. */
export const KECCAK_EMPTY = keccak256(new Uint8Array(0));
/** Hex form of KECCAK_EMPTY. */
export const KECCAK_EMPTY_HEX = bytesToHex(KECCAK_EMPTY);
