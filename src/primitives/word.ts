/**
 * The 256-bit word. evmkit represents words as non-negative `bigint`s below 2^256 (see
 * docs/ARCHITECTURE.md, "Word representation", and docs/PERFORMANCE.md for the measurement behind the choice). Every helper that
 * knows about that representation lives here so that it can change in one place.
 */

/** 2^256. */
export const TWO_256 = 1n << 256n;
/** 2^256 - 1: the all-ones word, also the mask that wraps arithmetic. */
export const MAX_U256 = TWO_256 - 1n;
/** 2^64 - 1. */
export const MAX_U64 = (1n << 64n) - 1n;
/** 2^256 - 2^64: words at or above it are small negative numbers (top 192 bits set). */
const SMALL_NEGATIVE = TWO_256 - (1n << 64n);
/** 2^255: the sign bit of a two's-complement word. */
export const SIGN_BIT = 1n << 255n;
/** 2^160 - 1: masks a word down to an address. */
export const ADDRESS_MASK = (1n << 160n) - 1n;

/**
 * Scratch space for toSmallNumber and the memory word reads and writes: a bigint stored through a
 * BigUint64Array and read back as two 32-bit halves, or the reverse. V8 (Node 20) runs `Number(bigint)` as a
 * runtime call, ~17 ns; this store and the loads take ~3 ns (docs/PERFORMANCE.md, "Session 4"). The halves'
 * order is the platform's.
 */
const SCRATCH = new ArrayBuffer(8);
const SCRATCH64 = new BigUint64Array(SCRATCH);
const SCRATCH32 = new Uint32Array(SCRATCH);
SCRATCH64[0] = 1n;
const LOW = SCRATCH32[0] === 1 ? 0 : 1;
const HIGH = 1 - LOW;

/**
 * `Number(x)` for a word already known to be below 2^53 (an offset, size or destination checked against a
 * bound): exact there; for larger words it is x mod 2^64, rounded.
 */
export function toSmallNumber(x: bigint): number {
  SCRATCH64[0] = x;
  return SCRATCH32[HIGH] * 0x100000000 + SCRATCH32[LOW];
}

/**
 * The scratch for code the translation tier generates, which converts a word known to be below 2^32 inline:
 * `(SCRATCH64[0] = x, SCRATCH32[LOW_HALF])`, no call (TurboFan stops inlining calls in a large chunk).
 */
export const SCRATCH_WORD = SCRATCH64;
export const SCRATCH_HALVES = SCRATCH32;
export const LOW_HALF = LOW;

/** The low 32 bits of x, as an unsigned number (MSTORE8's byte), through the scratch as toSmallNumber. */
export function low32(x: bigint): number {
  SCRATCH64[0] = x;
  return SCRATCH32[LOW];
}

/** Interprets a word as a signed two's-complement integer. */
export function toSigned(x: bigint): bigint {
  return x >= SIGN_BIT ? x - TWO_256 : x;
}

/** Wraps a signed integer back into a word. */
export function fromSigned(x: bigint): bigint {
  return x < 0n ? x + TWO_256 : x;
}

/** Writes `x` big-endian into 32 bytes of `out` at `offset`. */
export function writeWord(out: Uint8Array, offset: number, x: bigint): void {
  // Four 64-bit chunks: fewer bigint operations than byte by byte.
  for (let i = 3; i >= 0; i--) {
    let chunk = BigInt.asUintN(64, x);
    x >>= 64n;
    let lo = Number(chunk & 0xffffffffn);
    let hi = Number(chunk >> 32n);
    const base = offset + i * 8;
    out[base + 7] = lo & 0xff;
    out[base + 6] = (lo >>> 8) & 0xff;
    out[base + 5] = (lo >>> 16) & 0xff;
    out[base + 4] = lo >>> 24;
    out[base + 3] = hi & 0xff;
    out[base + 2] = (hi >>> 8) & 0xff;
    out[base + 1] = (hi >>> 16) & 0xff;
    out[base] = hi >>> 24;
    chunk = 0n;
    lo = hi = 0;
  }
}

/** Reads a 32-byte big-endian word from `data` at `offset` (bytes past the end read as zero). */
export function readWord(data: Uint8Array, offset: number): bigint {
  let result = 0n;
  for (let i = 0; i < 4; i++) {
    let hi = 0;
    let lo = 0;
    const base = offset + i * 8;
    if (base + 8 <= data.length) {
      hi = ((data[base] << 24) | (data[base + 1] << 16) | (data[base + 2] << 8) | data[base + 3]) >>> 0;
      lo = ((data[base + 4] << 24) | (data[base + 5] << 16) | (data[base + 6] << 8) | data[base + 7]) >>> 0;
    } else {
      for (let j = 0; j < 8; j++) {
        const b = base + j < data.length ? data[base + j] : 0;
        if (j < 4) hi = (hi * 256 + b) >>> 0;
        else lo = (lo * 256 + b) >>> 0;
      }
    }
    result = (result << 64n) | (BigInt(hi) << 32n) | BigInt(lo);
  }
  return result;
}

