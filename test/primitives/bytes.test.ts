import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

describe('bytesToHex', () => {
  it('gives the same text below and above the large-input threshold', () => {
    for (const n of [0, 1, 31, 4096, 4097, 100_000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 255);
      expect(bytesToHex(bytes)).toBe('0x' + Buffer.from(bytes).toString('hex'));
    }
  });

  it('works on views into a larger buffer', () => {
    const big = Uint8Array.from({ length: 10_000 }, (_, i) => i & 255);
    const view = big.subarray(1000, 9000);
    expect(bytesToHex(view)).toBe('0x' + Buffer.from(view).toString('hex'));
  });
});

describe('hexToBytes', () => {
  it('reports the position of a bad character in the text as given', () => {
    expect(() => hexToBytes('0xzz')).toThrow("invalid hex character 'z' at position 2");
    expect(() => hexToBytes('12zz')).toThrow("invalid hex character 'z' at position 2");
    expect(() => hexToBytes('0x1z3', true)).toThrow("invalid hex character 'z' at position 3");
  });
});
