/**
 * Prague → Osaka: EIP-7939 (CLZ, 5 gas), EIP-7951 (P256VERIFY at 0x100, 6,900 gas, warm like every
 * precompile), EIP-7823 (MODEXP lengths ≤ 1,024 bytes) and EIP-7883 (MODEXP repricing). The transaction gas
 * cap (EIP-7825) and the blob count limit (EIP-7594) are in osaka-transactions.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { call, ins, mload, mstore, op, retTop } from '../helpers/bytecode.js';
import { outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, MODEXP_3_5_7, MODEXP_3_5_7_GAS, TX_GAS, precompile } from './util.js';

const BEFORE = Fork.Prague;
const AFTER = Fork.Osaka;

describe('Osaka, EIP-7939: CLZ', () => {
  it('is undefined before; after, it pushes the leading zero count for 5 gas', () => {
    // PUSH1 1 (3) + CLZ (5) + retTop (15): clz(1) = 255.
    const code = ins(Op.CLZ, 1) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const o = runCode(code, { fork: AFTER });
    expect(outputWord(o.output)).toBe(255n);
    expect(o.gasUsed).toBe(3 + 5 + 15);
    // PUSH0 CLZ: 256 for zero.
    expect(outputWord(runCode(op(Op.PUSH0, Op.CLZ) + retTop(), { fork: AFTER }).output)).toBe(256n);
  });

  it('in a transaction: before, the undefined opcode consumes the whole gas limit', () => {
    const code = ins(Op.CLZ, 1) + retTop();
    expect(runTx(code, { fork: BEFORE })).toMatchObject({ gasUsed: TX_GAS });
    expect(runTx(code, { fork: AFTER })).toMatchObject({ gasUsed: 21000n + 23n });
  });
});

describe('Osaka, EIP-7951: P256VERIFY at 0x100', () => {
  const VECTORS: { name: string; input: string; expected: string }[] = JSON.parse(
    readFileSync(join(import.meta.dirname, '..', 'precompiles', 'vectors', 'p256verify.json'), 'utf8'),
  );
  const VALID = VECTORS.find((v) => v.name === 'valid_r1_sig')!.input;
  const INVALID = VECTORS.find((v) => v.name === 'r_eq_to_n')!.input;
  // CALLDATACOPY(0, 0, 160): 3 PUSHes (9) + 3 + 5 words copied (15) + 5 words of memory (15) = 42.
  const COPY = ins(Op.CALLDATACOPY, 0, 0, 160);
  const COPY_GAS = 42;
  // CALL(10000, 0x100, 0, 0, 160, 160, 32): 7 PUSHes (21) + memory to 6 words (+3); POP (2).
  const CALL = call({ gas: 10000, to: precompile(0x100), argsSize: 160, retOffset: 160, retSize: 32 }) + op(Op.POP);
  const CALL_GAS = 21 + 3 + 2;

  it('a valid signature: 0x100 is a cold empty account before; after, a warm precompile returning 1', () => {
    // MLOAD(160) (6) + retTop with memory grown (12).
    const code = COPY + CALL + mload(160) + retTop();
    const p = runCode(code, { fork: BEFORE, input: VALID });
    const o = runCode(code, { fork: AFTER, input: VALID });
    expect(outputWord(p.output)).toBe(0n);
    expect(p.gasUsed).toBe(COPY_GAS + CALL_GAS + 2600 + 6 + 12);
    expect(outputWord(o.output)).toBe(1n);
    expect(o.gasUsed).toBe(COPY_GAS + CALL_GAS + 100 + 6900 + 6 + 12);
  });

  it('an invalid signature after: the call succeeds, returns nothing and still costs 6,900', () => {
    // CALL with no return area (21 PUSHes + 100 + 6900); its success flag stays on the stack. RETURNDATASIZE
    // (2) + retTop (12) then returns the size of the output: 0.
    const CALL_ONLY = call({ gas: 10000, to: precompile(0x100), argsSize: 160 });
    const size = runCode(COPY + CALL_ONLY + op(Op.RETURNDATASIZE) + retTop(), { fork: AFTER, input: INVALID });
    expect(outputWord(size.output)).toBe(0n);
    expect(size.gasUsed).toBe(COPY_GAS + 21 + 100 + 6900 + 2 + 12);
    const success = runCode(COPY + CALL_ONLY + retTop(), { fork: AFTER, input: INVALID });
    expect(outputWord(success.output)).toBe(1n);
    expect(success.gasUsed).toBe(COPY_GAS + 21 + 100 + 6900 + 12);
  });

  it('with less than 6,900 gas it fails and consumes what it was given', () => {
    const code = COPY + call({ gas: 6899, to: precompile(0x100), argsSize: 160 }) + retTop();
    const o = runCode(code, { fork: AFTER, input: VALID });
    expect(outputWord(o.output)).toBe(0n);
    expect(o.gasUsed).toBe(COPY_GAS + 21 + 100 + 6899 + 12);
  });

  it('is warm from the start of an Osaka transaction', () => {
    // CALL(10000, 0x100) with no input and POP: 21 + access + 2. Before: cold 2600; after: 100 + 6900.
    const code = call({ gas: 10000, to: precompile(0x100) }) + op(Op.POP);
    expect(runTx(code, { fork: BEFORE }).gasUsed).toBe(21000n + 21n + 2600n + 2n);
    expect(runTx(code, { fork: AFTER }).gasUsed).toBe(21000n + 21n + 100n + 6900n + 2n);
  });
});

describe('Osaka, EIP-7883 and EIP-7823: MODEXP', () => {
  it('3^5 mod 7 costs max(200, ⌊1 · 2 / 3⌋) = 200 before and max(500, 16 · 2) = 500 after', () => {
    // MODEXP_3_5_7 (util.ts) and the warm CALL (100) on both sides.
    const p = runCode(MODEXP_3_5_7, { fork: BEFORE });
    const o = runCode(MODEXP_3_5_7, { fork: AFTER });
    expect(outputWord(p.output)).toBe(5n);
    expect(outputWord(o.output)).toBe(5n);
    expect(p.gasUsed).toBe(MODEXP_3_5_7_GAS + 100 + 200);
    expect(o.gasUsed).toBe(MODEXP_3_5_7_GAS + 100 + 500);
  });

  it('a declared base length of 1,025 bytes is priced before; after, the call fails with all its gas', () => {
    // MSTORE(0, 1025): PUSH2 + PUSH1 + 3 + 3 memory = 12. CALL(0xffff, 0x05, 0, 0, 96, 0, 0): 21 PUSHes, memory
    // to 3 words (+6), 100 warm. retTop 12 (memory already there). EIP-2565: ⌈1025/8⌉² · 1 / 3 = 16641 / 3 = 5547.
    const code = mstore(0, 1025) + call({ gas: 0xffff, to: precompile(5), argsSize: 96 }) + retTop();
    const p = runCode(code, { fork: BEFORE });
    const o = runCode(code, { fork: AFTER });
    expect(outputWord(p.output)).toBe(1n);
    expect(p.gasUsed).toBe(12 + 21 + 6 + 100 + 5547 + 12);
    expect(outputWord(o.output)).toBe(0n);
    expect(o.gasUsed).toBe(12 + 21 + 6 + 100 + 0xffff + 12);
    // 1,024 bytes is within the bound: EIP-7883 prices it at 2 · 128² · 1 = 32768.
    const bounded = mstore(0, 1024) + call({ gas: 0xffff, to: precompile(5), argsSize: 96 }) + retTop();
    const atBound = runCode(bounded, { fork: AFTER });
    expect(outputWord(atBound.output)).toBe(1n);
    expect(atBound.gasUsed).toBe(12 + 21 + 6 + 100 + 32768 + 12);
  });
});
