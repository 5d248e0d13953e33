/** KECCAK256 (SHA3). */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { keccak256 } from '../../primitives/keccak.js';
import { readWordAt, toSmallNumber } from '../../primitives/word.js';

export function KECCAK256(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const offset = s[sp];
  const size = s[sp - 1];
  if (!f.expandMemory(offset, size, 6)) return f.fault; // memory and 6 per word hashed, charged at once
  const n = toSmallNumber(size);
  const start = n === 0 ? 0 : toSmallNumber(offset);
  const hash = keccak256(f.memory.subarray(start, start + n));
  s[sp - 1] = readWordAt(new DataView(hash.buffer, hash.byteOffset, 32), 0);
  return Status.Continue;
}
