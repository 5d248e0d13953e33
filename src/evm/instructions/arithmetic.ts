/** Arithmetic: ADD … SIGNEXTEND. Words wrap modulo 2^256; division by zero gives zero. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { MAX_U256, addmod256, byteLength, exp256, mulmod256, sdiv256, signExtend256, smod256 } from '../../primitives/word.js';

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

export function SDIV(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = sdiv256(s[sp], s[sp - 1]);
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
  s[sp - 1] = smod256(s[sp], s[sp - 1]);
  return Status.Continue;
}

export function ADDMOD(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = addmod256(s[sp + 1], s[sp], s[sp - 1]);
  return Status.Continue;
}

export function MULMOD(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  s[sp - 1] = mulmod256(s[sp + 1], s[sp], s[sp - 1]);
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

export function SIGNEXTEND(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = signExtend256(s[sp], s[sp - 1]);
  return Status.Continue;
}
