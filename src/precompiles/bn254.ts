/** Shared alt_bn128 (bn254) point decoding and encoding for 0x06–0x08 (EIP-196, EIP-197), over @noble/curves. */
import { bn254 } from '@noble/curves/bn254.js';
import { bytesToBigInt, bigIntToBytes } from '../primitives/bytes.js';

const G1 = bn254.G1.Point;
const G2 = bn254.G2.Point;
const Fp2 = bn254.fields.Fp2;

/** A G1 point (affine (0,0) encodes infinity). */
export type G1Point = InstanceType<typeof G1>;
/** A G2 point over Fp2. */
export type G2Point = InstanceType<typeof G2>;

/** The base field modulus p; coordinates must be below it (EIP-196). */
export const FIELD_MODULUS = bn254.fields.Fp.ORDER;
/** The group order n. */
export const CURVE_ORDER = bn254.fields.Fr.ORDER;

function coordinate(data: Uint8Array, offset: number): bigint | null {
  const value = bytesToBigInt(data.subarray(offset, offset + 32));
  return value < FIELD_MODULUS ? value : null;
}

/** Decodes x ‖ y at `offset`; null when a coordinate is ≥ p or the point is not on the curve. */
export function decodeG1(data: Uint8Array, offset: number): G1Point | null {
  const x = coordinate(data, offset);
  const y = coordinate(data, offset + 32);
  if (x === null || y === null) return null;
  if (x === 0n && y === 0n) return G1.ZERO; // EIP-196: (0, 0) is the point at infinity
  try {
    const point = G1.fromAffine({ x, y });
    point.assertValidity();
    return point;
  } catch {
    return null;
  }
}

/**
 * Decodes a G2 point written x_im ‖ x_re ‖ y_im ‖ y_re (EIP-197 puts the imaginary part first);
 * null when off the twist curve, a coordinate is ≥ p, or the point is outside the order-n subgroup.
 */
export function decodeG2(data: Uint8Array, offset: number): G2Point | null {
  const xi = coordinate(data, offset);
  const xr = coordinate(data, offset + 32);
  const yi = coordinate(data, offset + 64);
  const yr = coordinate(data, offset + 96);
  if (xi === null || xr === null || yi === null || yr === null) return null;
  if (xi === 0n && xr === 0n && yi === 0n && yr === 0n) return G2.ZERO;
  try {
    const point = G2.fromAffine({ x: Fp2.fromBigTuple([xr, xi]), y: Fp2.fromBigTuple([yr, yi]) });
    point.assertValidity(); // on-curve and subgroup (torsion-free) checks
    return point;
  } catch {
    return null;
  }
}

/** Encodes a G1 point as 64 bytes x ‖ y; infinity is all zeros. */
export function encodeG1(point: G1Point): Uint8Array {
  const out = new Uint8Array(64);
  if (point.is0()) return out;
  const { x, y } = point.toAffine();
  out.set(bigIntToBytes(x, 32), 0);
  out.set(bigIntToBytes(y, 32), 32);
  return out;
}

/** True when the product of the pairings e(a_i, b_i) is the identity of GT. */
export function pairingProductIsOne(pairs: { g1: G1Point; g2: G2Point }[]): boolean {
  // noble rejects infinity inputs; such terms contribute 1 to the product, so drop them.
  const terms = pairs.filter((p) => !p.g1.is0() && !p.g2.is0());
  if (terms.length === 0) return true;
  return bn254.fields.Fp12.eql(bn254.pairingBatch(terms), bn254.fields.Fp12.ONE);
}
