/**
 * 0x09 BLAKE2F: the BLAKE2b compression function F with a caller-chosen round count (EIP-152).
 * Large round counts (up to 2^32-1) run in WebAssembly (./blake2f-wasm.ts); this JS version is the
 * reference and the fallback when WebAssembly is unavailable.
 */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { type Blake2fCompress, SIGMA, blake2fWasm } from './blake2f-wasm.js';

const INPUT_LENGTH = 213;

// BLAKE2b IV as (high, low) 32-bit halves.
const IV = new Uint32Array([
  0x6a09e667, 0xf3bcc908, 0xbb67ae85, 0x84caa73b, 0x3c6ef372, 0xfe94f82b, 0xa54ff53a, 0x5f1d36f1,
  0x510e527f, 0xade682d1, 0x9b05688c, 0x2b3e6c1f, 0x1f83d9ab, 0xfb41bd6b, 0x5be0cd19, 0x137e2179,
]);

// Working state v[0..15] and message m[0..15]: 64-bit words stored as lo at 2i, hi at 2i+1.
const v = new Uint32Array(32);
const m = new Uint32Array(32);

/** v[a] += v[b] + x (mod 2^64), x given as halves. */
function add3(a: number, b: number, xlo: number, xhi: number): void {
  const lo = v[2 * a] + v[2 * b] + xlo;
  const hi = v[2 * a + 1] + v[2 * b + 1] + xhi + Math.floor(lo / 0x100000000);
  v[2 * a] = lo;
  v[2 * a + 1] = hi;
}

/** v[a] += v[b] (mod 2^64). */
function add2(a: number, b: number): void {
  const lo = v[2 * a] + v[2 * b];
  v[2 * a + 1] = v[2 * a + 1] + v[2 * b + 1] + (lo > 0xffffffff ? 1 : 0);
  v[2 * a] = lo;
}

/** v[d] = (v[d] ^ v[a]) >>> n (rotate right 64-bit) for n in {16, 24, 32, 63}. */
function xorRotr(d: number, a: number, n: number): void {
  const lo = v[2 * d] ^ v[2 * a];
  const hi = v[2 * d + 1] ^ v[2 * a + 1];
  if (n === 32) {
    v[2 * d] = hi;
    v[2 * d + 1] = lo;
  } else if (n < 32) {
    v[2 * d] = (lo >>> n) | (hi << (32 - n));
    v[2 * d + 1] = (hi >>> n) | (lo << (32 - n));
  } else {
    // 63 = rotate left by 1
    v[2 * d] = (lo << 1) | (hi >>> 31);
    v[2 * d + 1] = (hi << 1) | (lo >>> 31);
  }
}

/** The BLAKE2b mixing function G (RFC 7693 §3.1). */
function mix(a: number, b: number, c: number, d: number, x: number, y: number): void {
  add3(a, b, m[2 * x], m[2 * x + 1]);
  xorRotr(d, a, 32);
  add2(c, d);
  xorRotr(b, c, 24);
  add3(a, b, m[2 * y], m[2 * y + 1]);
  xorRotr(d, a, 16);
  add2(c, d);
  xorRotr(b, c, 63);
}

/** F(h, m, t, f, rounds) per RFC 7693 §3.2, updating `h` (16 u32 halves, lo first) in place. */
function compress(h: Uint32Array, rounds: number, t: Uint32Array, final: boolean): void {
  for (let i = 0; i < 8; i++) {
    v[2 * i] = h[2 * i];
    v[2 * i + 1] = h[2 * i + 1];
    v[16 + 2 * i] = IV[2 * i + 1];
    v[16 + 2 * i + 1] = IV[2 * i];
  }
  v[24] ^= t[0];
  v[25] ^= t[1];
  v[26] ^= t[2];
  v[27] ^= t[3];
  if (final) {
    v[28] = ~v[28];
    v[29] = ~v[29];
  }
  for (let r = 0; r < rounds; r++) {
    const s = SIGMA[r % 10];
    mix(0, 4, 8, 12, s[0], s[1]);
    mix(1, 5, 9, 13, s[2], s[3]);
    mix(2, 6, 10, 14, s[4], s[5]);
    mix(3, 7, 11, 15, s[6], s[7]);
    mix(0, 5, 10, 15, s[8], s[9]);
    mix(1, 6, 11, 12, s[10], s[11]);
    mix(2, 7, 8, 13, s[12], s[13]);
    mix(3, 4, 9, 14, s[14], s[15]);
  }
  for (let i = 0; i < 16; i++) h[i] ^= v[i] ^ v[16 + i];
}

/** Little-endian u32 halves of `out.length / 2` u64 words starting at `offset`. */
function readWords(input: Uint8Array, offset: number, out: Uint32Array): Uint32Array {
  const dv = new DataView(input.buffer, input.byteOffset + offset, out.length * 4);
  for (let i = 0; i < out.length; i++) out[i] = dv.getUint32(4 * i, true);
  return out;
}

/** Pure-JS F (the reference): `params` is h ‖ m ‖ t ‖ f (209 bytes, f validated); returns the new h. */
export const blake2fCompressJs: Blake2fCompress = (rounds, params) => {
  const h = readWords(params, 0, new Uint32Array(16));
  readWords(params, 64, m);
  const t = readWords(params, 192, new Uint32Array(4));
  compress(h, rounds, t, params[208] === 1);
  const output = new Uint8Array(64);
  const out = new DataView(output.buffer);
  for (let i = 0; i < 16; i++) out.setUint32(4 * i, h[i], true);
  return output;
};

// Below this many rounds JS takes ~1 ms at most, so small calls skip the one-time ~30 ms wasm build.
const WASM_MIN_ROUNDS = 1000;

/** BLAKE2F: input rounds (u32 BE) ‖ h (8×u64 LE) ‖ m (16×u64 LE) ‖ t (2×u64 LE) ‖ f (1 byte); gas = rounds. */
export const blake2f: Precompile = (input, gasLimit) => {
  // EIP-152: any other length is an error, not a zero-padded call.
  if (input.length !== INPUT_LENGTH) return PRECOMPILE_FAILURE;
  const rounds = ((input[0] << 24) | (input[1] << 16) | (input[2] << 8) | input[3]) >>> 0;
  if (rounds > gasLimit) return PRECOMPILE_FAILURE;
  const flag = input[212];
  if (flag !== 0 && flag !== 1) return PRECOMPILE_FAILURE; // EIP-152: the final flag is a strict boolean
  const params = input.subarray(4);
  const compressFn = (rounds >= WASM_MIN_ROUNDS && blake2fWasm()) || blake2fCompressJs;
  return { success: true, gasUsed: rounds, output: compressFn(rounds, params) };
};
