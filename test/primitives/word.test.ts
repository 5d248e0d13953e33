/**
 * Memory words through a DataView (MLOAD/MSTORE's fast path): readWordAt/writeWordAt take shortcuts for
 * small positive and small negative words; every class must round-trip to the same 32 big-endian bytes as
 * the byte-by-byte readWord/writeWord.
 */
import { describe, expect, it } from 'vitest';
import { MAX_U256, countLeadingZeros, readWord, readWordAt, toSmallNumber, writeWord, writeWordAt } from '../../src/primitives/word.js';

const SMALL_NEGATIVE = (1n << 256n) - (1n << 64n);
const WORDS = [
  0n, 1n, 0xffn, (1n << 53n) - 1n, 1n << 53n, (1n << 64n) - 1n, 1n << 64n, (1n << 160n) - 1n, 1n << 255n,
  SMALL_NEGATIVE - 1n, SMALL_NEGATIVE, SMALL_NEGATIVE + 1n, MAX_U256 - 12345n, MAX_U256,
  0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefn,
  0xffffffffffffffffffffffffffffffffffffffffffff00ffffffffffffffffffn, // one zero byte in the top part
];

describe('readWordAt / writeWordAt', () => {
  it('round-trip every class of word at aligned and unaligned offsets, byte-identical to writeWord', () => {
    const buffer = new Uint8Array(96).fill(0xaa);
    const view = new DataView(buffer.buffer);
    for (const x of WORDS) {
      for (const offset of [0, 7, 64]) {
        writeWordAt(view, offset, x);
        expect(readWordAt(view, offset), `word ${x.toString(16)} at ${offset}`).toBe(x);
        expect(readWord(buffer, offset)).toBe(x);
        const expected = new Uint8Array(32);
        writeWord(expected, 0, x);
        expect(buffer.subarray(offset, offset + 32)).toEqual(expected);
      }
    }
  });
});

describe('toSmallNumber', () => {
  it('equals Number(x) for every word below 2^53, at the 32-bit boundary and elsewhere', () => {
    const values = [0n, 1n, 255n, 0xffffffffn, 0x100000000n, 0x100000001n, 0x123456789abcn, (1n << 53n) - 1n];
    for (let k = 0n; k < 53n; k++) values.push(1n << k, (1n << k) + 3n);
    for (const x of values) expect(toSmallNumber(x), `${x}`).toBe(Number(x));
  });
});

describe('countLeadingZeros', () => {
  it('matches 256 minus the binary length for every class of word', () => {
    for (const x of WORDS) expect(countLeadingZeros(x), x.toString(16)).toBe(x === 0n ? 256 : 256 - x.toString(2).length);
    for (let k = 0; k < 256; k++) expect(countLeadingZeros(1n << BigInt(k))).toBe(255 - k);
  });
});
