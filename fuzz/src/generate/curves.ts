/**
 * Elliptic-curve points and signatures for precompile inputs and signed transactions: the generator's one
 * module over @noble/curves (secp256k1, P-256, BN254, BLS12-381).
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { bn254 } from '@noble/curves/bn254.js';
import { p256 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

/** A 32-byte big-endian word. */
export function word(v: bigint, width = 32): Uint8Array {
  const out = new Uint8Array(width);
  let x = BigInt.asUintN(width * 8, v);
  for (let i = width - 1; i >= 0; i--) {
    out[i] = Number(x & 0xffn);
    x >>= 8n;
  }
  return out;
}

/** secp256k1 signature of a 32-byte hash: recovery id (0/1), r, s. */
export function signSecp256k1(hash: Uint8Array, key: Uint8Array): { recovery: number; r: bigint; s: bigint } {
  const sig = secp256k1.sign(hash, key, { prehash: false, format: 'recovered' });
  return { recovery: sig[0], r: toBig(sig.subarray(1, 33)), s: toBig(sig.subarray(33, 65)) };
}

/** The secp256k1 group order. */
export const SECP256K1_N = secp256k1.Point.CURVE().n;

/** Uncompressed public key (64 bytes, no prefix) of a secp256k1 private key. */
export function secp256k1PublicKey(key: Uint8Array): Uint8Array {
  return secp256k1.getPublicKey(key, false).subarray(1);
}

/** A P-256 signature of `hash` with `key`, with the public key: the 160-byte P256VERIFY input (EIP-7951). */
export function p256VerifyInput(hash: Uint8Array, key: Uint8Array): Uint8Array {
  const sig = p256.sign(hash, key, { prehash: false });
  const pub = p256.getPublicKey(key, false);
  const out = new Uint8Array(160);
  out.set(hash, 0);
  out.set(sig.subarray(0, 32), 32);
  out.set(sig.subarray(32, 64), 64);
  out.set(pub.subarray(1, 65), 96);
  return out;
}

/** The BN254 base-field modulus. */
export const BN254_P = bn254.fields.Fp.ORDER;

/** k·G1 on BN254 as the 64-byte EIP-196 encoding (k = 0 gives the point at infinity, all zeros). */
export const bn254G1 = memoSmall((k: bigint): Uint8Array => {
  k = mod(k, bn254.fields.Fr.ORDER);
  if (k === 0n) return new Uint8Array(64);
  const p = bn254.G1.Point.BASE.multiply(k).toAffine();
  return cat(word(p.x), word(p.y));
});

/** k·G2 on BN254 as the 128-byte EIP-197 encoding (imaginary part first). */
export const bn254G2 = memoSmall((k: bigint): Uint8Array => {
  k = mod(k, bn254.fields.Fr.ORDER);
  if (k === 0n) return new Uint8Array(128);
  const p = bn254.G2.Point.BASE.multiply(k).toAffine();
  return cat(word(p.x.c1), word(p.x.c0), word(p.y.c1), word(p.y.c0));
});

/** The BLS12-381 base-field modulus. */
export const BLS_P = bls12_381.fields.Fp.ORDER;
/** The BLS12-381 group order. */
export const BLS_R = bls12_381.fields.Fr.ORDER;

/** An Fp element in EIP-2537's 64-byte form (16 zero bytes, then 48 big-endian). */
export function blsFp(v: bigint): Uint8Array {
  return word(v, 64);
}

/** k·G1 on BLS12-381 in EIP-2537's 128-byte form (infinity: all zeros). */
export const blsG1 = memoSmall((k: bigint): Uint8Array => {
  k = mod(k, BLS_R);
  if (k === 0n) return new Uint8Array(128);
  const p = bls12_381.G1.Point.BASE.multiply(k).toAffine();
  return cat(blsFp(p.x), blsFp(p.y));
});

/** k·G2 on BLS12-381 in EIP-2537's 256-byte form (c0 before c1). */
export const blsG2 = memoSmall((k: bigint): Uint8Array => {
  k = mod(k, BLS_R);
  if (k === 0n) return new Uint8Array(256);
  const p = bls12_381.G2.Point.BASE.multiply(k).toAffine();
  return cat(blsFp(p.x.c0), blsFp(p.x.c1), blsFp(p.y.c0), blsFp(p.y.c1));
});

/** Multiples of a generator are slow to compute and small ones recur: keep those (as copies on the way out). */
function memoSmall(f: (k: bigint) => Uint8Array): (k: bigint) => Uint8Array {
  const cache = new Map<bigint, Uint8Array>();
  return (k) => {
    if (k < -64n || k > 64n) return f(k);
    let v = cache.get(k);
    if (v === undefined) cache.set(k, (v = f(k)));
    return v.slice();
  };
}

function mod(k: bigint, n: bigint): bigint {
  return ((k % n) + n) % n;
}

function toBig(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Concatenates byte arrays. */
export function cat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
