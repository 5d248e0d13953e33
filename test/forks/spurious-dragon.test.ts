/**
 * Tangerine Whistle → Spurious Dragon: EIP-160 (EXP costs 50 per exponent byte instead of 10), EIP-161 (state
 * trie clearing: touched empty accounts are deleted, new contracts start at nonce 1, CALL/SELFDESTRUCT pay
 * the 25000 new-account charge only when they move value into a dead account) and EIP-170 (deployed code is
 * at most 24576 bytes).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Fork } from '../../src/forks/fork.js';
import { bytes, call, op, ret, selfdestruct } from '../helpers/bytecode.js';
import { SENDER, evalOp, runCode, runTx } from '../helpers/run.js';
import { EMPTY, MISSING, PRE, createdAddress } from './util.js';

const BEFORE = Fork.TangerineWhistle;
const AFTER = Fork.SpuriousDragon;

describe('Spurious Dragon, EIP-160: EXP', () => {
  it('costs 10 + 10 per exponent byte before and 10 + 50 per byte after', () => {
    // 3^256 with a 2-byte exponent (0x0100): 2 PUSHes (6) + EXP + retTop (15).
    const expected = 3n ** 256n % (1n << 256n);
    expect(evalOp(Op.EXP, [3, 256], { fork: BEFORE })).toMatchObject({ gasUsed: 6 + 10 + 10 * 2 + 15, value: expected });
    expect(evalOp(Op.EXP, [3, 256], { fork: AFTER })).toMatchObject({ gasUsed: 6 + 10 + 50 * 2 + 15, value: expected });
  });
});

describe('Spurious Dragon, EIP-161: state trie clearing', () => {
  it('an empty account touched by a zero-value CALL survives before and is deleted after', () => {
    // 21000 + 7 PUSHes (21) + CALL 700 + POP (2) in both: the callee exists, so there is no new-account charge.
    const code = call({ gas: 0, to: EMPTY }) + op(Op.POP);
    const tw = runTx(code, { fork: BEFORE, pre: PRE });
    const sd = runTx(code, { fork: AFTER, pre: PRE });
    expect(tw.gasUsed).toBe(21000n + 21n + 700n + 2n);
    expect(sd.gasUsed).toBe(21000n + 21n + 700n + 2n);
    expect(tw.state.exists(EMPTY)).toBe(true);
    expect(sd.state.exists(EMPTY)).toBe(false);
  });

  it('a zero-value CALL to a missing account costs 25000 and creates it before; neither after', () => {
    // 7 PUSHes (21) + CALL 700 (+ 25000 new account before) + POP (2).
    const code = call({ gas: 0, to: MISSING }) + op(Op.POP);
    const tw = runCode(code, { fork: BEFORE });
    const sd = runCode(code, { fork: AFTER });
    expect(tw.gasUsed).toBe(21 + 700 + 25000 + 2);
    expect(sd.gasUsed).toBe(21 + 700 + 2);
    expect(tw.state.exists(MISSING)).toBe(true);
    expect(sd.state.exists(MISSING)).toBe(false);
  });

  it('a CALL moving value into a missing account costs 25000 in both forks', () => {
    // 21 + 700 + 9000 (value) + 25000 (new account) - 2300 (the stipend comes back unused) + POP (2).
    const code = call({ gas: 0, to: MISSING, value: 1 }) + op(Op.POP);
    expect(runCode(code, { fork: BEFORE, balance: 1n }).gasUsed).toBe(21 + 700 + 9000 + 25000 - 2300 + 2);
    expect(runCode(code, { fork: AFTER, balance: 1n }).gasUsed).toBe(21 + 700 + 9000 + 25000 - 2300 + 2);
  });

  it('SELFDESTRUCT of a zero balance to a missing beneficiary costs 5000 + 25000 before and 5000 after', () => {
    // PUSH1 (3) + SELFDESTRUCT.
    expect(runCode(selfdestruct(MISSING), { fork: BEFORE }).gasUsed).toBe(3 + 5000 + 25000);
    expect(runCode(selfdestruct(MISSING), { fork: AFTER }).gasUsed).toBe(3 + 5000);
    // With a balance to move, the new-account charge applies in both forks.
    expect(runCode(selfdestruct(MISSING), { fork: AFTER, balance: 1n }).gasUsed).toBe(3 + 5000 + 25000);
  });

  it('a new contract starts at nonce 0 before and nonce 1 after', () => {
    // A creation transaction with empty initcode: 21000 + 32000 in both.
    const address = createdAddress(SENDER, 0);
    const tw = runTx('', { fork: BEFORE, tx: { to: null } });
    const sd = runTx('', { fork: AFTER, tx: { to: null } });
    expect(tw.gasUsed).toBe(53000n);
    expect(sd.gasUsed).toBe(53000n);
    expect(tw.result.createdAddress).toBe(address);
    expect(sd.result.createdAddress).toBe(address);
    expect(tw.state.getNonce(address)).toBe(0n);
    expect(sd.state.getNonce(address)).toBe(1n);
    // Nonce 1 keeps the code-less contract from being "empty": it exists in both forks.
    expect(sd.state.exists(address)).toBe(true);
  });
});

describe('Spurious Dragon, EIP-170: contract code size limit', () => {
  // Initcode RETURN(0, n) = PUSH2 n, PUSH1 0, RETURN (6 bytes); a creation transaction (21000 + 32000).
  const initcode = (n: number) => bytes(ret(0, n));

  it('24577 bytes deploy before and fail (all gas used) after', () => {
    // Calldata 61 60 01 60 00 f3: 5 non-zero bytes (5 · 68) + 1 zero byte (4) = 344.
    // Execution: 3 + 3 + memory of 769 words (3 · 769 + ⌊769² / 512⌋ = 2307 + 1155 = 3462) = 3468.
    // Deposit: 24577 · 200 = 4915400.
    const tx = { to: null, data: initcode(24577), gasLimit: 5_000_000n };
    const address = createdAddress(SENDER, 0);
    const tw = runTx('', { fork: BEFORE, tx });
    expect(tw.result.status).toBe('success');
    expect(tw.gasUsed).toBe(21000n + 32000n + 344n + 3468n + 4915400n);
    expect(tw.state.getCode(address).length).toBe(24577);

    const sd = runTx('', { fork: AFTER, tx });
    expect(sd.result.status).toBe('halt');
    expect(sd.gasUsed).toBe(5_000_000n);
    expect(sd.state.exists(address)).toBe(false);
  });

  it('exactly 24576 bytes deploy after', () => {
    // Calldata 61 60 00 60 00 f3: 4 · 68 + 2 · 4 = 280. Execution: 6 + memory of 768 words
    // (2304 + ⌊768² / 512⌋ = 2304 + 1152 = 3456) = 3462. Deposit 24576 · 200 = 4915200.
    const sd = runTx('', { fork: AFTER, tx: { to: null, data: initcode(24576), gasLimit: 5_000_000n } });
    expect(sd.result.status).toBe('success');
    expect(sd.gasUsed).toBe(21000n + 32000n + 280n + 3462n + 4915200n);
    expect(sd.state.getCode(createdAddress(SENDER, 0)).length).toBe(24576);
  });
});

