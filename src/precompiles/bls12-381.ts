/**
 * BLS12-381 for the EIP-2537 precompiles (0x0b–0x11): the EIP's encodings of field elements, points and
 * scalars, with its error rules, over @noble/curves (the only module that imports its BLS12-381 curve).
 *
 * Encodings (EIP-2537): an Fp element is 64 bytes big-endian whose value must be < p (so the top 16 bytes
 * are zero); Fp2 is c0 ‖ c1; a G1 point is x ‖ y (128 bytes), a G2 point x ‖ y over Fp2 (256 bytes); all
 * zeros encodes the point at infinity; a scalar is 32 bytes big-endian, any value.
 */
import { bls12_381 } from '@noble/curves/bls12-381.js';
import { mulAddUnsafe, pippenger } from '@noble/curves/abstract/curve.js';
import { bigIntToBytes, bytesToBigInt } from '../primitives/bytes.js';
import { PRECOMPILE_FAILURE, type PrecompileResult } from './types.js';

const { Fp, Fp2, Fp12 } = bls12_381.fields;
const G1 = bls12_381.G1.Point;
const G2 = bls12_381.G2.Point;

/** A point of E(Fp) (not necessarily in the order-r subgroup). */
export type G1Point = InstanceType<typeof G1>;
/** A point of E'(Fp2) (not necessarily in the order-r subgroup). */
export type G2Point = InstanceType<typeof G2>;
type Fp2Element = ReturnType<typeof Fp2.create>;

/** The base field modulus p. */
export const FIELD_MODULUS = Fp.ORDER;
/** The order r of G1 and G2. */
export const GROUP_ORDER = bls12_381.fields.Fr.ORDER;

/** Bytes of an encoded Fp element: 16 zero bytes, then 48 bytes of the value. */
export const FP_SIZE = 64;
/** Bytes of an encoded scalar. */
export const SCALAR_SIZE = 32;
const FP_PADDING = 16;
const FP_VALUE = FP_SIZE - FP_PADDING;

/** Why an input was rejected: every kind fails the call and consumes all gas given to it (EIP-2537). */
export type BlsErrorKind = 'length' | 'padding' | 'field' | 'curve' | 'subgroup';