/**
 * Writes `x` big-endian into the 32 bytes at `offset` of `view` (which must hold them), as eight 32-bit
 * stores: each 64-bit piece goes through SCRATCH64 and comes out as two halves. TurboFan (Node 20) inlines
 * setUint32 and the BigUint64Array store but calls a builtin for each setBigUint64: 14 ns against 38 ns for
 * a word below 2^64, 30 ns against 73 ns for a mix (docs/PERFORMANCE.md, "Session 5"). MSTORE uses it
 * through the frame's DataView of memory.
 */
export function writeWordAt(view: DataView, offset: number, x: bigint): void {
  SCRATCH64[0] = x; // the low 64 bits
  view.setUint32(offset + 24, SCRATCH32[HIGH]);
  view.setUint32(offset + 28, SCRATCH32[LOW]);
  if (x <= MAX_U64) {
    view.setUint32(offset, 0);
    view.setUint32(offset + 4, 0);
    view.setUint32(offset + 8, 0);
    view.setUint32(offset + 12, 0);
    view.setUint32(offset + 16, 0);
    view.setUint32(offset + 20, 0);
    return;
  }
  if (x >= SMALL_NEGATIVE) {
    view.setInt32(offset, -1);
    view.setInt32(offset + 4, -1);
    view.setInt32(offset + 8, -1);
    view.setInt32(offset + 12, -1);
    view.setInt32(offset + 16, -1);
    view.setInt32(offset + 20, -1);
    return;
  }
  SCRATCH64[0] = x >> 64n;
  view.setUint32(offset + 16, SCRATCH32[HIGH]);
  view.setUint32(offset + 20, SCRATCH32[LOW]);
  SCRATCH64[0] = x >> 128n;
  view.setUint32(offset + 8, SCRATCH32[HIGH]);
  view.setUint32(offset + 12, SCRATCH32[LOW]);
  SCRATCH64[0] = x >> 192n;
  view.setUint32(offset, SCRATCH32[HIGH]);
  view.setUint32(offset + 4, SCRATCH32[LOW]);
}

/**
 * Reads the 32-byte big-endian word at `offset` of `view` (which must hold them). Words whose top 24 bytes
 * are zero (addresses aside, the common case: offsets, lengths, counters) cost one bigint, not ten; so do
 * small negative numbers (top 24 bytes 0xff: 18% of snailtracer's MLOADs, the rest being small positive).
 * The 64-bit pieces are assembled in SCRATCH32 and read as one BigUint64Array element, which TurboFan
 * inlines where getBigUint64 is a builtin call (25 ns against 37 ns for a small word, micro-benchmark).
 */
export function readWordAt(view: DataView, offset: number): bigint {
  const a = view.getUint32(offset);
  const b = view.getUint32(offset + 4);
  const c = view.getUint32(offset + 8);
  const d = view.getUint32(offset + 12);
  const e = view.getUint32(offset + 16);
  const f = view.getUint32(offset + 20);
  SCRATCH32[HIGH] = view.getUint32(offset + 24);
  SCRATCH32[LOW] = view.getUint32(offset + 28);
  if ((a | b | c | d | e | f) === 0) return SCRATCH64[0];
  if ((a & b & c & d & e & f) === -1) return SMALL_NEGATIVE + SCRATCH64[0];
  const low = SCRATCH64[0];
  SCRATCH32[HIGH] = e;
  SCRATCH32[LOW] = f;
  const second = SCRATCH64[0];
  SCRATCH32[HIGH] = c;
  SCRATCH32[LOW] = d;
  const third = SCRATCH64[0];
  SCRATCH32[HIGH] = a;
  SCRATCH32[LOW] = b;
  return (SCRATCH64[0] << 192n) | (third << 128n) | (second << 64n) | low;
}

