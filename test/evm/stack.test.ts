/** Stack: PUSHn (zero-padded at the end of code), PUSH0, DUP16/SWAP16, underflow and the 1024 limit. */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import type { Frame } from '../../src/evm/frame.js';
import { dup, op, pop, push, retTop, swap } from '../helpers/bytecode.js';
import { RET_TOP_GAS, outputWord, runCode } from '../helpers/run.js';

/** Runs `code` and records the stack (bottom first) after the last instruction that completed. */
function finalStack(code: string, fork = Fork.Cancun): { stack: bigint[]; status: Status; gasUsed: number } {
  let stack: bigint[] = [];
  const r = runCode(code, {
    fork,
    tracer: {
      onStepEnd(frame: Frame, _op: number, _pc: number, _gas: number, status: Status) {
        if (status === Status.Continue) stack = frame.stack.slice(0, frame.sp);
      },
    },
  });
  return { stack, status: r.status, gasUsed: r.gasUsed };
}

describe('PUSH', () => {
  it('a PUSH2 cut short by the end of code reads the missing byte as zero', () => {
    const r = finalStack('61ff');
    expect(r.status).toBe(Status.Stop);
    expect(r.stack).toEqual([0xff00n]);
    expect(r.gasUsed).toBe(3);
  });
  it('a PUSH32 with no data at all pushes 0', () => {
    expect(finalStack('7f').stack).toEqual([0n]);
  });
  it('a PUSH32 with 3 bytes of data left-aligns them', () => {
    expect(finalStack('7f010203').stack).toEqual([0x010203n << 232n]);
  });
  it('PUSH0 pushes 0 for 2 gas from Shanghai (EIP-3855) and is undefined before', () => {
    const r = runCode(op(Op.PUSH0) + retTop(), { fork: Fork.Shanghai });
    expect(outputWord(r.output)).toBe(0n);
    expect(r.gasUsed).toBe(2 + RET_TOP_GAS);
    const old = runCode(op(Op.PUSH0), { fork: Fork.Paris, gas: 500 });
    expect(old.status).toBe(Status.UndefinedInstruction);
    expect(old.gasUsed).toBe(500);
  });
});

describe('DUP16 and SWAP16', () => {
  it('DUP16 copies the 16th item to the top', () => {
    let code = '';
    for (let v = 1; v <= 16; v++) code += push(v); // 1 is the deepest
    const r = runCode(code + dup(16) + retTop());
    expect(outputWord(r.output)).toBe(1n);
    expect(r.gasUsed).toBe(16 * 3 + 3 + RET_TOP_GAS);
  });
  it('DUP16 with 15 items underflows', () => {
    let code = '';
    for (let v = 1; v <= 15; v++) code += push(v);
    const r = runCode(code + dup(16), { gas: 10_000 });
    expect(r.status).toBe(Status.StackUnderflow);
    expect(r.gasLeft).toBe(0n);
  });
  it('SWAP16 exchanges the top with the 17th item', () => {
    let code = '';
    for (let v = 0; v <= 16; v++) code += push(0x100 + v); // 0x100 deepest, 0x110 on top
    const s = finalStack(code + swap(16));
    expect(s.stack[0]).toBe(0x110n);
    expect(s.stack[16]).toBe(0x100n);
    expect(s.stack.slice(1, 16)).toEqual(Array.from({ length: 15 }, (_, i) => BigInt(0x101 + i)));
    expect(s.gasUsed).toBe(17 * 3 + 3);
  });
  it('SWAP16 with 16 items underflows', () => {
    let code = '';
    for (let v = 0; v < 16; v++) code += push(v);
    expect(runCode(code + swap(16), { gas: 10_000 }).status).toBe(Status.StackUnderflow);
  });
});

describe('stack limits', () => {
  it('underflow halts and consumes all gas', () => {
    for (const code of [op(Op.ADD), push(1) + op(Op.ADD), pop(), op(Op.SWAP1)]) {
      const r = runCode(code, { gas: 10_000 });
      expect(r.status).toBe(Status.StackUnderflow);
      expect(r.gasLeft).toBe(0n);
      expect(r.gasUsed).toBe(10_000);
    }
  });
  it('1024 items fit', () => {
    const r = runCode(op(Op.PC).repeat(1024));
    expect(r.status).toBe(Status.Stop);
    expect(r.gasUsed).toBe(1024 * 2);
  });
  it('the 1025th item overflows: exceptional halt, all gas consumed', () => {
    const r = runCode(op(Op.PC).repeat(1025), { gas: 10_000 });
    expect(r.status).toBe(Status.StackOverflow);
    expect(r.gasLeft).toBe(0n);
    expect(runCode(op(Op.PC).repeat(1024) + dup(1), { gas: 10_000 }).status).toBe(Status.StackOverflow);
  });
  it('SWAP at 1024 items does not overflow (it does not grow the stack)', () => {
    expect(runCode(op(Op.PC).repeat(1024) + swap(1)).status).toBe(Status.Stop);
  });
});
