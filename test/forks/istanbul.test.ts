/**
 * Petersburg → Istanbul: EIP-1884 (SLOAD 200 → 800, BALANCE 400 → 700, EXTCODEHASH 400 → 700, SELFBALANCE
 * at 5), EIP-2028 (non-zero calldata byte 68 → 16), EIP-2200 (net SSTORE metering with SLOAD_GAS = 800, and
 * SSTORE fails when gasleft ≤ 2300), EIP-1344 (CHAINID), EIP-152 (0x09 BLAKE2F) and EIP-1108 (bn254
 * repricing: ECADD 500 → 150, ECMUL 40000 → 6000, pairing 100000 + 80000·k → 45000 + 34000·k).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { call, ins, op, retTop, sstore } from '../helpers/bytecode.js';
import { CONTRACT, evalOp, outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, SSTORE_CASES, precompile } from './util.js';

const BEFORE = Fork.Petersburg;
const AFTER = Fork.Istanbul;

describe('Istanbul, EIP-1884: repricing for trie-size-dependent opcodes', () => {
  // evalOp(op, [x]) = PUSH (3) + op + retTop (15).
  it('SLOAD: 200 → 800', () => {
    expect(evalOp(Op.SLOAD, [0], { fork: BEFORE, storage: { '0': 3n } })).toMatchObject({ gasUsed: 3 + 200 + 15, value: 3n });
    expect(evalOp(Op.SLOAD, [0], { fork: AFTER, storage: { '0': 3n } })).toMatchObject({ gasUsed: 3 + 800 + 15, value: 3n });
  });
  it('BALANCE: 400 → 700', () => {
    expect(evalOp(Op.BALANCE, [BigInt(CONTRACT)], { fork: BEFORE, balance: 4n })).toMatchObject({ gasUsed: 3 + 400 + 15, value: 4n });
    expect(evalOp(Op.BALANCE, [BigInt(CONTRACT)], { fork: AFTER, balance: 4n })).toMatchObject({ gasUsed: 3 + 700 + 15, value: 4n });
  });
  it('EXTCODEHASH: 400 → 700', () => {
    const code = ins(Op.EXTCODEHASH, CONTRACT) + op(Op.POP);
    // PUSH20 (3) + EXTCODEHASH + POP (2).
    expect(runCode(code, { fork: BEFORE }).gasUsed).toBe(3 + 400 + 2);
    expect(runCode(code, { fork: AFTER }).gasUsed).toBe(3 + 700 + 2);
  });
  it('SELFBALANCE: undefined before, 5 gas after', () => {
    const code = op(Op.SELFBALANCE) + retTop();
    expect(runCode(code, { fork: BEFORE, balance: 77n })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const ist = runCode(code, { fork: AFTER, balance: 77n });
    expect(outputWord(ist.output)).toBe(77n);
    expect(ist.gasUsed).toBe(5 + 15);
  });
});

describe('Istanbul, EIP-2028: calldata gas', () => {
  it('a non-zero byte costs 68 before and 16 after; a zero byte 4 in both', () => {
    // Ten 0xff bytes and one 0x00 to a contract without code.
    const data = hexToBytes('ff'.repeat(10) + '00');
    expect(runTx('', { fork: BEFORE, tx: { data } }).gasUsed).toBe(BigInt(21000 + 10 * 68 + 4));
    expect(runTx('', { fork: AFTER, tx: { data } }).gasUsed).toBe(BigInt(21000 + 10 * 16 + 4));
  });
});

describe('Istanbul, EIP-2200: structured net gas metering', () => {
  // EIP-2200 prices the EIP-1283 cases with SLOAD_GAS = 800 (EIP-1884) for no-op and dirty writes, and
  // SSTORE_SET_GAS - SLOAD_GAS = 19200 / SSTORE_RESET_GAS - SLOAD_GAS = 4200 for resets.
  const eip2200 = [
    { gas: 800 + 800 + 12, refund: 0 }, // 0 → 0 → 0
    { gas: 20000 + 800 + 12, refund: 20000 - 800 }, // 0 → 1 → 0
    { gas: 800 + 5000 + 12, refund: 0 }, // 1 → 1 → 2
    { gas: 5000 + 800 + 12, refund: 15000 - 15000 + (5000 - 800) }, // 1 → 0 → 1
    { gas: 20000 + 800 + 20000 + 18, refund: 20000 - 800 }, // 0 → 1 → 0 → 1
  ];
  SSTORE_CASES.forEach((c, i) => {
    it(`${c.code} from ${c.original}: legacy ${c.legacy.gas}/${c.legacy.refund} → ${eip2200[i].gas}/${eip2200[i].refund}`, () => {
      const storage = { '0': c.original };
      const pet = runCode(c.code, { fork: BEFORE, storage });
      const ist = runCode(c.code, { fork: AFTER, storage });
      expect({ gas: pet.gasUsed, refund: pet.state.refund }).toEqual(c.legacy);
      expect({ gas: ist.gasUsed, refund: ist.state.refund }).toEqual(eip2200[i]);
    });
  });

  it('SSTORE with gasleft ≤ 2300 fails (compared with Constantinople’s EIP-1283, which had no such rule)', () => {
    // A no-op SSTORE(0, 1) on a slot holding 1; its 2 PUSHes cost 6.
    const code = sstore(0, 1);
    const storage = { '0': 1n };
    // Constantinople: 2300 left at the SSTORE, the no-op costs 200: success, 206 used.
    expect(runCode(code, { fork: Fork.Constantinople, storage, gas: 2306 })).toMatchObject({ status: Status.Stop, gasUsed: 206 });
    // Petersburg: the legacy price 5000 does not fit in 2300 either way.
    expect(runCode(code, { fork: BEFORE, storage, gas: 2306 })).toMatchObject({ status: Status.OutOfGas, gasUsed: 2306 });
    expect(runCode(code, { fork: BEFORE, storage, gas: 5006 })).toMatchObject({ status: Status.Stop, gasUsed: 5006 });
    // Istanbul: 2300 left is ≤ the stipend: out of gas (geth: 'not enough gas for reentrancy sentry'); 2301 left: success for 6 + 800.
    expect(runCode(code, { fork: AFTER, storage, gas: 2306 })).toMatchObject({ status: Status.ReentrancySentry, gasUsed: 2306 });
    expect(runCode(code, { fork: AFTER, storage, gas: 2307 })).toMatchObject({ status: Status.Stop, gasUsed: 806 });
  });
});

describe('Istanbul, EIP-1344: CHAINID', () => {
  it('is undefined before and pushes the chain id (1) for 2 gas after', () => {
    const code = op(Op.CHAINID) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const ist = runCode(code, { fork: AFTER });
    expect(outputWord(ist.output)).toBe(1n);
    expect(ist.gasUsed).toBe(2 + 15);
  });
});

describe('Istanbul, EIP-152: BLAKE2F at 0x09', () => {
  it('before, 0x09 is an empty account (the call succeeds); after, an empty input is an error', () => {
    // CALL(1000, 0x09) with no input: 21 + 700; retTop 15. EIP-152: input not exactly 213 bytes is an error,
    // which consumes the 1000 gas given and returns 0.
    const code = call({ gas: 1000, to: precompile(9) }) + retTop();
    const pet = runCode(code, { fork: BEFORE });
    const ist = runCode(code, { fork: AFTER });
    expect(outputWord(pet.output)).toBe(1n);
    expect(pet.gasUsed).toBe(21 + 700 + 15);
    expect(outputWord(ist.output)).toBe(0n);
    expect(ist.gasUsed).toBe(21 + 700 + 1000 + 15);
  });
});

describe('Istanbul, EIP-1108: bn254 precompile repricing', () => {
  it('ECADD 500 → 150, ECMUL 40000 → 6000, pairing (k = 0) 100000 → 45000', () => {
    // CALL(200000, 0x0n) with empty input: 21 + 700 + POP (2) = 723 plus the precompile's gas.
    const gasOf = (fork: Fork, n: number) => runCode(call({ gas: 200000, to: precompile(n) }) + op(Op.POP), { fork }).gasUsed;
    expect(gasOf(BEFORE, 6)).toBe(723 + 500);
    expect(gasOf(AFTER, 6)).toBe(723 + 150);
    expect(gasOf(BEFORE, 7)).toBe(723 + 40000);
    expect(gasOf(AFTER, 7)).toBe(723 + 6000);
    expect(gasOf(BEFORE, 8)).toBe(723 + 100000 + 80000 * 0);
    expect(gasOf(AFTER, 8)).toBe(723 + 45000 + 34000 * 0);
  });
});