/** Reads `length` (≤ 32) big-endian bytes at `offset` as an integer, zero past the end (PUSH immediates). */
export function readUint(data: Uint8Array, offset: number, length: number): bigint {
  if (length <= 6) {
    let n = 0;
    for (let i = 0; i < length; i++) {
      const p = offset + i;
      n = n * 256 + (p < data.length ? data[p] : 0);
    }
    return BigInt(n);
  }
  let result = 0n;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    const p = offset + i;
    const chunk =
      p + 4 <= data.length
        ? ((data[p] << 24) | (data[p + 1] << 16) | (data[p + 2] << 8) | data[p + 3]) >>> 0
        : (((p < data.length ? data[p] : 0) << 24) |
            ((p + 1 < data.length ? data[p + 1] : 0) << 16) |
            ((p + 2 < data.length ? data[p + 2] : 0) << 8) |
            (p + 3 < data.length ? data[p + 3] : 0)) >>>
          0;
    result = (result << 32n) | BigInt(chunk);
  }
  for (; i < length; i++) {
    const p = offset + i;
    result = (result << 8n) | BigInt(p < data.length ? data[p] : 0);
  }
  return result;
}

/**
 * Leading zero bits of a 256-bit word (256 for zero), CLZ of EIP-7939. Halving by shifts: three bigint
 * shifts and one Math.clz32, about twice as fast here as measuring toString(2).
 */
export function countLeadingZeros(x: bigint): number {
  if (x === 0n) return 256;
  let zeros = 0;
  let v = x;
  let high = v >> 128n;
  if (high === 0n) zeros += 128;
  else v = high;
  high = v >> 64n;
  if (high === 0n) zeros += 64;
  else v = high;
  high = v >> 32n;
  if (high === 0n) zeros += 32;
  else v = high;
  return zeros + Math.clz32(toSmallNumber(v)); // v < 2^32 here
}

/** Number of bytes needed to represent `x` (0 for zero); EXP gas uses it. */
export function byteLength(x: bigint): number {
  if (x === 0n) return 0;
  return Math.ceil(x.toString(16).length / 2);
}

/**
 * base^exponent mod 2^256 (EXP). Left to right over the exponent's hex digits with a 4-bit window: the digits
 * come from one toString(16) instead of a bigint shift and mask per bit, and the window turns up to 256
 * multiplications into 64 (plus 14 for the table, so short exponents go bit by bit instead). Powers of two,
 * Solidity's most common base, are a shift. About 2x faster than square-and-multiply with bigint bit tests.
 */
export function exp256(base: bigint, exponent: bigint): bigint {
  if (exponent === 0n) return 1n;
  if (base <= 1n) return base;
  if ((base & (base - 1n)) === 0n) {
    // base = 2^k: the result is 2^(k·exponent), or 0 once that reaches 2^256.
    const k = base.toString(2).length - 1;
    return exponent < 256n && k * Number(exponent) < 256 ? 1n << BigInt(k * Number(exponent)) : 0n;
  }
  const hex = exponent.toString(16);
  if (hex.length <= 4) {
    const bits = exponent.toString(2);
    let result = base;
    for (let i = 1; i < bits.length; i++) {
      result = (result * result) & MAX_U256;
      if (bits.charCodeAt(i) === 0x31) result = (result * base) & MAX_U256;
    }
    return result;
  }
  const powers = [1n, base];
  for (let i = 2; i < 16; i++) powers.push((powers[i - 1] * base) & MAX_U256);
  let result = powers[hexDigit(hex.charCodeAt(0))];
  for (let i = 1; i < hex.length; i++) {
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    result = (result * result) & MAX_U256;
    const digit = hexDigit(hex.charCodeAt(i));
    if (digit !== 0) result = (result * powers[digit]) & MAX_U256;
  }
  return result;
}

/** Value of a lowercase hex digit's character code. */
function hexDigit(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x57;
}

// Pure word operations shared by the instruction handlers and the translation tier (src/evm/translate/):
// one definition each. Operands are words (0 ≤ x < 2^256); a is the top of the stack, b the next.

/** |x| of a two's-complement word. */
function magnitude(x: bigint): bigint {
  return x >= SIGN_BIT ? TWO_256 - x : x;
}

/**
 * Signed words of magnitude below 2^52 (snailtracer's fixed-point numbers) divide as doubles: the
 * quotient of integers below 2^53 truncates exactly (it is at least 1/|b| from the next integer, more than
 * the rounding error), and SCRATCH converts both ways without a bigint division or the three 256-bit
 * subtractions of the general path (docs/PERFORMANCE.md, "Session 5").
 */
const SMALL_SIGNED = 1n << 52n;
const SMALL_SIGNED_NEGATIVE = TWO_256 - SMALL_SIGNED;
const SCRATCH_SIGNED32 = new Int32Array(SCRATCH);

function isSmallSigned(x: bigint): boolean {
  return x < SMALL_SIGNED || x > SMALL_SIGNED_NEGATIVE;
}

