/** Arithmetic: ADD … SIGNEXTEND. Words wrap modulo 2^256; division by zero gives zero. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { MAX_U256, byteLength, fromSigned, toSigned } from '../../primitives/word.js';

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
  s[sp - 1] = (s[sp] * s[sp - 1]) & MAX_U256;
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

export function SDIV(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const b = s[sp - 1];
  // -2^255 / -1 overflows to -2^255: the mask gives exactly that.
  s[sp - 1] = b === 0n ? 0n : fromSigned(toSigned(s[sp]) / toSigned(b)) & MAX_U256;
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
  const b = s[sp - 1];
  // JavaScript's % takes the dividend's sign, as SMOD requires.
  s[sp - 1] = b === 0n ? 0n : fromSigned(toSigned(s[sp]) % toSigned(b));
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
  let exponent = s[sp - 1];
  if (!f.charge(f.schedule.expByte * byteLength(exponent))) return Status.OutOfGas;
  let base = s[sp];
  let result = 1n;
  while (exponent > 0n) {
    if (exponent & 1n) result = (result * base) & MAX_U256;
    exponent >>= 1n;
    if (exponent > 0n) base = (base * base) & MAX_U256;
  }
  f.sp = sp;
  s[sp - 1] = result;
  return Status.Continue;
}

export function SIGNEXTEND(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const byteIndex = s[sp];
  if (byteIndex < 31n) {
    const x = s[sp - 1];
    const bit = byteIndex * 8n + 7n;
    const mask = (1n << (bit + 1n)) - 1n;
    s[sp - 1] = (x >> bit) & 1n ? (x | ~mask) & MAX_U256 : x & mask;
  }
  return Status.Continue;
}
