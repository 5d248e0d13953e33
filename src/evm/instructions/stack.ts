/** Stack manipulation: POP, PUSH0 … PUSH32, DUP1 … DUP16, SWAP1 … SWAP16. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { readUint } from '../../primitives/word.js';

export function POP(f: Frame): Status {
  f.sp--;
  return Status.Continue;
}

/** EIP-3855 */
export function PUSH0(f: Frame): Status {
  f.stack[f.sp++] = 0n;
  return Status.Continue;
}

export function PUSH1(f: Frame): Status {
  f.stack[f.sp++] = BigInt(f.code.padded[f.pc++]);
  return Status.Continue;
}

/** PUSHn for n ≥ 2: the padded code makes reading past the end yield zeros. */
export function makePush(n: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    f.stack[f.sp++] = readUint(f.code.padded, f.pc, n);
    f.pc += n;
    return Status.Continue;
  };
}

/** DUPn */
export function makeDup(n: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    const s = f.stack;
    s[f.sp] = s[f.sp - n];
    f.sp++;
    return Status.Continue;
  };
}

/** SWAPn */
export function makeSwap(n: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    const s = f.stack;
    const top = f.sp - 1;
    const other = top - n;
    const t = s[top];
    s[top] = s[other];
    s[other] = t;
    return Status.Continue;
  };
}