/** The signed value of a word that isSmallSigned accepts, as a number. */
function smallSigned(x: bigint): number {
  SCRATCH64[0] = x; // the low 64 bits, two's complement
  return SCRATCH_SIGNED32[HIGH] * 0x100000000 + SCRATCH32[LOW];
}

/** The word of an integer of magnitude below 2^53. */
function fromSmallSigned(n: number): bigint {
  SCRATCH32[HIGH] = Math.floor(n / 0x100000000);
  SCRATCH32[LOW] = n;
  return n < 0 ? SMALL_NEGATIVE + SCRATCH64[0] : SCRATCH64[0];
}

/** -x as a word, for 0 ≤ x ≤ 2^255. */
function negate(x: bigint): bigint {
  return x === 0n ? 0n : TWO_256 - x;
}

/**
 * SDIV on magnitudes, the sign fixed at the end (fewer bigints than converting both operands). -2^255 / -1
 * gives 2^255, which is -2^255 as a word: the overflow the EVM specifies. Division by zero gives zero.
 */
export function sdiv256(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  if (isSmallSigned(a) && isSmallSigned(b)) return fromSmallSigned(Math.trunc(smallSigned(a) / smallSigned(b)));
  const q = magnitude(a) / magnitude(b);
  return (a >= SIGN_BIT) !== (b >= SIGN_BIT) ? negate(q) : q;
}

/** SMOD: the remainder takes the dividend's sign; modulo zero gives zero. */
export function smod256(a: bigint, b: bigint): bigint {
  if (b === 0n) return 0n;
  const r = magnitude(a) % magnitude(b);
  return a >= SIGN_BIT ? negate(r) : r;
}

/** Signed a < b without converting: equal signs compare as unsigned, else the negative one is less. */
export function slt256(a: bigint, b: bigint): boolean {
  const negative = a >= SIGN_BIT;
  return negative === b >= SIGN_BIT ? a < b : negative;
}

/** SIGNEXTEND tables for byte index b < 31: the sign bit (8b + 7), the bits kept, and the bits set when negative. */
const SIGNEXTEND_SIGN: bigint[] = [];
const SIGNEXTEND_LOW: bigint[] = [];
const SIGNEXTEND_HIGH: bigint[] = [];
for (let b = 0; b < 31; b++) {
  const bit = BigInt(8 * b + 7);
  SIGNEXTEND_SIGN.push(1n << bit);
  SIGNEXTEND_LOW.push((1n << (bit + 1n)) - 1n);
  SIGNEXTEND_HIGH.push(MAX_U256 ^ ((1n << (bit + 1n)) - 1n));
}

/**
 * SIGNEXTEND of x from byte `byteIndex` (counted from the least significant). Precomputed masks: one bigint
 * operation instead of five; a value whose bits above the sign bit already agree is returned as it is (no
 * allocation: the common case of re-extending an extended value).
 */
export function signExtend256(byteIndex: bigint, x: bigint): bigint {
  if (byteIndex >= 31n) return x;
  const b = toSmallNumber(byteIndex);
  if ((x & SIGNEXTEND_SIGN[b]) !== 0n) return x >= SIGNEXTEND_HIGH[b] ? x : x | SIGNEXTEND_HIGH[b];
  return x <= SIGNEXTEND_LOW[b] ? x : x & SIGNEXTEND_LOW[b];
}

/** BYTE: byte i of x, counted from the most significant; 0 for i ≥ 32. */
export function byte256(i: bigint, x: bigint): bigint {
  return i >= 32n ? 0n : (x >> (8n * (31n - i))) & 0xffn;
}

/** SAR (EIP-145): arithmetic shift right, filling with the sign bit. */
export function sar256(shift: bigint, value: bigint): bigint {
  const negative = value >= SIGN_BIT;
  if (shift >= 256n) return negative ? MAX_U256 : 0n;
  return negative ? (toSigned(value) >> shift) & MAX_U256 : value >> shift;
}

/** (a + b) mod n, 0 for n = 0 (ADDMOD: the sum is taken without wrapping at 2^256). */
export function addmod256(a: bigint, b: bigint, n: bigint): bigint {
  if (n === 0n) return 0n;
  const s = a + b;
  return s < n ? s : s % n;
}

/** (a · b) mod n, 0 for n = 0 (MULMOD: the 512-bit product is reduced, not wrapped). */
export function mulmod256(a: bigint, b: bigint, n: bigint): bigint {
  if (n === 0n) return 0n;
  const p = a * b;
  return p < n ? p : p % n;
}
