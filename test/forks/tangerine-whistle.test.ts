/**
 * Homestead → Tangerine Whistle: EIP-150 (gas cost changes for IO-heavy operations). New prices:
 * EXTCODESIZE/EXTCODECOPY 20 → 700, BALANCE 20 → 400, SLOAD 50 → 200, CALL/CALLCODE/DELEGATECALL 40 → 700,
 * SELFDESTRUCT 0 → 5000 plus 25000 when it creates the beneficiary; and a CALL may forward at most all but one
 * 64th of the gas left (asking for more is capped instead of being an out-of-gas error).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { call, create, ins, mstoreBytes, op, ret, selfdestruct } from '../helpers/bytecode.js';
import { CONTRACT, evalOp, outputWord, runCode } from '../helpers/run.js';
import { CALLEE, CALLEE_GAS, EMPTY, MISSING, PRE, createdAddress } from './util.js';

const BEFORE = Fork.Homestead;
const AFTER = Fork.TangerineWhistle;
const MAX = (1n << 256n) - 1n;

describe('Tangerine Whistle, EIP-150: repriced state access', () => {
  // evalOp(op, [address]) = PUSH (3) + op + retTop (15).
  it('BALANCE: 20 → 400', () => {
    expect(evalOp(Op.BALANCE, [BigInt(CONTRACT)], { fork: BEFORE, balance: 5n })).toMatchObject({ gasUsed: 3 + 20 + 15, value: 5n });
    expect(evalOp(Op.BALANCE, [BigInt(CONTRACT)], { fork: AFTER, balance: 5n })).toMatchObject({ gasUsed: 3 + 400 + 15, value: 5n });
  });
  it('EXTCODESIZE: 20 → 700', () => {
    const code = ins(Op.EXTCODESIZE, CONTRACT) + op(Op.POP);
    // PUSH20 (3) + EXTCODESIZE + POP (2).
    expect(runCode(code, { fork: BEFORE }).gasUsed).toBe(3 + 20 + 2);
    expect(runCode(code, { fork: AFTER }).gasUsed).toBe(3 + 700 + 2);
  });
  it('EXTCODECOPY: 20 → 700', () => {
    // 4 PUSHes (12) + EXTCODECOPY; size 0: no memory, no copy gas.
    const code = ins(Op.EXTCODECOPY, CONTRACT, 0, 0, 0);
    expect(runCode(code, { fork: BEFORE }).gasUsed).toBe(12 + 20);
    expect(runCode(code, { fork: AFTER }).gasUsed).toBe(12 + 700);
  });
  it('SLOAD: 50 → 200', () => {
    expect(evalOp(Op.SLOAD, [0], { fork: BEFORE, storage: { '0': 9n } })).toMatchObject({ gasUsed: 3 + 50 + 15, value: 9n });
    expect(evalOp(Op.SLOAD, [0], { fork: AFTER, storage: { '0': 9n } })).toMatchObject({ gasUsed: 3 + 200 + 15, value: 9n });
  });
  it('CALL: 40 → 700 (to an existing account, no value)', () => {
    // 7 PUSHes (21) + CALL + POP (2); the callee exists, so no new-account charge in either fork.
    const code = call({ gas: 0, to: EMPTY }) + op(Op.POP);
    expect(runCode(code, { fork: BEFORE, pre: PRE }).gasUsed).toBe(21 + 40 + 2);
    expect(runCode(code, { fork: AFTER, pre: PRE }).gasUsed).toBe(21 + 700 + 2);
  });
});

describe('Tangerine Whistle, EIP-150: all but one 64th', () => {
  it('a CALL asking for more gas than is left runs out of gas before, and forwards L - ⌊L/64⌋ after', () => {
    const code = call({ gas: MAX, to: CALLEE, retSize: 32 }) + op(Op.POP) + ret(0, 32);
    const gas = 100_000;

    // Homestead: the requested gas is part of the CALL's cost; 2^256 - 1 is more than is left: out of gas.
    const homestead = runCode(code, { fork: BEFORE, pre: PRE, gas });
    expect(homestead.status).toBe(Status.OutOfGas);
    expect(homestead.gasUsed).toBe(gas);

    // Tangerine Whistle: charged first 21 (PUSHes) + 700 + 3 (the 32 output bytes' memory word) = 724.
    // L = 100000 - 724 = 99276; forwarded 99276 - ⌊99276/64⌋ = 99276 - 1551 = 97725; the callee's GAS (after
    // its own 2) reads 97723. Then POP (2) and RETURN's 2 PUSHes (6).
    const tw = runCode(code, { fork: AFTER, pre: PRE, gas });
    expect(tw.status).toBe(Status.Return);
    expect(outputWord(tw.output)).toBe(97723n);
    expect(tw.gasUsed).toBe(724 + CALLEE_GAS + 2 + 6);
  });

  it('CREATE passes on all the gas left before, and all but one 64th after', () => {
    // Initcode 5a 60 00 55 = SSTORE(0, GAS): the new contract records the gas its GAS saw (after GAS's own 2).
    const initcode = op(Op.GAS) + ins(Op.SSTORE, 0);
    expect(initcode).toBe('5a600055');
    // Writing 4 bytes: 4 · 9 + 3 (one memory word) = 39; CREATE(0, 0, 4): 3 PUSHes (9) + 32000. L = 100000 -
    // 32048 = 67952 left.
    const code = mstoreBytes(0, initcode) + create({ size: 4 }) + op(Op.POP);
    const child = createdAddress(CONTRACT, 0);
    const homestead = runCode(code, { fork: BEFORE, gas: 100_000 });
    const tw = runCode(code, { fork: AFTER, gas: 100_000 });
    // Homestead: all 67952 forwarded; GAS reads 67950.
    expect(homestead.state.getStorage(child, 0n)).toBe(67950n);
    // Tangerine Whistle: 67952 - ⌊67952 / 64⌋ = 67952 - 1061 = 66891 forwarded; GAS reads 66889.
    expect(tw.state.getStorage(child, 0n)).toBe(66889n);
    // Both: the initcode uses GAS 2 + PUSH1 3 + SSTORE 20000 and deploys nothing; POP 2.
    expect(homestead.gasUsed).toBe(32048 + 20005 + 2);
    expect(tw.gasUsed).toBe(32048 + 20005 + 2);
  });
});

describe('Tangerine Whistle, EIP-150: SELFDESTRUCT', () => {
  it('costs 0 before; 5000, plus 25000 when the beneficiary does not exist, after', () => {
    // PUSH1 (3) + SELFDESTRUCT.
    const toMissing = selfdestruct(MISSING);
    expect(runCode(toMissing, { fork: BEFORE }).gasUsed).toBe(3);
    expect(runCode(toMissing, { fork: AFTER }).gasUsed).toBe(3 + 5000 + 25000);
    const toExisting = selfdestruct(EMPTY);
    expect(runCode(toExisting, { fork: BEFORE, pre: PRE }).gasUsed).toBe(3);
    expect(runCode(toExisting, { fork: AFTER, pre: PRE }).gasUsed).toBe(3 + 5000);
  });
});
