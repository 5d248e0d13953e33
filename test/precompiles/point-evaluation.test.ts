import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pointEvaluation } from '../../src/precompiles/0a-point-evaluation.js';
import { BLS_MODULUS } from '../../src/precompiles/kzg.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

const run = (hex: string, gas = 50000) => pointEvaluation(hexToBytes(hex), gas);
const OUTPUT = '0x' + (4096).toString(16).padStart(64, '0') + BLS_MODULUS.toString(16).padStart(64, '0');

// execution-spec-tests eip4844 point_evaluation_precompile_external_vectors, case 392169c16a2e5ef6.
const CORRECT =
  '014edfed8547661f6cb416eba53061a2f6dce872c0497e6dd485a876fe2567f1' +
  '73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000' +
  '304962b3598a0adf33189fdfd9789feab1096ff40006900400000003fffffffc' +
  'a421e229565952cfff4ef3517100a97da1d4fe57956fa50a442f92af03b1bf37adacc8ad4ed209b31287ea5bb94d9d06' +
  'aa86c458b3065e7ec244033a2ade91a7499561f482419a3a372c42a636dad98262a2ce926d142fd7cfe26ca148efe8b4';
const INCORRECT_PROOF =
  CORRECT.slice(0, 288) +
  'b08a5afbb1717334e08e05576b07bff58e8851d8cfd9ea71da1ab4233ad4217cffabd669dfa89c3ebf4c44f91694a2f4';
// point_evaluation_precompile_calls "correct": commitment and proof at infinity, z = y = 0.
const INFINITY = 'c0' + '00'.repeat(47);
const ZERO_POLY = '010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014' + '00'.repeat(64) + INFINITY + INFINITY;

describe('0x0a POINT_EVALUATION (EIP-4844)', () => {
  it('verifies a correct proof: 50000 gas, output FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS', () => {
    const r = run(CORRECT);
    expect(r).toMatchObject({ success: true, gasUsed: 50000 });
    expect(bytesToHex(r.output)).toBe(OUTPUT);
    expect(bytesToHex(run(ZERO_POLY).output)).toBe(OUTPUT);
  });
  it('fails an incorrect proof', () => {
    expect(run(INCORRECT_PROOF).success).toBe(false);
  });
  it('fails with 49999 gas', () => {
    expect(run(CORRECT, 49999).success).toBe(false);
  });
  it('fails unless the input is exactly 192 bytes', () => {
    expect(run(CORRECT.slice(0, -2)).success).toBe(false);
    expect(run(CORRECT + '00').success).toBe(false);
    expect(run('').success).toBe(false);
  });
  it('fails on a wrong versioned hash (version byte or digest)', () => {
    expect(run('02' + CORRECT.slice(2)).success).toBe(false);
    expect(run('01' + 'ff' + CORRECT.slice(4)).success).toBe(false);
  });
  it('fails when z or y is ≥ the BLS modulus', () => {
    const m = BLS_MODULUS.toString(16).padStart(64, '0');
    expect(run(ZERO_POLY.slice(0, 64) + m + ZERO_POLY.slice(128)).success).toBe(false);
    expect(run(ZERO_POLY.slice(0, 128) + m + ZERO_POLY.slice(192)).success).toBe(false);
  });
});

/** In the shared fixtures beside the checkout (../shared), as in CI. */
const VECTORS = fileURLToPath(
  new URL('../../../shared/fixtures/GeneralStateTests/Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_external_vectors.json', import.meta.url),
);

describe.skipIf(!existsSync(VECTORS))('0x0a against the execution-spec-tests external KZG vectors', () => {
  it('accepts exactly the correct_proof cases', () => {
    const fixture = JSON.parse(readFileSync(VECTORS, 'utf8')) as Record<string, { transaction: { data: string[] } }>;
    let count = 0;
    for (const [name, test] of Object.entries(fixture)) {
      const expected = /case_correct_proof/.test(name);
      expect(run(test.transaction.data[0].slice(2)).success, name).toBe(expected);
      count++;
    }
    expect(count).toBeGreaterThan(100);
  });
});
