/**
 * Muir Glacier (Istanbul rules) → Berlin: EIP-2929 (cold/warm access: COLD_SLOAD_COST 2100,
 * COLD_ACCOUNT_ACCESS_COST 2600, WARM_STORAGE_READ_COST 100), EIP-2930 (type-1 transactions with access
 * lists: 2400 per address, 1900 per storage key, pre-warmed), EIP-2718 (typed transactions) and EIP-2565
 * (MODEXP repricing).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Fork } from '../../src/forks/fork.js';
import { call, ins, op, retTop, sload, sstore } from '../helpers/bytecode.js';
import { CONTRACT, outputWord, runCode, runTx } from '../helpers/run.js';
import { EMPTY, FUNDED, MODEXP_3_5_7, MODEXP_3_5_7_GAS, PRE } from './util.js';

const BEFORE = Fork.MuirGlacier;
const AFTER = Fork.Berlin;

describe('Berlin, EIP-2929: cold and warm access', () => {
  it('SLOAD: 800 twice before; 2100 cold then 100 warm after', () => {
    // SLOAD(0) + POP + SLOAD(0) + retTop: PUSH (3) + SLOAD, POP (2), PUSH (3) + SLOAD, retTop (15).
    const code = sload(0) + op(Op.POP) + sload(0) + retTop();
    expect(runCode(code, { fork: BEFORE }).gasUsed).toBe(3 + 800 + 2 + 3 + 800 + 15);
    expect(runCode(code, { fork: AFTER }).gasUsed).toBe(3 + 2100 + 2 + 3 + 100 + 15);
  });

  it('SSTORE to a cold slot costs 2100 more', () => {
    // SSTORE(0, 1) from 0: 2 PUSHes (6) + 20000, and after Berlin + 2100 because the slot is cold.
    expect(runCode(sstore(0, 1), { fork: BEFORE }).gasUsed).toBe(6 + 20000);
    expect(runCode(sstore(0, 1), { fork: AFTER }).gasUsed).toBe(6 + 2100 + 20000);
  });

  it('BALANCE: 700 twice before; 2600 cold then 100 warm after', () => {
    const code = ins(Op.BALANCE, FUNDED) + op(Op.POP) + ins(Op.BALANCE, FUNDED) + retTop();
    // PUSH1 (3) + BALANCE, POP (2), PUSH1 (3) + BALANCE, retTop (15).
    const mg = runCode(code, { fork: BEFORE, pre: PRE });
    const berlin = runCode(code, { fork: AFTER, pre: PRE });
    expect(mg.gasUsed).toBe(3 + 700 + 2 + 3 + 700 + 15);
    expect(berlin.gasUsed).toBe(3 + 2600 + 2 + 3 + 100 + 15);
    expect(outputWord(berlin.output)).toBe(1n);
  });

  it('CALL: 700 twice before; 2600 cold then 100 warm after', () => {
    // CALL(0, EMPTY) + POP twice: 7 PUSHes (21) + CALL + POP (2) each; EMPTY exists, so no new-account charge.
    const once = call({ gas: 0, to: EMPTY }) + op(Op.POP);
    expect(runCode(once + once, { fork: BEFORE, pre: PRE }).gasUsed).toBe(2 * (21 + 700 + 2));
    expect(runCode(once + once, { fork: AFTER, pre: PRE }).gasUsed).toBe(21 + 2600 + 2 + 21 + 100 + 2);
  });
});

describe('Berlin, EIP-2930/EIP-2718: access-list transactions', () => {
  const code = sload(0) + op(Op.POP) + ins(Op.BALANCE, FUNDED) + op(Op.POP);
  const accessList = [
    { address: CONTRACT, storageKeys: [0n] },
    { address: FUNDED, storageKeys: [] },
  ];

  it('a type-1 transaction is rejected before Berlin', () => {
    const mg = runTx(code, { fork: BEFORE, pre: PRE, tx: { type: 1, accessList } });
    expect(mg.result.status).toBe('invalid');
    expect(mg.result.error).toMatch(/TypeNotSupported/);
    expect(mg.gasUsed).toBe(0n);
    // The same program as a legacy transaction before Berlin: 21000 + (3 + 800 + 2) + (3 + 700 + 2).
    expect(runTx(code, { fork: BEFORE, pre: PRE }).gasUsed).toBe(21000n + 805n + 705n);
  });

  it('after, the list costs 2400 per address and 1900 per key, and its entries start warm', () => {
    // Intrinsic 21000 + 2 · 2400 + 1900 = 27700; execution (3 + 100 + 2) + (3 + 100 + 2) = 210.
    const berlin = runTx(code, { fork: AFTER, pre: PRE, tx: { type: 1, accessList } });
    expect(berlin.result.status).toBe('success');
    expect(berlin.gasUsed).toBe(21000n + 2n * 2400n + 1900n + 210n);
    // Without the list: 21000 + (3 + 2100 + 2) + (3 + 2600 + 2).
    const bare = runTx(code, { fork: AFTER, pre: PRE, tx: { type: 1, accessList: [] } });
    expect(bare.gasUsed).toBe(21000n + 2105n + 2605n);
  });
});

describe('Berlin, EIP-2565: MODEXP repricing', () => {
  it('3^5 mod 7 costs ⌊1 · 2 / 20⌋ = 0 before and max(200, ⌊1² · 2 / 3⌋) = 200 after', () => {
    // MODEXP_3_5_7 (util.ts): 3^5 mod 7 with 1-byte operands.
    // EIP-198: mult_complexity(1) = 1, adjusted exponent length ⌊log2 5⌋ = 2: ⌊1 · 2 / 20⌋ = 0.
    // EIP-2565: words = ⌈1/8⌉ = 1, iteration count 2: max(200, ⌊1 · 2 / 3⌋) = 200.
    // The CALL itself is 700 before and 100 after (precompiles are warm, EIP-2929).
    const mg = runCode(MODEXP_3_5_7, { fork: BEFORE });
    const berlin = runCode(MODEXP_3_5_7, { fork: AFTER });
    expect(outputWord(mg.output)).toBe(5n);
    expect(outputWord(berlin.output)).toBe(5n);
    expect(mg.gasUsed).toBe(MODEXP_3_5_7_GAS + 700 + 0);
    expect(berlin.gasUsed).toBe(MODEXP_3_5_7_GAS + 100 + 200);
  });
});
