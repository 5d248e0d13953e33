import { describe, expect, it } from 'vitest';
import { getPrecompile, precompileAddress } from '../../src/precompiles/index.js';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

const word = (n: bigint | number) => BigInt(n).toString(16).padStart(64, '0');
const P = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47n;
const N = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001n;
const G1 = word(1) + word(2);
const G1_NEG = word(1) + word(P - 2n);
const G1_DOUBLE =
  '030644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd315ed738c0e0a7c92e7845f96b2ae9c0a68a6a449e3538fc7ff3ebf7a5a18a2c4';
// G2 generator as EIP-197 writes it: x_im, x_re, y_im, y_re.
const G2 =
  '198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed' +
  '090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const ZERO64 = '00'.repeat(64);

// Each fork's version as the registry picks it (EIP-1108 repriced all three from Istanbul).
const at = (n: number, fork: Fork) => getPrecompile(fork, precompileAddress(n))!;
const add = (hex: string, fork = Fork.Istanbul, gas = 100_000) => at(6, fork)(hexToBytes(hex), gas);
const mul = (hex: string, fork = Fork.Istanbul, gas = 100_000) => at(7, fork)(hexToBytes(hex), gas);
const pair = (hex: string, fork = Fork.Istanbul, gas = 10_000_000) => at(8, fork)(hexToBytes(hex), gas);

describe('0x06 ECADD (EIP-196)', () => {
  it('G + G = 2G; gas 500 before Istanbul, 150 from it (EIP-1108)', () => {
    expect(bytesToHex(add(G1 + G1).output)).toBe('0x' + G1_DOUBLE);
    expect(add(G1 + G1, Fork.Byzantium).gasUsed).toBe(500);
    expect(add(G1 + G1, Fork.Cancun).gasUsed).toBe(150);
  });
  it('(0,0) is infinity: empty input gives 64 zero bytes; G + 0 = G; G + (-G) = 0', () => {
    expect(add('')).toMatchObject({ success: true, output: new Uint8Array(64) });
    expect(bytesToHex(add(G1).output)).toBe('0x' + G1); // right-padded second point = infinity
    expect(add(G1 + G1_NEG).output).toEqual(new Uint8Array(64));
  });
  it('ignores input past 128 bytes', () => {
    expect(bytesToHex(add(G1 + G1 + 'ff'.repeat(64)).output)).toBe('0x' + G1_DOUBLE);
  });
  it('fails on a point off the curve, a coordinate ≥ p, or too little gas', () => {
    expect(add(word(1) + word(3) + G1).success).toBe(false); // ecadd_1-3_*: (1,3) is not on the curve
    expect(add(word(P + 1n) + word(2) + G1).success).toBe(false); // x ≡ 1 but not reduced
    expect(add(word(0) + word(P) + G1).success).toBe(false);
    expect(add(G1 + G1, Fork.Byzantium, 499).success).toBe(false);
    expect(add(G1 + G1, Fork.Istanbul, 149).success).toBe(false);
  });
});

describe('0x07 ECMUL (EIP-196)', () => {
  it('2·G = 2G; gas 40000 before Istanbul, 6000 from it', () => {
    expect(bytesToHex(mul(G1 + word(2)).output)).toBe('0x' + G1_DOUBLE);
    expect(mul(G1 + word(2), Fork.Byzantium).gasUsed).toBe(40000);
    expect(mul(G1 + word(2), Fork.Berlin).gasUsed).toBe(6000);
    expect(mul(G1 + word(2), Fork.Byzantium, 39999).success).toBe(false);
  });
  it('scalars 0, n and n+2, and scalars ≥ 2^255 reduce mod n', () => {
    expect(mul(G1 + word(0)).output).toEqual(new Uint8Array(64));
    expect(mul(G1 + word(N)).output).toEqual(new Uint8Array(64));
    expect(bytesToHex(mul(G1 + word(N + 2n)).output)).toBe('0x' + G1_DOUBLE);
    const big = (1n << 256n) - 1n;
    expect(bytesToHex(mul(G1 + word(big)).output)).toBe(bytesToHex(mul(G1 + word(big % N)).output));
  });
  it('right-pads: a missing scalar is 0; infinity times anything is infinity', () => {
    expect(mul(G1)).toMatchObject({ success: true, output: new Uint8Array(64) });
    expect(mul(ZERO64 + word(5))).toMatchObject({ success: true, output: new Uint8Array(64) });
    expect(mul('')).toMatchObject({ success: true, output: new Uint8Array(64) });
  });
  it('fails on a point off the curve even with scalar 0 (ecmul_1-3_0_*)', () => {
    expect(mul(word(1) + word(3) + word(0)).success).toBe(false);
    expect(mul(word(P) + word(0) + word(1)).success).toBe(false);
  });
});

// geth core/vm/testdata/precompiles/bn256Pairing.json "jeff1" (true) and "jeff6" (false).
const JEFF1 =
  '1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c2032c61a830e3c17286de9462bf242fca2883585b93870a73853face6a6bf411198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const JEFF6 =
  '1c76476f4def4bb94541d57ebba1193381ffa7aa76ada664dd31c16024c43f593034dd2920f673e204fee2811c678745fc819b55d3e9d294e45c9b03a76aef41209dd15ebff5d46c4bd888e51a93cf99a7329636c63514396b4a452003a35bf704bf11ca01483bfa8b34b43561848d28905960114c8ac04049af4b6315a416782bb8324af6cfc93537a2ad1a445cfd0ca2a71acd7ac41fadbf933c2a51be344d120a2a4cf30c1bf9845f20c6fe39e07ea2cce61f0c9bb048165fe5e4de877550111e129f1cf1097710d41c4ac70fcdfa5ba2023c6ff1cbeac322de49d1b6df7c103188585e2364128fe25c70558f1560f4f9350baf3959e603cc91486e110936198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa';
