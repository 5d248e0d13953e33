/**
 * Spurious Dragon → Byzantium: EIP-140 (REVERT), EIP-211 (RETURNDATASIZE/RETURNDATACOPY), EIP-214
 * (STATICCALL), and the precompiles EIP-198 (0x05 MODEXP), EIP-196 (0x06 ECADD 500 gas, 0x07 ECMUL 40000) and
 * EIP-197 (0x08 pairing 80000·k + 100000). Before Byzantium those addresses are plain empty accounts.
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { call, mstore, op, ret, retTop, returndatacopy, revert, sstore, staticcall } from '../helpers/bytecode.js';
import { CONTRACT, outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, MODEXP_3_5_7, MODEXP_3_5_7_GAS, PRE, RETURNER, RETURNER_GAS, STORER, TX_GAS, precompile } from './util.js';

const BEFORE = Fork.SpuriousDragon;
const AFTER = Fork.Byzantium;

describe('Byzantium, EIP-140: REVERT', () => {
  it('0xfd is undefined before (all gas used); after, it reverts the state and returns the unused gas', () => {
    // SSTORE(0, 1): 6 + 20000; MSTORE(0, 0xabc): 3 + 3 + 3 + 3 (memory) = 12; REVERT(0, 32): 2 PUSHes (6).
    const code = sstore(0, 1) + mstore(0, 0xabc) + revert(0, 32);
    const sd = runTx(code, { fork: BEFORE });
    expect(sd.result.status).toBe('halt');
    expect(sd.gasUsed).toBe(TX_GAS);
    expect(sd.state.getStorage(CONTRACT, 0n)).toBe(0n);

    const byz = runTx(code, { fork: AFTER });
    expect(byz.result.status).toBe('revert');
    expect(outputWord(byz.output)).toBe(0xabcn);
    expect(byz.gasUsed).toBe(21000n + 20006n + 12n + 6n);
    expect(byz.state.getStorage(CONTRACT, 0n)).toBe(0n);
  });
});

describe('Byzantium, EIP-211: return data', () => {
  // CALL(0xffff, RETURNER): 7 PUSHes (21) + CALL 700; RETURNER returns 32 bytes for 18 gas; POP (2).
  const callReturner = call({ gas: 0xffff, to: RETURNER }) + op(Op.POP);

  it('RETURNDATASIZE is undefined before and gives the last call’s output size after', () => {
    const code = callReturner + op(Op.RETURNDATASIZE) + retTop();
    expect(runCode(code, { fork: BEFORE, pre: PRE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const byz = runCode(code, { fork: AFTER, pre: PRE });
    expect(outputWord(byz.output)).toBe(32n);
    // 21 + 700 + 18 + 2 + RETURNDATASIZE (2) + retTop (15).
    expect(byz.gasUsed).toBe(21 + 700 + RETURNER_GAS + 2 + 2 + 15);
  });

  it('RETURNDATACOPY is undefined before and copies the last call’s output after', () => {
    // RETURNDATACOPY(0, 0, 32): 3 PUSHes (9) + 3 + 3 (memory) + 3 (one word copied); RETURN(0, 32): 6.
    const code = callReturner + returndatacopy(0, 0, 32) + ret(0, 32);
    expect(runCode(code, { fork: BEFORE, pre: PRE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const byz = runCode(code, { fork: AFTER, pre: PRE });
    expect(outputWord(byz.output)).toBe(0x1234n);
    expect(byz.gasUsed).toBe(21 + 700 + RETURNER_GAS + 2 + 18 + 6);
  });
});

describe('Byzantium, EIP-214: STATICCALL', () => {
  it('is undefined before; after, it calls with state changes forbidden', () => {
    // STATICCALL(0xffff, RETURNER, 0, 0, 0, 32): 6 PUSHes (18) + 700 + 3 (output memory) + 18; POP (2); RETURN 6.
    const read = staticcall({ gas: 0xffff, to: RETURNER, retSize: 32 }) + op(Op.POP) + ret(0, 32);
    expect(runCode(read, { fork: BEFORE, pre: PRE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const byz = runCode(read, { fork: AFTER, pre: PRE });
    expect(outputWord(byz.output)).toBe(0x1234n);
    expect(byz.gasUsed).toBe(18 + 700 + 3 + RETURNER_GAS + 2 + 6);

    // STORER's SSTORE under STATICCALL is an exceptional halt: the callee's 0xffff gas is gone, the call
    // returns 0 and nothing is stored. 18 + 700 + 65535 + retTop (15).
    const write = staticcall({ gas: 0xffff, to: STORER }) + retTop();
    expect(runCode(write, { fork: BEFORE, pre: PRE }).status).toBe(Status.UndefinedInstruction);
    const byzWrite = runCode(write, { fork: AFTER, pre: PRE });
    expect(outputWord(byzWrite.output)).toBe(0n);
    expect(byzWrite.gasUsed).toBe(18 + 700 + 0xffff + 15);
    expect(byzWrite.state.getStorage(STORER, 1n)).toBe(0n);
  });
});

describe('Byzantium: precompiles 0x05–0x08', () => {
  it('0x05 MODEXP: before, a call to an empty account; after, 3^5 mod 7 = 243 mod 7 = 5', () => {
    // MODEXP_3_5_7 (util.ts): 110 gas of its own, plus the CALL's 700. EIP-198 gas: mult_complexity(max(1, 1))
    // = 1, adjusted exponent length = ⌊log2 5⌋ = 2, ⌊1 · 2 / 20⌋ = 0. So both forks use 110 + 700 + 0 = 810.
    const sd = runCode(MODEXP_3_5_7, { fork: BEFORE });
    const byz = runCode(MODEXP_3_5_7, { fork: AFTER });
    expect(outputWord(sd.output)).toBe(0n);
    expect(outputWord(byz.output)).toBe(5n);
    expect(MODEXP_3_5_7_GAS).toBe(110);
    expect(sd.gasUsed).toBe(810);
    expect(byz.gasUsed).toBe(810);
  });

  it('0x06 ECADD costs 500, 0x07 ECMUL 40000 and 0x08 pairing 100000 (k = 0); nothing before', () => {
    // CALL(200000, 0x0n) with empty input (points at infinity / no pairs, all valid): 21 + 700 + POP 2 = 723,
    // plus the precompile's gas. Before Byzantium the address is an empty account: no code, no gas.
    const gasOf = (fork: Fork, n: number) => runCode(call({ gas: 200000, to: precompile(n) }) + op(Op.POP), { fork }).gasUsed;
    for (const n of [6, 7, 8]) expect(gasOf(BEFORE, n)).toBe(723);
    expect(gasOf(AFTER, 6)).toBe(723 + 500);
    expect(gasOf(AFTER, 7)).toBe(723 + 40000);
    expect(gasOf(AFTER, 8)).toBe(723 + 80000 * 0 + 100000);
  });

  it('0x08 with no pairs returns true (1) after, and no data before', () => {
    const code = call({ gas: 200000, to: precompile(8), retSize: 32 }) + op(Op.POP) + ret(0, 32);
    expect(outputWord(runCode(code, { fork: BEFORE }).output)).toBe(0n);
    expect(outputWord(runCode(code, { fork: AFTER }).output)).toBe(1n);
  });
});

