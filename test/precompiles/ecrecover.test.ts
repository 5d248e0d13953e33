import { describe, expect, it } from 'vitest';
import { ecrecover } from '../../src/precompiles/01-ecrecover.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

// stPreCompiledContracts2/CallEcrecover0: signed by 0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b.
const HASH = '18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c';
const R = '73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f';
const S = 'eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549';
const word = (n: number) => n.toString(16).padStart(64, '0');
const run = (hex: string, gas = 3000) => ecrecover(hexToBytes(hex), gas);

describe('0x01 ECRECOVER', () => {
  it('recovers the signer, left-padded to 32 bytes, for 3000 gas', () => {
    const r = run(HASH + word(28) + R + S);
    expect(r.success).toBe(true);
    expect(r.gasUsed).toBe(3000);
    expect(bytesToHex(r.output)).toBe('0x000000000000000000000000a94f5374fce5edbc8e2a8697c15331677e6ebf0b');
  });
  it('right-pads short input (missing s means s = 0: invalid, empty output)', () => {
    const r = run(HASH + word(28) + R);
    expect(r).toMatchObject({ success: true, gasUsed: 3000 });
    expect(r.output.length).toBe(0);
  });
  it('ignores input past 128 bytes', () => {
    expect(bytesToHex(run(HASH + word(28) + R + S + 'ff'.repeat(20)).output)).toMatch(/a94f5374fce5edbc8e2a/);
  });
  it('wrong v (27 with the wrong parity) recovers a different address', () => {
    const r = run(HASH + word(27) + R + S);
    expect(r.success).toBe(true);
    expect(bytesToHex(r.output)).not.toMatch(/a94f5374fce5edbc8e2a/);
  });
  it.each([
    ['v = 0', word(0)],
    ['v = 29', word(29)],
    ['v = 1', word(1)],
    ['v with high bytes set (CallEcrecoverV_prefixed0)', '01' + word(28).slice(2)],
    ['v = 28 + 2^256 style garbage', 'ff'.repeat(31) + '1c'],
  ])('invalid %s succeeds with empty output', (_name, v) => {
    const r = run(HASH + v + R + S);
    expect(r).toMatchObject({ success: true, gasUsed: 3000 });
    expect(r.output.length).toBe(0);
  });
  it('r = 0, s ≥ n and empty input give empty output', () => {
    const n = 'fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141';
    expect(run(HASH + word(28) + word(0) + S).output.length).toBe(0);
    expect(run(HASH + word(28) + R + n).output.length).toBe(0);
    expect(run('').output.length).toBe(0);
    expect(run('').success).toBe(true);
  });
  it('fails with less than 3000 gas', () => {
    expect(run(HASH + word(28) + R + S, 2999).success).toBe(false);
  });
});
