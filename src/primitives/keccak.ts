/**
 * Hash functions, the only door to hash-wasm and @noble/hashes.
 * - keccak256: hash-wasm's WebAssembly Keccak, 1.3-1.9 us for a 32-64 byte input on this project's machine
 *   against 10-14 us for @noble/hashes' pure-JS keccak_256 (8-12x; bench: docs/PERFORMANCE.md). Trie roots,
 *   KECCAK256, code hashes and addresses all go through it.
 * - SHA-256: Node's built-in OpenSSL binding: the SHA256 precompile hashes megabytes in stTimeConsuming,
 *   where it is ~20x faster than pure JS.
 * - RIPEMD-160: @noble/hashes (not in every OpenSSL build; the precompile is rare).
 */
import { createHash } from 'node:crypto';
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { createKeccak } from 'hash-wasm';
import { bytesToHex } from './bytes.js';

// One hasher per thread (a WebAssembly instance, created asynchronously, hence the top-level await); every
// call runs init → update → digest synchronously, so calls never interleave.
const keccak = await createKeccak(256);

/** keccak256(data). */
export function keccak256(data: Uint8Array): Uint8Array {
  return keccak.init().update(data).digest('binary');
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
