/** secp256k1, the only door to ethereum-cryptography's curve: sender derivation, signing and ECRECOVER. */
import { secp256k1 } from 'ethereum-cryptography/secp256k1.js';
import { keccak256 } from './keccak.js';
import { addressFromBytes, type Address } from './address.js';

/** The curve order n. */
export const SECP256K1_N = secp256k1.CURVE.n;

/** The address of the account controlled by a 32-byte private key. */
export function privateKeyToAddress(privateKey: Uint8Array): Address {
  const pub = secp256k1.getPublicKey(privateKey, false); // 0x04 ++ X ++ Y
  return addressFromBytes(keccak256(pub.subarray(1)).subarray(12));
}

/** A recoverable signature of a 32-byte hash: y parity (the recovery bit), r and s (s ≤ n/2, as EIP-2 requires). */
export function signHash(hash: Uint8Array, privateKey: Uint8Array): { yParity: number; r: bigint; s: bigint } {
  const sig = secp256k1.sign(hash, privateKey, { lowS: true });
  return { yParity: sig.recovery, r: sig.r, s: sig.s };
}

/**
 * Recovers the signer's address of a 32-byte message hash; null when the signature is invalid
 * (r or s out of range, or no point recovers).
 */
export function recoverAddress(hash: Uint8Array, recovery: number, r: bigint, s: bigint): Address | null {
  if (r <= 0n || r >= SECP256K1_N || s <= 0n || s >= SECP256K1_N) return null;
  if (recovery !== 0 && recovery !== 1) return null;
  try {
    const point = new secp256k1.Signature(r, s).addRecoveryBit(recovery).recoverPublicKey(hash);
    return addressFromBytes(keccak256(point.toRawBytes(false).subarray(1)).subarray(12));
  } catch {
    return null;
  }
}
