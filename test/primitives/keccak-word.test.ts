import { describe, expect, it } from 'vitest';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { keccakWord } from '../../src/primitives/keccak-word.js';
import { KECCAK_EMPTY_HEX } from '../../src/primitives/keccak.js';

/** The reference: @noble/hashes' keccak of the same bytes, as a word. */
function expected(bytes: Uint8Array, start: number, length: number): bigint {
  return BigInt('0x' + Buffer.from(keccak_256(bytes.subarray(start, start + length))).toString('hex'));
}

describe('keccakWord', () => {
  it('hashes the empty range to the empty-input hash, kept or not', () => {
    const bytes = new Uint8Array(8);
    expect(keccakWord(bytes, 0, 0)).toBe(BigInt(KECCAK_EMPTY_HEX));
    expect(keccakWord(bytes, 0, 0)).toBe(BigInt(KECCAK_EMPTY_HEX));
  });

  it('agrees with the reference for every length up to 100, at odd offsets, asked twice', () => {
    const memory = Uint8Array.from({ length: 256 }, (_, i) => (i * 167 + 13) & 255);
    for (let length = 0; length <= 100; length++) {
      for (const start of [0, 3, 64]) {
        const want = expected(memory, start, length);
        expect(keccakWord(memory, start, length)).toBe(want);
        expect(keccakWord(memory, start, length)).toBe(want);
      }
    }
  });

  it('never returns a kept result for an input that differs in one bit, or in length only', () => {
    const memory = new Uint8Array(64).fill(0xab);
    const first = keccakWord(memory, 0, 64);
    for (let byte = 0; byte < 64; byte++) {
      memory[byte] ^= 1;
      expect(keccakWord(memory, 0, 64)).toBe(expected(memory, 0, 64));
      memory[byte] ^= 1;
    }
    expect(keccakWord(memory, 0, 64)).toBe(first);
    const zeros = new Uint8Array(64);
    expect(keccakWord(zeros, 0, 32)).toBe(expected(zeros, 0, 32));
    expect(keccakWord(zeros, 0, 64)).toBe(expected(zeros, 0, 64));
    expect(keccakWord(zeros, 0, 32)).toBe(expected(zeros, 0, 32));
  });

  it('stays exact when thousands of inputs share its slots (mapping keys of one slot)', () => {
    const memory = new Uint8Array(64);
    const key = (i: number): void => {
      new DataView(memory.buffer).setUint32(28, i);
      memory[63] = 7; // the mapping's slot
    };
    const results: bigint[] = [];
    for (let i = 0; i < 3000; i++) {
      key(i);
      results.push(keccakWord(memory, 0, 64));
    }
    for (let i = 2999; i >= 0; i -= 7) {
      key(i);
      expect(keccakWord(memory, 0, 64)).toBe(results[i]);
      expect(results[i]).toBe(expected(memory, 0, 64));
    }
  });
});
