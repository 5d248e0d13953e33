/** Comparison and bitwise logic: LT … SAR, CLZ. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { MAX_U256, byte256, countLeadingZeros, sar256, slt256 } from '../../primitives/word.js';

export function LT(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] < s[sp - 1] ? 1n : 0n;
  return Status.Continue;
}

export function GT(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] > s[sp - 1] ? 1n : 0n;
  return Status.Continue;
}

export function SLT(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = slt256(s[sp], s[sp - 1]) ? 1n : 0n;
  return Status.Continue;
}

export function SGT(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = slt256(s[sp - 1], s[sp]) ? 1n : 0n;
  return Status.Continue;
}

export function EQ(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] === s[sp - 1] ? 1n : 0n;
  return Status.Continue;
}

export function ISZERO(f: Frame): Status {
  const s = f.stack;
  s[f.sp - 1] = s[f.sp - 1] === 0n ? 1n : 0n;
  return Status.Continue;
}

export function AND(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] & s[sp - 1];
  return Status.Continue;
}

export function OR(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] | s[sp - 1];
  return Status.Continue;
}

export function XOR(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = s[sp] ^ s[sp - 1];
  return Status.Continue;
}

export function NOT(f: Frame): Status {
  const s = f.stack;
  s[f.sp - 1] = MAX_U256 ^ s[f.sp - 1];
  return Status.Continue;
}

export function BYTE(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = byte256(s[sp], s[sp - 1]);
  return Status.Continue;
}

/** EIP-145 */
export function SHL(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const shift = s[sp];
  s[sp - 1] = shift >= 256n ? 0n : (s[sp - 1] << shift) & MAX_U256;
  return Status.Continue;
}

/** EIP-145 */
export function SHR(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const shift = s[sp];
  s[sp - 1] = shift >= 256n ? 0n : s[sp - 1] >> shift;
  return Status.Continue;
}

/** EIP-145: arithmetic shift fills with the sign bit. */
export function SAR(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  s[sp - 1] = sar256(s[sp], s[sp - 1]);
  return Status.Continue;
}

/** EIP-7939: the number of leading zero bits of the top word, 256 for zero. */
export function CLZ(f: Frame): Status {
  const s = f.stack;
  s[f.sp - 1] = BigInt(countLeadingZeros(s[f.sp - 1]));
  return Status.Continue;
}
