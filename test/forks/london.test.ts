/**
 * Berlin → London: EIP-3529 (refund cap gasUsed/2 → gasUsed/5, SELFDESTRUCT refund 24000 → 0, SSTORE clear
 * refund 15000 → SSTORE_RESET_GAS + ACCESS_LIST_STORAGE_KEY_COST = 2900 + 1900 = 4800), EIP-3541 (new code
 * starting with 0xEF is rejected), EIP-3198 (BASEFEE) and EIP-1559 (type-2 transactions; the base fee is
 * burned and the coinbase receives only the priority fee).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { bytes, mstore8, op, ret, retTop, selfdestruct, sstore } from '../helpers/bytecode.js';
import { COINBASE, CONTRACT, SENDER, SENDER_BALANCE, outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, TX_GAS, createdAddress } from './util.js';

const BEFORE = Fork.Berlin;
const AFTER = Fork.London;

describe('London, EIP-3529: reduction in refunds', () => {
  it('clearing a slot refunds 15000 before and 4800 after', () => {
    // SSTORE(0, 0) on a slot holding 1: 6 + 2100 (cold) + 2900 = 5006 in both.
    const b = runCode(sstore(0, 0), { fork: BEFORE, storage: { '0': 1n } });
    const l = runCode(sstore(0, 0), { fork: AFTER, storage: { '0': 1n } });
    expect({ gas: b.gasUsed, refund: b.state.refund }).toEqual({ gas: 5006, refund: 15000 });
    expect({ gas: l.gasUsed, refund: l.state.refund }).toEqual({ gas: 5006, refund: 4800 });
  });

  it('the refund is capped at gasUsed / 2 before and gasUsed / 5 after', () => {
    // Clear two slots: 21000 + 2 · 5006 = 31012 used before the refund.
    // Berlin: refund 2 · 15000 = 30000, cap ⌊31012 / 2⌋ = 15506 → 31012 - 15506 = 15506.
    // London: refund 2 · 4800 = 9600, cap ⌊31012 / 5⌋ = 6202 → 31012 - 6202 = 24810.
    const code = sstore(0, 0) + sstore(1, 0);
    const storage = { '0': 1n, '1': 1n };
    expect(runTx(code, { fork: BEFORE, storage }).gasUsed).toBe(31012n - 15506n);
    expect(runTx(code, { fork: AFTER, storage }).gasUsed).toBe(31012n - 6202n);
  });

  it('SELFDESTRUCT refunds 24000 before and nothing after', () => {
    // SELFDESTRUCT(SENDER): PUSH20 (3) + 5000; the sender is warm and alive: 21000 + 5003 = 26003 used.
    // Berlin: refund min(24000, ⌊26003 / 2⌋ = 13001) = 13001 → 13002. London: no refund → 26003.
    const b = runTx(selfdestruct(SENDER), { fork: BEFORE });
    const l = runTx(selfdestruct(SENDER), { fork: AFTER });
    expect(b.gasUsed).toBe(26003n - 13001n);
    expect(l.gasUsed).toBe(26003n);
    expect(b.state.exists(CONTRACT)).toBe(false);
    expect(l.state.exists(CONTRACT)).toBe(false);
  });
});

describe('London, EIP-3541: reject new code starting with 0xEF', () => {
  it('deploying 0xef succeeds before and fails (all gas used) after', () => {
    // Initcode MSTORE8(0, 0xef) RETURN(0, 1) = 60ef 6000 53 6001 6000 f3: 8 non-zero bytes (8 · 16) and 2 zero
    // bytes (2 · 4) = 136 calldata gas; execution 3 + 3 + 3 + 3 (memory) + 3 + 3 = 18; deposit 1 · 200.
    const data = bytes(mstore8(0, 0xef) + ret(0, 1));
    const address = createdAddress(SENDER, 0);
    const b = runTx('', { fork: BEFORE, tx: { to: null, data } });
    expect(b.result.status).toBe('success');
    expect(b.gasUsed).toBe(21000n + 32000n + 136n + 18n + 200n);
    expect(b.state.getCode(address)).toEqual(new Uint8Array([0xef]));

    const l = runTx('', { fork: AFTER, tx: { to: null, data } });
    expect(l.result.status).toBe('halt');
    expect(l.gasUsed).toBe(TX_GAS);
    expect(l.state.exists(address)).toBe(false);
  });
});

describe('London, EIP-3198: BASEFEE', () => {
  it('is undefined before and pushes the block’s base fee (7) for 2 gas after', () => {
    const code = op(Op.BASEFEE) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const l = runCode(code, { fork: AFTER });
    expect(outputWord(l.output)).toBe(7n);
    expect(l.gasUsed).toBe(2 + 15);
  });
});

describe('London, EIP-1559: fee market', () => {
  it('a type-2 transaction is rejected before; after, it pays min(maxFee, baseFee + tip) and tips the coinbase', () => {
    // Base fee 7, maxFeePerGas 20, maxPriorityFeePerGas 2: effective price min(20, 7 + 2) = 9.
    const tx = { type: 2 as const, gasPrice: undefined, maxFeePerGas: 20n, maxPriorityFeePerGas: 2n, value: 1000n };
    const b = runTx('', { fork: BEFORE, tx });
    expect(b.result.status).toBe('invalid');
    expect(b.result.error).toMatch(/TypeNotSupported/);

    const l = runTx('', { fork: AFTER, tx });
    expect(l.result.status).toBe('success');
    expect(l.gasUsed).toBe(21000n);
    expect(l.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * 9n - 1000n);
    expect(l.state.getBalance(CONTRACT)).toBe(1000n);
    expect(l.state.getBalance(COINBASE)).toBe(21000n * 2n); // the 21000 · 7 base fee is burned
  });

  it('a legacy transaction priced below the base fee is valid before and rejected after', () => {
    // Gas price 5 < base fee 7. Before London the base fee does not exist: 21000 · 5 goes to the coinbase.
    const b = runTx('', { fork: BEFORE, tx: { gasPrice: 5n } });
    expect(b.result.status).toBe('success');
    expect(b.state.getBalance(COINBASE)).toBe(21000n * 5n);
    const l = runTx('', { fork: AFTER, tx: { gasPrice: 5n } });
    expect(l.result.status).toBe('invalid');
    expect(l.result.error).toMatch(/FeeCapLessThanBlocks/);
    expect(l.state.getBalance(SENDER)).toBe(SENDER_BALANCE);
  });

  it('a legacy transaction pays the coinbase gasPrice before and gasPrice - baseFee after', () => {
    // Gas price 10, base fee 7: the sender pays 21000 · 10 in both forks.
    const b = runTx('', { fork: BEFORE });
    const l = runTx('', { fork: AFTER });
    expect(b.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * 10n);
    expect(l.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * 10n);
    expect(b.state.getBalance(COINBASE)).toBe(21000n * 10n);
    expect(l.state.getBalance(COINBASE)).toBe(21000n * (10n - 7n));
  });
});
