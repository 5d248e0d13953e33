/** secp256r1 (NIST P-256) arithmetic for 0x100 P256VERIFY (EIP-7951), over @noble/curves. */
import { p256 } from '@noble/curves/nist.js';

const Point = p256.Point;
const Fp = Point.Fp;
const Fn = Point.Fn;
const { a: A, b: B } = Point.CURVE();

/** The base field modulus p: public-key coordinates must be below it. */
export const P256_P: bigint = Fp.ORDER;
/** The group order n: r and s must lie in (0, n). */
export const P256_N: bigint = Fn.ORDER;

/** True when (x, y), both below p, satisfies y² ≡ x³ + ax + b (mod p). (0, 0) does not: b ≠ 0. */
export function isOnCurve(x: bigint, y: bigint): boolean {
  const right = Fp.add(Fp.add(Fp.mul(Fp.sqr(x), x), Fp.mul(A, x)), B);
  return Fp.eql(Fp.sqr(y), right);
}

/**
 * The ECDSA verification equation of EIP-7951 for digest `h` (any 256-bit integer) and public key (qx, qy):
 * R' = (h·s⁻¹)·G + (r·s⁻¹)·Q must not be infinity and R'.x ≡ r (mod n). The caller has checked
 * 0 < r, s < n and that Q is a curve point; nothing here restricts s to the low half (EIP-7951 accepts
 * either s), and h is reduced mod n only as a scalar.
 */
export function verifyDigest(h: bigint, r: bigint, s: bigint, qx: bigint, qy: bigint): boolean {
  try {
    const sInverse = Fn.inv(s);
    const u1 = Fn.create(h * sInverse);
    const u2 = Fn.create(r * sInverse);
    const q = Point.fromAffine({ x: qx, y: qy });
    const rPrime = Point.BASE.mulAddUnsafe(u1, q, u2);
    if (rPrime.is0()) return false;
    return Fn.create(rPrime.toAffine().x) === r;
  } catch {
    return false; // defensive: the library rejected a value the EIP's checks let through
  }
}
