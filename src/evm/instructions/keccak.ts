/** KECCAK256 (SHA3). */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { keccak256 } from '../../primitives/keccak.js';
import { readWordAt } from '../../primitives/word.js';
import { words } from './util.js';

export function KECCAK256(f: Frame): Status {
  const s = f.stack;
  const sp = --f.sp;
  const offset = s[sp];
  const size = s[sp - 1];
  if (!f.expandMemory(offset, size)) return Status.OutOfGas;
  const n = Number(size);
  if (!f.charge(6 * words(n))) return Status.OutOfGas;
  const start = n === 0 ? 0 : Number(offset);
  const hash = keccak256(f.memory.subarray(start, start + n));
  s[sp - 1] = readWordAt(new DataView(hash.buffer, hash.byteOffset, 32), 0);
  return Status.Continue;
}