/** An invalid precompile input; `kind` says which rule of EIP-2537 it breaks. */
export class BlsInputError extends Error {
  constructor(
    readonly kind: BlsErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** Throws a 'length' error unless `input` is exactly `expected` bytes. */
export function expectLength(input: Uint8Array, expected: number): void {
  if (input.length !== expected) {
    throw new BlsInputError('length', `input is ${input.length} bytes, expected ${expected}`);
  }
}

/** Decodes the 64-byte Fp element at `offset`: top 16 bytes zero and value < p. */
export function decodeFp(data: Uint8Array, offset: number): bigint {
  for (let i = 0; i < FP_PADDING; i++) {
    if (data[offset + i] !== 0) throw new BlsInputError('padding', `field element at byte ${offset}: top 16 bytes not zero`);
  }
  const value = bytesToBigInt(data.subarray(offset + FP_PADDING, offset + FP_SIZE));
  if (value >= FIELD_MODULUS) throw new BlsInputError('field', `field element at byte ${offset} is not below p`);
  return value;
}

/** Decodes the 128-byte Fp2 element c0 ‖ c1 at `offset`. */
export function decodeFp2(data: Uint8Array, offset: number): Fp2Element {
  return Fp2.create({ c0: decodeFp(data, offset), c1: decodeFp(data, offset + FP_SIZE) });
}

/** Decodes the 32-byte scalar at `offset`, reduced mod r (the points it multiplies have order r). */
export function decodeScalar(data: Uint8Array, offset: number): bigint {
  return bytesToBigInt(data.subarray(offset, offset + SCALAR_SIZE)) % GROUP_ORDER;
}

function writeFp(out: Uint8Array, offset: number, value: bigint): void {
  out.set(bigIntToBytes(value, FP_VALUE), offset + FP_PADDING);
}

/** One of the two groups, so that ADD and MSM are written once for both. */
export interface BlsGroup<P extends G1Point | G2Point> {
  /** Bytes of an encoded point. */
  readonly size: number;
  /** Decodes the point at `offset`; checks the subgroup only when asked (MSM and pairing, not ADD). */
  decode(data: Uint8Array, offset: number, subgroupCheck: boolean): P;
  /** Encodes a point (all zeros for infinity). */
  encode(point: P): Uint8Array;
  /** a + b. */
  add(a: P, b: P): P;
  /** Σ scalars[i]·points[i] for points of the subgroup and scalars < r. */
  msm(points: P[], scalars: bigint[]): P;
}

/** Subgroup membership after the curve check has passed; noble caches the result on the point. */
function checkSubgroup(point: G1Point | G2Point, offset: number, group: string): void {
  try {
    point.assertValidity();
  } catch {
    throw new BlsInputError('subgroup', `${group} point at byte ${offset} is not in the order-r subgroup`);
  }
}

const B1 = G1.CURVE().b;
const B2 = G2.CURVE().b;

/** G1: points of y² = x³ + 4 over Fp. */
export const BLS_G1: BlsGroup<G1Point> = {
  size: 2 * FP_SIZE,
  decode(data, offset, subgroupCheck) {
    const x = decodeFp(data, offset);
    const y = decodeFp(data, offset + FP_SIZE);
    if (x === 0n && y === 0n) return G1.ZERO;
    if (!Fp.eql(Fp.sqr(y), Fp.add(Fp.mul(Fp.sqr(x), x), B1))) {
      throw new BlsInputError('curve', `G1 point at byte ${offset} is not on the curve`);
    }
    const point = G1.fromAffine({ x, y });
    if (subgroupCheck) checkSubgroup(point, offset, 'G1');
    return point;
  },
  encode(point) {
    const out = new Uint8Array(2 * FP_SIZE);
    if (point.is0()) return out;
    const { x, y } = point.toAffine();
    writeFp(out, 0, x);
    writeFp(out, FP_SIZE, y);
    return out;
  },
  add: (a, b) => a.add(b),
  msm: (points, scalars) => msm(G1, points, scalars),
};

/** G2: points of y² = x³ + 4(1 + i) over Fp2. */
export const BLS_G2: BlsGroup<G2Point> = {
  size: 4 * FP_SIZE,
  decode(data, offset, subgroupCheck) {
    const x = decodeFp2(data, offset);
    const y = decodeFp2(data, offset + 2 * FP_SIZE);
    if (Fp2.is0(x) && Fp2.is0(y)) return G2.ZERO;
    if (!Fp2.eql(Fp2.sqr(y), Fp2.add(Fp2.mul(Fp2.sqr(x), x), B2))) {
      throw new BlsInputError('curve', `G2 point at byte ${offset} is not on the curve`);
    }
    const point = G2.fromAffine({ x, y });
    if (subgroupCheck) checkSubgroup(point, offset, 'G2');
    return point;
  },
  encode(point) {
    const out = new Uint8Array(4 * FP_SIZE);
    if (point.is0()) return out;
    const { x, y } = point.toAffine();
    writeFp(out, 0, x.c0);
    writeFp(out, FP_SIZE, x.c1);
    writeFp(out, 2 * FP_SIZE, y.c0);
    writeFp(out, 3 * FP_SIZE, y.c1);
    return out;
  },
  add: (a, b) => a.add(b),
  msm: (points, scalars) => msm(G2, points, scalars),
};

/**
 * Up to this many terms, noble's Strauss–Shamir walk (one doubling chain shared by all points, a 4-entry
 * table each) beats its Pippenger: measured 3× at 2–8 points, 1.4× at 128, even at 512 (G1, this VM).
 */
const STRAUSS_MAX_TERMS = 512;

/** Σ sᵢ·Pᵢ: terms with a zero scalar or the infinity point add nothing and are dropped first. */
function msm<P extends G1Point | G2Point>(c: typeof G1 | typeof G2, points: P[], scalars: bigint[]): P {
  const ps: P[] = [];
  const ss: bigint[] = [];
  for (let i = 0; i < points.length; i++) {
    if (scalars[i] === 0n || points[i].is0()) continue;
    ps.push(points[i]);
    ss.push(scalars[i]);
  }
  if (ps.length === 0) return c.ZERO as P;
  if (ps.length <= STRAUSS_MAX_TERMS) return mulAddUnsafe(c as never, ps as never[], ss) as P;
  return pippenger(c as never, ps as never[], ss) as P;
}

/** True when Π e(g1ᵢ, g2ᵢ) = 1 in GT; pairs with an infinity point contribute 1 and are dropped. */
export function pairingProductIsOne(pairs: { g1: G1Point; g2: G2Point }[]): boolean {
  const terms = pairs.filter((p) => !p.g1.is0() && !p.g2.is0()); // noble rejects infinity
  if (terms.length === 0) return true;
  return Fp12.eql(bls12_381.pairingBatch(terms), Fp12.ONE);
}

// The hashers' runtime mapToCurve takes a bigint for G1 (m = 1) and [c0, c1] for G2, and returns the
// point after cofactor clearing; their declared type (tuple in, affine out) says otherwise.
const mapG1 = bls12_381.G1.mapToCurve as unknown as (u: bigint) => G1Point;
const mapG2 = bls12_381.G2.mapToCurve as unknown as (u: [bigint, bigint]) => G2Point;

/** RFC 9380 map_to_curve (simplified SWU, 11-isogeny) then clear_cofactor, for MAP_FP_TO_G1. */
export function mapFpToG1(u: bigint): G1Point {
  return mapG1(u);
}

/** RFC 9380 map_to_curve (simplified SWU, 3-isogeny) then clear_cofactor, for MAP_FP2_TO_G2. */
export function mapFp2ToG2(u: Fp2Element): G2Point {
  return mapG2([u.c0, u.c1]);
}

/**
 * Runs a BLS12-381 precompile at price `gas`: out of gas, or any error while computing the output,
 * fails the call (all gas given to it is consumed). Never throws.
 */
export function runBls(gas: number, gasLimit: number, output: () => Uint8Array): PrecompileResult {
  if (gas > gasLimit) return PRECOMPILE_FAILURE;
  try {
    return { success: true, gasUsed: gas, output: output() };
  } catch {
    return PRECOMPILE_FAILURE; // a BlsInputError, or (defensively) the library refusing an input
  }
}

/** ADD for either group: exactly two points, no subgroup check (EIP-2537). */
export function addOutput<P extends G1Point | G2Point>(group: BlsGroup<P>, input: Uint8Array): Uint8Array {
  expectLength(input, 2 * group.size);
  return group.encode(group.add(group.decode(input, 0, false), group.decode(input, group.size, false)));
}
