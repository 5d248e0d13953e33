/** Control flow: JUMP/JUMPI (valid destinations per Yellow Paper §9.4.3), PC, GAS, STOP, INVALID, undefined. */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { jump, jumpdest, jumpi, op, push, pushN, retTop } from '../helpers/bytecode.js';
import { RET_TOP_GAS, outputWord, runCode } from '../helpers/run.js';

describe('JUMP', () => {
  it('jumps to a JUMPDEST: PUSH1 (3) + JUMP (8) + JUMPDEST (1)', () => {
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: PUSH1 42, retTop
    const code = jump(4) + op(Op.INVALID) + jumpdest() + push(42) + retTop();
    const r = runCode(code);
    expect(r.status).toBe(Status.Return);
    expect(outputWord(r.output)).toBe(42n);
    expect(r.gasUsed).toBe(3 + 8 + 1 + 3 + RET_TOP_GAS);
  });
  it('a 0x5b inside PUSH data is not a valid destination', () => {
    // 0: PUSH1 4, 2: JUMP, 3: PUSH1 0x5b (the 0x5b is at 4), 5: STOP
    const code = jump(4) + push(0x5b) + op(Op.STOP);
    const r = runCode(code, { gas: 10_000 });
    expect(r.status).toBe(Status.InvalidJump);
    expect(r.gasLeft).toBe(0n);
  });
  it('a 0x5b deep inside PUSH32 data is not a valid destination either', () => {
    // 0: PUSH1 20, 2: JUMP, 3: PUSH32 with 0x5b at 3 + 1 + 16 = 20
    const data = '00'.repeat(16) + '5b' + '00'.repeat(15);
    const code = jump(20) + '7f' + data + jumpdest();
    expect(runCode(code, { gas: 10_000 }).status).toBe(Status.InvalidJump);
    // The real JUMPDEST after the PUSH32 (at 36) is valid.
    expect(runCode(jump(36) + '7f' + data + jumpdest(), { gas: 10_000 }).status).toBe(Status.Stop);
  });
  it('a destination that is not a JUMPDEST, beyond the code, or huge is invalid', () => {
    expect(runCode(jump(0), { gas: 100 }).status).toBe(Status.InvalidJump); // PUSH1 at 0
    expect(runCode(jump(3), { gas: 100 }).status).toBe(Status.InvalidJump); // past the end
    expect(runCode(jump(1n << 255n), { gas: 100 }).status).toBe(Status.InvalidJump);
  });
});

describe('runs of JUMPDESTs (run at once by the interpreter when the gas covers them)', () => {
  const run = (n: number): string => jumpdest().repeat(n);
  it('cost 1 gas each, from the first or from the middle of the run', () => {
    const r = runCode(run(300) + push(5) + retTop());
    expect(outputWord(r.output)).toBe(5n);
    expect(r.gasUsed).toBe(300 + 3 + RET_TOP_GAS);
    // 0: PUSH2 250, 3: JUMP, 4..603: 600 JUMPDESTs; entering at 250 runs 354 of them.
    const into = pushN(2, 250n) + op(Op.JUMP) + run(600) + op(Op.STOP);
    expect(runCode(into).gasUsed).toBe(3 + 8 + 354);
  });
  it('run out of gas at the JUMPDEST the gas does not cover, whatever the run length', () => {
    for (const gas of [1, 254, 255, 256, 299]) {
      const r = runCode(run(300) + op(Op.STOP), { gas });
      expect(r.status, `gas ${gas}`).toBe(Status.OutOfGas);
      expect(r.gasLeft).toBe(0n);
    }
    const exact = runCode(run(300) + op(Op.STOP), { gas: 300 });
    expect(exact.status).toBe(Status.Stop);
    expect(exact.gasLeft).toBe(0n);
  });
  it('a 0x5b run inside PUSH data is no run', () => {
    // PUSH4 5b5b5b5b, then one JUMPDEST: 3 + 1
    expect(runCode('635b5b5b5b' + jumpdest() + op(Op.STOP)).gasUsed).toBe(3 + 1);
  });
});

describe('JUMPI', () => {
  it('is not taken with a zero condition, even to an invalid destination: G_high = 10', () => {
    const r = runCode(jumpi(100, 0) + push(7) + retTop());
    expect(outputWord(r.output)).toBe(7n);
    expect(r.gasUsed).toBe(3 + 3 + 10 + 3 + RET_TOP_GAS);
  });
  it('is taken with any non-zero condition', () => {
    // 0: PUSH32 2^255 (33 bytes), 33: PUSH1 37, 35: JUMPI, 36: INVALID, 37: JUMPDEST, 38: PUSH1 9, retTop
    const code = pushN(32, 1n << 255n) + push(37) + op(Op.JUMPI) + op(Op.INVALID) + jumpdest() + push(9) + retTop();
    const r = runCode(code);
    expect(outputWord(r.output)).toBe(9n);
    expect(r.gasUsed).toBe(3 + 3 + 10 + 1 + 3 + RET_TOP_GAS);
  });
  it('taken to a non-JUMPDEST halts', () => {
    const r = runCode(jumpi(5, 1) + op(Op.STOP), { gas: 1000 });
    expect(r.status).toBe(Status.InvalidJump);
    expect(r.gasLeft).toBe(0n);
  });
});

describe('PC, GAS, STOP', () => {
  it('PC is the offset of the PC instruction itself', () => {
    // 0: PUSH1 0, 2: POP, 3: PC
    const r = runCode(push(0) + op(Op.POP) + op(Op.PC) + retTop());
    expect(outputWord(r.output)).toBe(3n);
    expect(r.gasUsed).toBe(3 + 2 + 2 + RET_TOP_GAS);
  });
  it('GAS is the gas left after paying for GAS itself', () => {
    const r = runCode(op(Op.GAS) + retTop(), { gas: 1000 });
    expect(outputWord(r.output)).toBe(998n);
    expect(r.gasUsed).toBe(2 + RET_TOP_GAS);
  });
  it('empty code and STOP succeed with no gas used and no output', () => {
    for (const code of ['', op(Op.STOP)]) {
      const r = runCode(code, { gas: 100 });
      expect(r.status).toBe(Status.Stop);
      expect(r.gasUsed).toBe(0);
      expect(r.output.length).toBe(0);
    }
  });
  it('running out of gas on a base cost halts with all gas consumed', () => {
    const r = runCode(push(1) + push(2) + op(Op.ADD), { gas: 8 });
    expect(r.status).toBe(Status.OutOfGas);
    expect(r.gasLeft).toBe(0n);
    expect(runCode(push(1) + push(2) + op(Op.ADD), { gas: 9 }).status).toBe(Status.Stop);
  });
});

describe('INVALID and undefined opcodes', () => {
  it('0xfe INVALID is an exceptional halt consuming all gas', () => {
    const r = runCode(push(1) + op(Op.INVALID), { gas: 5000 });
    expect(r.status).toBe(Status.InvalidInstruction);
    expect(r.gasLeft).toBe(0n);
    expect(r.gasUsed).toBe(5000);
    expect(r.output.length).toBe(0);
  });
  it('unassigned bytes (0x0c, 0x21, 0xef) are undefined instructions consuming all gas', () => {
    for (const byte of [0x0c, 0x21, 0xef]) {
      const r = runCode(op(byte), { gas: 5000 });
      expect(r.status).toBe(Status.UndefinedInstruction);
      expect(r.gasUsed).toBe(5000);
    }
  });
});
