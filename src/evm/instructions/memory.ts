/** Memory: MLOAD, MSTORE, MSTORE8, MSIZE, MCOPY. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { low32, toSmallNumber } from '../../primitives/word.js';

export function MLOAD(f: Frame): Status {
  const s = f.stack;
  const offset = s[f.sp - 1];
  if (!f.expandMemory(offset, 32n)) return f.fault;
  s[f.sp - 1] = f.loadWord(toSmallNumber(offset));
  return Status.Continue;
}

export function MSTORE(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const offset = s[sp + 1];
  if (!f.expandMemory(offset, 32n)) return f.fault;
  f.storeWord(toSmallNumber(offset), s[sp]);
  return Status.Continue;
}

export function MSTORE8(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const offset = s[sp + 1];
  if (!f.expandMemory(offset, 1n)) return f.fault;
  f.memory[toSmallNumber(offset)] = low32(s[sp]) & 0xff;
  return Status.Continue;
}

export function MSIZE(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.memSize);
  return Status.Continue;
}

/** EIP-5656: copy within memory; overlapping ranges behave as if through a temporary buffer. */
export function MCOPY(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 3);
  const dest = s[sp + 2];
  const src = s[sp + 1];
  const size = s[sp];
  // Memory for the higher of the two ranges and 3 per word copied, charged at once.
  if (!f.expandMemory(dest > src ? dest : src, size, 3)) return f.fault;
  const n = toSmallNumber(size);
  if (n > 0) {
    const from = toSmallNumber(src); // expandMemory bounded both ranges
    f.memory.copyWithin(toSmallNumber(dest), from, from + n);
  }
  return Status.Continue;
}
