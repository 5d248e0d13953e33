/** Environment: ADDRESS … EXTCODEHASH, SELFBALANCE — facts about the frame, its caller and other accounts. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { addressFromWord, addressToWord } from '../../primitives/address.js';
import { readWord, toSmallNumber } from '../../primitives/word.js';
import { chargeAccountAccess, clampOffset, writePadded } from './util.js';

export function ADDRESS(f: Frame): Status {
  f.stack[f.sp++] = addressToWord(f.address);
  return Status.Continue;
}

export function BALANCE(f: Frame): Status {
  const address = addressFromWord(f.stack[f.sp - 1]);
  if (!chargeAccountAccess(f, address)) return Status.OutOfGas;
  f.stack[f.sp - 1] = f.host.getBalance(address);
  return Status.Continue;
}

export function ORIGIN(f: Frame): Status {
  f.stack[f.sp++] = addressToWord(f.host.context.origin);
  return Status.Continue;
}

export function CALLER(f: Frame): Status {
  f.stack[f.sp++] = addressToWord(f.message.caller);
  return Status.Continue;
}

export function CALLVALUE(f: Frame): Status {
  f.stack[f.sp++] = f.message.value;
  return Status.Continue;
}

export function CALLDATALOAD(f: Frame): Status {
  const offset = f.stack[f.sp - 1];
  const input = f.callData;
  // Compared as a number once known small: BigInt(input.length) would allocate on every call.
  const o = offset > 0xffffffffn ? -1 : toSmallNumber(offset);
  f.stack[f.sp - 1] = o < 0 || o >= input.length ? 0n : readWord(input, o);
  return Status.Continue;
}

export function CALLDATASIZE(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.callData.length);
  return Status.Continue;
}

/** Shared body of the *COPY instructions that copy from a buffer, zero-filling past its end. */
function copyToMemory(f: Frame, source: Uint8Array): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const memOffset = s[sp + 2];
  const dataOffset = s[sp + 1];
  const size = s[sp];
  if (!f.expandMemory(memOffset, size, 3)) return f.fault; // memory and 3 per word copied, at once
  const n = toSmallNumber(size);
  if (n > 0) writePadded(f.memory, toSmallNumber(memOffset), source, clampOffset(dataOffset), n);
  return Status.Continue;
}

export function CALLDATACOPY(f: Frame): Status {
  return copyToMemory(f, f.callData);
}

export function CODESIZE(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.code.length);
  return Status.Continue;
}

export function CODECOPY(f: Frame): Status {
  return copyToMemory(f, f.code.padded.subarray(0, f.code.length));
}

export function GASPRICE(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.gasPrice;
  return Status.Continue;
}

export function EXTCODESIZE(f: Frame): Status {
  const address = addressFromWord(f.stack[f.sp - 1]);
  if (!chargeAccountAccess(f, address)) return Status.OutOfGas;
  f.stack[f.sp - 1] = BigInt(f.host.getCode(address).length);
  return Status.Continue;
}

export function EXTCODECOPY(f: Frame): Status {
  const address = addressFromWord(f.stack[f.sp - 1]);
  if (!chargeAccountAccess(f, address)) return Status.OutOfGas;
  f.sp--;
  return copyToMemory(f, f.host.getCode(address));
}

/** EIP-211 */
export function RETURNDATASIZE(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.returnData.length);
  return Status.Continue;
}

/**
 * EIP-211: reading past the end of the return data is an exceptional halt, unlike the other copies. As in
 * the specs (and geth), the copy is paid for before the bounds are checked, so a trace shows its cost.
 */
export function RETURNDATACOPY(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const memOffset = s[sp + 2];
  const dataOffset = s[sp + 1];
  const size = s[sp];
  if (!f.expandMemory(memOffset, size, 3)) return f.fault;
  if (dataOffset + size > BigInt(f.returnData.length)) return Status.ReturnDataOutOfBounds;
  const n = toSmallNumber(size);
  if (n > 0) {
    const from = toSmallNumber(dataOffset);
    f.memory.set(f.returnData.subarray(from, from + n), toSmallNumber(memOffset));
  }
  return Status.Continue;
}

/** EIP-1052 */
export function EXTCODEHASH(f: Frame): Status {
  const address = addressFromWord(f.stack[f.sp - 1]);
  if (!chargeAccountAccess(f, address)) return Status.OutOfGas;
  f.stack[f.sp - 1] = f.host.getCodeHash(address);
  return Status.Continue;
}

/** EIP-1884 */
export function SELFBALANCE(f: Frame): Status {
  f.stack[f.sp++] = f.host.getBalance(f.address);
  return Status.Continue;
}