const ONE = '0x' + word(1);
const ZERO = '0x' + word(0);

describe('0x08 ECPAIRING (EIP-197)', () => {
  it('empty input is true: 45000 from Istanbul, 100000 before', () => {
    expect(pair('')).toMatchObject({ success: true, gasUsed: 45000 });
    expect(bytesToHex(pair('').output)).toBe(ONE);
    expect(pair('', Fork.Byzantium).gasUsed).toBe(100000);
  });
  it('e(G1, G2) · e(-G1, G2) = 1; e(G1, G2) alone ≠ 1', () => {
    const r = pair(G1 + G2 + G1_NEG + G2);
    expect(r).toMatchObject({ success: true, gasUsed: 45000 + 2 * 34000 });
    expect(bytesToHex(r.output)).toBe(ONE);
    expect(pair(G1 + G2 + G1_NEG + G2, Fork.Byzantium).gasUsed).toBe(100000 + 2 * 80000);
    expect(bytesToHex(pair(G1 + G2).output)).toBe(ZERO);
  });
  it('geth vectors jeff1 (true) and jeff6 (false)', () => {
    expect(pair(JEFF1)).toMatchObject({ success: true, gasUsed: 113000 });
    expect(bytesToHex(pair(JEFF1).output)).toBe(ONE);
    expect(bytesToHex(pair(JEFF6).output)).toBe(ZERO);
  });
  it('pairs with an infinity point contribute 1', () => {
    expect(bytesToHex(pair(ZERO64 + G2).output)).toBe(ONE);
    expect(bytesToHex(pair(G1 + '00'.repeat(128)).output)).toBe(ONE);
    expect(bytesToHex(pair(ZERO64 + G2 + G1 + G2).output)).toBe(ZERO);
  });
  it('fails when the length is not a multiple of 192', () => {
    expect(pair(G1 + G2 + '00').success).toBe(false);
    expect(pair(G1).success).toBe(false);
  });
  it('fails on invalid points: G1 off curve, G2 off twist, coordinate ≥ p, G2 outside the subgroup', () => {
    expect(pair(word(1) + word(3) + G2).success).toBe(false);
    const g2Bad = G2.slice(0, 255) + (G2[255] === '0' ? '1' : '0'); // y_re changed: off the twist
    expect(pair(G1 + g2Bad).success).toBe(false);
    expect(pair(G1 + word(P) + G2.slice(64)).success).toBe(false);
    expect(pair(G1 + nonSubgroupG2()).success).toBe(false);
  });
  it('fails when gas is short (priced per pair before any work)', () => {
    expect(pair(G1 + G2, Fork.Istanbul, 78999).success).toBe(false);
    expect(pair(G1 + G2, Fork.Istanbul, 79000).success).toBe(true);
  });
});

/**
 * A point on the G2 twist curve y² = x³ + 3/(9+u) outside the order-n subgroup: the first x = k + u with
 * a square right-hand side (the twist's cofactor is ~2^254, so a point found this way is not in G2).
 */
function nonSubgroupG2(): string {
  // Fp2 arithmetic over u² = -1; b' = 3 / (9 + u).
  const mod = (a: bigint) => ((a % P) + P) % P;
  const pow = (b: bigint, e: bigint) => {
    let r = 1n;
    b = mod(b);
    for (; e > 0n; e >>= 1n, b = (b * b) % P) if (e & 1n) r = (r * b) % P;
    return r;
  };
  type F2 = [bigint, bigint];
  const mul2 = (a: F2, b: F2): F2 => [mod(a[0] * b[0] - a[1] * b[1]), mod(a[0] * b[1] + a[1] * b[0])];
  const add2 = (a: F2, b: F2): F2 => [mod(a[0] + b[0]), mod(a[1] + b[1])];
  const inv2 = (a: F2): F2 => {
    const d = pow(a[0] * a[0] + a[1] * a[1], P - 2n);
    return [mod(a[0] * d), mod(-a[1] * d)];
  };
  const pow2 = (a: F2, e: bigint): F2 => {
    let r: F2 = [1n, 0n];
    for (; e > 0n; e >>= 1n, a = mul2(a, a)) if (e & 1n) r = mul2(r, a);
    return r;
  };
  const b: F2 = mul2([3n, 0n], inv2([9n, 1n]));
  // sqrt in Fp2 for p ≡ 3 mod 4 (algorithm 9 of Adj & Rodríguez-Henríquez).
  const sqrt2 = (a: F2): F2 | null => {
    const a1 = pow2(a, (P - 3n) / 4n);
    const alpha = mul2(a1, mul2(a1, a));
    const x0 = mul2(a1, a);
    if (alpha[0] === P - 1n && alpha[1] === 0n) return mul2([0n, 1n], x0);
    const bb = pow2(add2([1n, 0n], alpha), (P - 1n) / 2n);
    const x = mul2(bb, x0);
    const sq = mul2(x, x);
    return sq[0] === a[0] && sq[1] === a[1] ? x : null;
  };
  for (let i = 1n; ; i++) {
    const x: F2 = [i, 1n];
    const y = sqrt2(add2(mul2(mul2(x, x), x), b));
    if (y) return word(x[1]) + word(x[0]) + word(y[1]) + word(y[0]);
  }
}
