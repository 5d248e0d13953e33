/**
 * Hash functions, the only door to hash-wasm and @noble/hashes. Nothing here waits at import: the library
 * loads in any bundler and under `require()`.
 * - keccak256: hash-wasm's WebAssembly Keccak, 1.3-1.9 us for a 32-64 byte input on this project's machine
 *   against 10-14 us for @noble/hashes' pure-JS keccak_256 (8-12x; bench: docs/PERFORMANCE.md). The
 *   WebAssembly instance can only be created asynchronously, so the first keccak256 call starts it and uses
 *   @noble/hashes until it is there; `ready()` waits for it (the CLI and the workers await it at start).
 *   Trie roots, KECCAK256, code hashes and addresses all go through it.
 * - SHA-256: Node's OpenSSL binding when the runtime has one (probed, never imported: primitives/runtime.ts),
 *   ~12x faster than pure JS on the megabyte inputs of stTimeConsuming; @noble/hashes everywhere else.
 * - RIPEMD-160: @noble/hashes (not in every OpenSSL build; the precompile is rare).
 */
import { ripemd160 as nobleRipemd160 } from '@noble/hashes/legacy.js';
import { sha256 as nobleSha256 } from '@noble/hashes/sha2.js';
import { keccak_256 as nobleKeccak256 } from '@noble/hashes/sha3.js';
import { createKeccak, type IHasher } from 'hash-wasm';
import { nodeCreateHash } from './runtime.js';

// One hasher per thread; every call runs init → update → digest synchronously, so calls never interleave.
let wasmKeccak: IHasher | undefined;
let loading: Promise<void> | undefined;

function loadKeccak(): Promise<void> {
  loading ??= createKeccak(256).then(
    (hasher) => {
      wasmKeccak = hasher;
    },
    () => undefined, // no WebAssembly here (or a policy forbids it): @noble/hashes stays in use
  );
  return loading;
}

/**
 * Resolves once the fast WebAssembly hasher is loaded. Optional: every function works before it, only
 * slower (keccak256 in pure JS). Await it once before heavy work.
 */
export function ready(): Promise<void> {
  return loadKeccak();
}

/** keccak256(data). */
export function keccak256(data: Uint8Array): Uint8Array {
  if (wasmKeccak !== undefined) return wasmKeccak.init().update(data).digest('binary');
  void loadKeccak();
  return nobleKeccak256(data);
}

const createHash = nodeCreateHash();

/** SHA-256(data). */
export function sha256(data: Uint8Array): Uint8Array {
  if (createHash === undefined) return nobleSha256(data);
  return new Uint8Array(createHash('sha256').update(data).digest());
}

/** RIPEMD-160(data) (not in every OpenSSL build, so pure JS). */
export function ripemd160(data: Uint8Array): Uint8Array {
  return nobleRipemd160(data);
}

/** keccak256 of empty input: the code hash of an account without code (a constant, so importing hashes nothing). */
export const KECCAK_EMPTY_HEX = '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470';
/** KECCAK_EMPTY_HEX as bytes. */
export const KECCAK_EMPTY = /* @__PURE__ */ Uint8Array.from(KECCAK_EMPTY_HEX.slice(2).match(/../g)!, (b) => parseInt(b, 16));
