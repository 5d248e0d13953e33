/**
 * 0x100 P256VERIFY (EIP-7951): every vector of vectors/p256verify.json (EIP-7951's and Wycheproof's, through
 * execution-spec-tests) with exact output and gas, and each input rule of the EIP on a valid signature
 * changed in one field. Every outcome with enough gas succeeds and charges 6,900; a failure is empty output.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { p256verify } from '../../src/precompiles/100-p256verify.js';
import { P256_N, P256_P } from '../../src/precompiles/p256.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

interface Vector {
  name: string;
  source: string;
  input: string;
  expected: string;
}

const VECTORS: Vector[] = JSON.parse(readFileSync(join(import.meta.dirname, 'vectors', 'p256verify.json'), 'utf8'));
const GAS = 6900;
const ONE = '0x' + '00'.repeat(31) + '01';
const word = (n: bigint) => n.toString(16).padStart(64, '0');
const run = (hex: string, gas = GAS) => p256verify(hexToBytes(hex), gas);
const vector = (name: string) => VECTORS.find((v) => v.name === name)!;

/** A valid signature's fields (execution-spec-tests "valid_r1_sig"), as numbers, so tests can change one. */
const VALID = (() => {
  const hex = vector('valid_r1_sig').input;
  const field = (i: number) => BigInt('0x' + hex.slice(64 * i, 64 * (i + 1)));
  return { h: field(0), r: field(1), s: field(2), qx: field(3), qy: field(4) };
})();
const input = (f: Partial<typeof VALID>) => {
  const v = { ...VALID, ...f };
  return word(v.h) + word(v.r) + word(v.s) + word(v.qx) + word(v.qy);
};

/** The outcome of a failed check: success, 6,900 gas, no output. */
const REJECTED = { success: true, gasUsed: GAS, output: new Uint8Array(0) };

describe('0x100 P256VERIFY vectors', () => {
  it('the file holds valid and invalid vectors of every source', () => {
    expect(VECTORS.length).toBe(379);
    expect(VECTORS.filter((v) => v.expected !== '').length).toBe(228);
    expect(VECTORS.some((v) => v.name.startsWith('wycheproof/ecdsa_secp256r1_sha256_p1363_test.json'))).toBe(true);
  });

  it.each(VECTORS.map((v) => [v.name, v] as const))('%s', (_, v) => {
    const r = run(v.input);
    expect(r.success).toBe(true);
    expect(r.gasUsed).toBe(GAS);
    expect(bytesToHex(r.output)).toBe('0x' + v.expected);
  });
});

describe('0x100 P256VERIFY rules (EIP-7951)', () => {
  it('a valid signature returns the 32-byte word 1 for 6,900 gas', () => {
    const r = run(input({}));
    expect(r).toMatchObject({ success: true, gasUsed: GAS });
    expect(bytesToHex(r.output)).toBe(ONE);
  });

  it('accepts the high s as well as the low one (no malleability rule)', () => {
    // (r, s) and (r, n - s) both verify; exactly one of the two s is above n/2.
    const high = VALID.s > P256_N / 2n ? VALID.s : P256_N - VALID.s;
    expect(bytesToHex(run(input({ s: high })).output)).toBe(ONE);
    expect(bytesToHex(run(input({ s: P256_N - high })).output)).toBe(ONE);
  });

  it('input must be exactly 160 bytes: no padding, no truncation', () => {
    const valid = input({});
    for (const hex of ['', valid.slice(0, -2), valid + '00', valid + valid]) expect(run(hex)).toEqual(REJECTED);
  });

  it('r and s must lie in (0, n)', () => {
    for (const r of [0n, P256_N, P256_N + 1n, (1n << 256n) - 1n]) expect(run(input({ r })), `r = ${r}`).toEqual(REJECTED);
    for (const s of [0n, P256_N, P256_N + 1n, (1n << 256n) - 1n]) expect(run(input({ s })), `s = ${s}`).toEqual(REJECTED);
  });

  it('qx and qy must be below p, even when the key reduced mod p is a curve point', () => {
    expect(run(input({ qx: P256_P }))).toEqual(REJECTED);
    expect(run(input({ qy: P256_P }))).toEqual(REJECTED);
    // A valid signature under the key with x = 5, and the same with x written as 5 + p.
    expect(bytesToHex(run(vector('x_5_y_positive').input).output)).toBe(ONE);
    const plusP = vector('x_P_plus_5_y_positive').input;
    expect(BigInt('0x' + plusP.slice(192, 256))).toBe(P256_P + 5n);
    expect(run(plusP)).toEqual(REJECTED);
  });

  it('the key must be on the curve and not the point at infinity (0, 0)', () => {
    expect(run(input({ qy: VALID.qy ^ 1n }))).toEqual(REJECTED);
    expect(run(input({ qx: 0n, qy: 0n }))).toEqual(REJECTED);
    // The other root of y² (p - y) is on the curve: a different key, so the signature fails verification.
    expect(run(input({ qy: P256_P - VALID.qy }))).toEqual(REJECTED);
  });

  it("R' at infinity fails, and R'.x is compared with r mod n", () => {
    expect(run(vector('R_at_infinity_v1').input)).toEqual(REJECTED);
    expect(bytesToHex(run(vector('x_coordinate_exceeds_n').input).output)).toBe(ONE);
    expect(run(vector('r_equals_n_plus_one').input)).toEqual(REJECTED);
  });

  it('a wrong message hash fails verification', () => {
    expect(run(input({ h: VALID.h ^ 1n }))).toEqual(REJECTED);
  });

  it('fails, consuming the gas given, only when that gas is below 6,900', () => {
    expect(run(input({}), GAS - 1).success).toBe(false);
    expect(run('', GAS - 1).success).toBe(false);
    expect(run(input({}), 1_000_000)).toMatchObject({ success: true, gasUsed: GAS });
  });
});
