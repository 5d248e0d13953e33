/** Arithmetic: ADD … SIGNEXTEND. Words wrap modulo 2^256; division by zero gives zero. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { MAX_U256, SIGN_BIT, TWO_256, byteLength, exp256 } from '../../primitives/word.js';

// Stack convention in every handler: the loop has checked the height; `sp` after the decrement points at
// the first popped item, so `s[sp]` is the old top (operand a) and `s[sp - 1]` operand b, which is
// overwritten with the result.

export function ADD(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = (s[sp] + s[sp - 1]) & MAX_U256;
  return Status.Continue;
}

export function MUL(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const r = s[sp] * s[sp - 1];
  s[sp - 1] = r > MAX_U256 ? r & MAX_U256 : r; // mask only when needed: one bigint less
  return Status.Continue;
}

export function SUB(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = (s[sp] - s[sp - 1]) & MAX_U256;
  return Status.Continue;
}

export function DIV(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const b = s[sp - 1];
  s[sp - 1] = b === 0n ? 0n : s[sp] / b;
  return Status.Continue;
}

// SDIV and SMOD work on magnitudes and fix the sign at the end: fewer bigints than converting both operands
// to signed numbers and the result back.

/** |x| of a two's-complement word. */
function magnitude(x: bigint): bigint {
  return x >= SIGN_BIT ? TWO_256 - x : x;
}

/** -x as a word, for 0 ≤ x ≤ 2^255. */
function negate(x: bigint): bigint {
  return x === 0n ? 0n : TWO_256 - x;
}

export function SDIV(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const a = s[sp];
  const b = s[sp - 1];
  if (b === 0n) {
    s[sp - 1] = 0n;
    return Status.Continue;
  }
  // -2^255 / -1 gives 2^255, which is -2^255 as a word: the overflow the EVM specifies.
  const q = magnitude(a) / magnitude(b);
  s[sp - 1] = (a >= SIGN_BIT) !== (b >= SIGN_BIT) ? negate(q) : q;
  return Status.Continue;
}

export function MOD(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const b = s[sp - 1];
  s[sp - 1] = b === 0n ? 0n : s[sp] % b;
  return Status.Continue;
}

export function SMOD(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const a = s[sp];
  const b = s[sp - 1];
  if (b === 0n) {
    s[sp - 1] = 0n;
    return Status.Continue;
  }
  // The remainder takes the dividend's sign.
  const r = magnitude(a) % magnitude(b);
  s[sp - 1] = a >= SIGN_BIT ? negate(r) : r;
  return Status.Continue;
}

export function ADDMOD(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const n = s[sp - 1];
  s[sp - 1] = n === 0n ? 0n : (s[sp + 1] + s[sp]) % n;
  return Status.Continue;
}

export function MULMOD(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const n = s[sp - 1];
  s[sp - 1] = n === 0n ? 0n : (s[sp + 1] * s[sp]) % n;
  return Status.Continue;
}

export function EXP(f: Frame): Status {
  const s = f.stack;
  const sp = f.sp - 1;
  const exponent = s[sp - 1];
  if (!f.charge(f.schedule.expByte * byteLength(exponent))) return Status.OutOfGas;
  f.sp = sp;
  s[sp - 1] = exp256(s[sp], exponent);
  return Status.Continue;
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

export function SIGNEXTEND(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const byteIndex = s[sp];
  if (byteIndex < 31n) {
    // Precomputed masks: one bigint operation instead of five.
    const b = Number(byteIndex);
    const x = s[sp - 1];
    s[sp - 1] = (x & SIGNEXTEND_SIGN[b]) !== 0n ? x | SIGNEXTEND_HIGH[b] : x & SIGNEXTEND_LOW[b];
  }
  return Status.Continue;
}
