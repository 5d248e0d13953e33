/** Control flow and halting: STOP, JUMP, JUMPI, PC, GAS, JUMPDEST, RETURN, REVERT, INVALID. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { toSmallNumber } from '../../primitives/word.js';

export function STOP(): Status {
  return Status.Stop;
}

function jumpTo(f: Frame, destination: bigint): Status {
  if (destination >= BigInt(f.code.length)) return Status.InvalidJump;
  const d = toSmallNumber(destination);
  if (f.code.jumpdests[d] !== 1) return Status.InvalidJump;
  f.pc = d;
  return Status.Continue;
}

export function JUMP(f: Frame): Status {
  return jumpTo(f, f.stack[--f.sp]);
}

export function JUMPI(f: Frame): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  return s[sp] !== 0n ? jumpTo(f, s[sp + 1]) : Status.Continue;
}

export function PC(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.pc - 1);
  return Status.Continue;
}

export function GAS(f: Frame): Status {
  f.stack[f.sp++] = f.totalGas();
  return Status.Continue;
}

export function JUMPDEST(): Status {
  return Status.Continue;
}

/** Shared by RETURN and REVERT: output is memory[offset, offset+size). */
function halt(f: Frame, status: Status): Status {
  const s = f.stack;
  const sp = (f.sp -= 2);
  const offset = s[sp + 1];
  const size = s[sp];
  if (!f.expandMemory(offset, size)) return f.fault;
  const n = toSmallNumber(size);
  const start = n === 0 ? 0 : toSmallNumber(offset);
  return f.finish(status, f.memory.slice(start, start + n));
}

export function RETURN(f: Frame): Status {
  return halt(f, Status.Return);
}

/** EIP-140 */
export function REVERT(f: Frame): Status {
  return halt(f, Status.Revert);
}
