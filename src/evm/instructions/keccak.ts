/** KECCAK256 (SHA3). */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { keccakWord } from '../../primitives/keccak-word.js';
import { toSmallNumber } from '../../primitives/word.js';

export function KECCAK256(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const offset = s[sp];
  const size = s[sp - 1];
  if (!f.expandMemory(offset, size, 6)) return f.fault; // memory and 6 per word hashed, charged at once
  const n = toSmallNumber(size);
  s[sp - 1] = keccakWord(f.memory, n === 0 ? 0 : toSmallNumber(offset), n);
  return Status.Continue;
}
