/** Stack manipulation: POP, PUSH0 … PUSH32, DUP1 … DUP16, SWAP1 … SWAP16. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';

export function POP(f: Frame): Status {
  f.sp--;
  return Status.Continue;
}

/** EIP-3855 */
export function PUSH0(f: Frame): Status {
  f.stack[f.sp++] = 0n;
  return Status.Continue;
}

/** PUSHn: the immediate was decoded once by code analysis (zero-padded past the end of the code). */
export function makePush(n: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    f.stack[f.sp++] = f.code.pushValues[f.pc];
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
