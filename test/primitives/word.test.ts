/**
 * Memory words through a DataView (MLOAD/MSTORE's fast path): readWordAt/writeWordAt take shortcuts for
 * small positive and small negative words; every class must round-trip to the same 32 big-endian bytes as
 * the byte-by-byte readWord/writeWord. SDIV's number path agrees with the signed definition at its edges.
 */
import { describe, expect, it } from 'vitest';
import { MAX_U256, countLeadingZeros, readWord, readWordAt, sdiv256, toSmallNumber, writeWord, writeWordAt } from '../../src/primitives/word.js';

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

describe('sdiv256', () => {
  // The definition (Yellow Paper): the signed quotient truncated toward zero, -2^255 / -1 wrapping.
  const TWO_256 = 1n << 256n;
  const signed = (x: bigint): bigint => (x >= 1n << 255n ? x - TWO_256 : x);
  const word = (x: bigint): bigint => ((x % TWO_256) + TWO_256) % TWO_256;
  const reference = (a: bigint, b: bigint): bigint => (b === 0n ? 0n : word(signed(a) / signed(b)));
  const EDGE = 1n << 52n; // where the number path ends
  const magnitudes = [0n, 1n, 2n, 3n, 7n, 1000000n, 0xffffffffn, 1n << 32n, EDGE - 1n, EDGE, EDGE + 1n, (1n << 53n) - 1n, 1n << 200n, (1n << 255n) - 1n];
  const values = [...magnitudes, ...magnitudes.map((m) => word(-m)), 1n << 255n];
  let seed = 0x9e3779b97f4a7c15n;
  for (let i = 0; i < 200; i++) {
    seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
    const m = seed >> BigInt(12 + (i % 40)); // magnitudes on both sides of 2^52
    values.push(m, word(-m));
  }

  it('matches the signed definition on both sides of the small-number path', () => {
    for (const a of values) {
      for (const b of values) expect(sdiv256(a, b), `${signed(a)} / ${signed(b)}`).toBe(reference(a, b));
    }
  });
});
