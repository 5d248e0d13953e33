/** Address ⇄ word conversions (cached in both directions): the cache must never change an answer. */
import { describe, expect, it } from 'vitest';
import { addressFromWord, addressToWord } from '../../src/primitives/address.js';

describe('addressFromWord / addressToWord', () => {
  it('keeps the low 160 bits, zero-padded to 40 lower-case hex digits', () => {
    expect(addressFromWord(0n)).toBe('0x' + '0'.repeat(40));
    expect(addressFromWord(0xabcn)).toBe('0x' + '0'.repeat(37) + 'abc');
    const high = (0xdeadn << 200n) | 0xcafen; // bits above 160 are dropped
    expect(addressFromWord(high)).toBe('0x' + '0'.repeat(36) + 'cafe');
    expect(addressFromWord((1n << 256n) - 1n)).toBe('0x' + 'f'.repeat(40));
  });
  it('round-trips, also after the caches have been filled past their limit and cleared', () => {
    for (let i = 0; i < 40_000; i++) {
      const word = (BigInt(i) * 0x9e3779b97f4a7c15n) & ((1n << 160n) - 1n);
      const address = addressFromWord(word);
      expect(address).toMatch(/^0x[0-9a-f]{40}$/);
      expect(addressToWord(address)).toBe(word);
      expect(addressFromWord(word | (BigInt(i) << 160n))).toBe(address);
    }
  });
});
