/**
 * Transaction-level gas accounting: value transfers (21000), EIP-1559 fee split (base fee burned, coinbase
 * paid the priority fee), refund caps (gasUsed/2 before London, gasUsed/5 from London, EIP-3529), halts,
 * and contract creation.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { executeTransaction } from '../../src/transition/execute.js';
import type { Transaction } from '../../src/transition/types.js';
import { Op } from '../../src/evm/opcodes.js';
import { call, deploy, ins, op, sload, sstore } from '../helpers/bytecode.js';
import { COINBASE, CONTRACT, SENDER, SENDER_BALANCE, blockEnv, makeState, runTx, transaction, type TxFields } from '../helpers/run.js';

const RECIPIENT = '0x00000000000000000000000000000000000000d0';

function transfer(fork: Fork, tx: TxFields, baseFee = 7n) {
  const s = makeState({ [SENDER]: { balance: SENDER_BALANCE } });
  const r = executeTransaction(s, blockEnv({ baseFee }), transaction({ to: RECIPIENT, value: 1000n, gasLimit: 50_000n, ...tx }), fork);
  return { r, s };
}

describe('plain value transfer', () => {
  it('EIP-1559: costs 21000 at baseFee + tip; the coinbase gets only the tip, the base fee is burned', () => {
    // maxFee 20, tip 2, base fee 7: effective price 9.
    const { r, s } = transfer(Fork.Cancun, { type: 2, gasPrice: undefined, maxFeePerGas: 20n, maxPriorityFeePerGas: 2n });
    expect(r.status).toBe('success');
    expect(r.gasUsed).toBe(21000n);
    expect(s.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * 9n - 1000n);
    expect(s.getBalance(RECIPIENT)).toBe(1000n);
    expect(s.getBalance(COINBASE)).toBe(21000n * 2n);
    expect(s.getNonce(SENDER)).toBe(1n);
    // Burned: what left the sender minus what arrived anywhere = 21000 · 7.
    const arrived = s.getBalance(RECIPIENT) + s.getBalance(COINBASE);
    expect(SENDER_BALANCE - s.getBalance(SENDER) - arrived).toBe(21000n * 7n);
  });
  it('EIP-1559: the effective price is capped by maxFeePerGas', () => {
    // maxFee 8 < base 7 + tip 5: the sender pays 8, the coinbase 1.
    const { s } = transfer(Fork.Cancun, { type: 2, gasPrice: undefined, maxFeePerGas: 8n, maxPriorityFeePerGas: 5n });
    expect(s.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * 8n - 1000n);
    expect(s.getBalance(COINBASE)).toBe(21000n);
  });
  it('legacy transaction after London: the coinbase gets gasPrice - baseFee', () => {
    const { s } = transfer(Fork.Cancun, { gasPrice: 10n });
    expect(s.getBalance(SENDER)).toBe(SENDER_BALANCE - 210000n - 1000n);
    expect(s.getBalance(COINBASE)).toBe(21000n * 3n);
  });
  it('before London the coinbase gets the whole fee', () => {
    const { r, s } = transfer(Fork.Berlin, { gasPrice: 10n }, 0n);
    expect(r.gasUsed).toBe(21000n);
    expect(s.getBalance(COINBASE)).toBe(210000n);
  });
  it('a zero reward leaves no empty coinbase behind (EIP-161)', () => {
    const { s } = transfer(Fork.Cancun, { gasPrice: 7n });
    expect(s.exists(COINBASE)).toBe(false);
  });
  it('calldata to an EOA costs its intrinsic price only: 21000 + 16 + 4', () => {
    const { r } = transfer(Fork.Cancun, { data: hexToBytes('ff00') });
    expect(r.gasUsed).toBe(21020n);
  });
});

describe('refund cap', () => {
  it('London on: min(refund, gasUsed / 5) — three 4800 clears are capped', () => {
    // Three cold clears of non-zero slots: 3 · (6 PUSH + 2100 + 2900) = 15018; gasUsed 36018;
    // refund 3 · 4800 = 14400 > cap ⌊36018 / 5⌋ = 7203.
    const t = runTx(sstore(1, 0) + sstore(2, 0) + sstore(3, 0), { storage: { '1': 1n, '2': 1n, '3': 1n } });
    expect(t.gasUsed).toBe(36018n - 7203n);
  });
  it('London on: a refund below the cap is paid in full', () => {
    // One clear: 26006 used, refund 4800 < ⌊26006 / 5⌋ = 5201.
    const t = runTx(sstore(1, 0), { storage: { '1': 1n } });
    expect(t.gasUsed).toBe(26006n - 4800n);
  });
  it('before London: min(refund, gasUsed / 2)', () => {
    // Berlin: one clear 26006 used, refund 15000 > ⌊26006 / 2⌋ = 13003.
    expect(runTx(sstore(1, 0), { storage: { '1': 1n }, fork: Fork.Berlin }).gasUsed).toBe(26006n - 13003n);
    // Istanbul: 6 + 5000 as well, same cap.
    expect(runTx(sstore(1, 0), { storage: { '1': 1n }, fork: Fork.Istanbul }).gasUsed).toBe(26006n - 13003n);
    // Berlin 0 → 1 → 0: 21000 + 12 + 22100 + 100 = 43212, refund 19900 < 21606.
    expect(runTx(sstore(1, 1) + sstore(1, 0), { fork: Fork.Berlin }).gasUsed).toBe(43212n - 19900n);
  });
  it('the sender is charged, and the coinbase paid, for the gas after the refund', () => {
    const t = runTx(sstore(1, 0), { storage: { '1': 1n } });
    expect(t.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21206n * 10n);
    expect(t.state.getBalance(COINBASE)).toBe(21206n * 3n);
  });
});

describe('failures and creation', () => {
  it('an exceptional halt consumes the whole gas limit; the value returns, the nonce and fee stay', () => {
    const t = runTx(op(0xfe), { tx: { gasLimit: 30_000n, value: 5n } });
    expect(t.result.status).toBe('halt');
    expect(t.gasUsed).toBe(30_000n);
    expect(t.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 300_000n);
    expect(t.state.getBalance(CONTRACT)).toBe(0n);
    expect(t.state.getNonce(SENDER)).toBe(1n);
  });
  it('a creation transaction deploys at keccak256(rlp([sender, 0]))[12:] and pays 200 per code byte', () => {
    // Initcode deploy('fe'): MSTORE8(0, 0xfe) RETURN(0, 1) = 60fe600053 60016000f3: 10 bytes, 2 of them zero
    // → 8·16 + 2·4 = 136. Intrinsic 21000 + 32000 + 136 + 2 (one initcode word) = 53138.
    // Execution: 12 + 6 = 18, deposit 200.
    const initcode = hexToBytes(deploy('fe'));
    expect(bytesToHex(initcode)).toBe('0x60fe60005360016000f3');
    const t = runTx('', { tx: { to: null, data: initcode } });
    expect(t.result.status).toBe('success');
    const created = '0x6295ee1b4f6dd65047762f924ecd367c17eabf8f';
    expect(t.result.createdAddress).toBe(created);
    expect(bytesToHex(t.state.getCode(created))).toBe('0xfe');
    expect(t.state.getNonce(created)).toBe(1n);
    expect(t.gasUsed).toBe(53138n + 18n + 200n);
  });
  it('a creation that cannot pay the code deposit fails and consumes all gas (EIP-2)', () => {
    // 53138 intrinsic + 18 execution leaves 199 < 200 for the deposit.
    const t = runTx('', { tx: { to: null, data: hexToBytes(deploy('fe')), gasLimit: 53138n + 18n + 199n } });
    expect(t.result.status).toBe('halt');
    expect(t.gasUsed).toBe(53138n + 18n + 199n);
    expect(t.state.exists('0x6295ee1b4f6dd65047762f924ecd367c17eabf8f')).toBe(false);
  });
});

describe('warm addresses at the start of a transaction (EIP-2929, EIP-2930, EIP-3651)', () => {
  const OTHER = '0x00000000000000000000000000000000000000aa';
  const code = ins(Op.BALANCE, OTHER) + op(Op.POP) + sload(1) + op(Op.POP);
  it('without an access list: cold account 2600, cold slot 2100', () => {
    expect(runTx(code).gasUsed).toBe(21000n + 3n + 2600n + 2n + 3n + 2100n + 2n);
  });
  it('with an access list: both warm (100 each), paid 2400 + 1900 per entry up front', () => {
    const accessList = [
      { address: OTHER, storageKeys: [] },
      { address: CONTRACT, storageKeys: [1n] },
    ];
    const t = runTx(code, { tx: { type: 1, accessList } });
    expect(t.gasUsed).toBe(21000n + 2n * 2400n + 1900n + 3n + 100n + 2n + 3n + 100n + 2n);
  });
  it('the coinbase is warm from Shanghai (EIP-3651), cold before', () => {
    const balanceOfCoinbase = ins(Op.BALANCE, COINBASE) + op(Op.POP);
    expect(runTx(balanceOfCoinbase, { fork: Fork.Shanghai }).gasUsed).toBe(21000n + 3n + 100n + 2n);
    expect(runTx(balanceOfCoinbase, { fork: Fork.Paris }).gasUsed).toBe(21000n + 3n + 2600n + 2n);
  });
  it('the sender, the recipient and the precompiles are warm', () => {
    const c = ins(Op.BALANCE, SENDER) + op(Op.POP) + ins(Op.BALANCE, CONTRACT) + op(Op.POP) + ins(Op.BALANCE, 0x0a) + op(Op.POP);
    expect(runTx(c).gasUsed).toBe(21000n + 3n * (3n + 100n + 2n));
  });
});

describe('contract creation limits', () => {
  it('EIP-170: 24576 bytes of code deploy, paying 200 each', () => {
    // Initcode RETURN(0, 0x6000) = 61 6000 6000 f3: 6 bytes, 2 zero → 4·16 + 2·4 = 72; intrinsic
    // 21000 + 32000 + 72 + 2 = 53074. Execution: 6 + C_mem(768) = 2304 + ⌊768²/512⌋ = 3456; deposit 4915200.
    const t = runTx('', { tx: { to: null, data: hexToBytes('61600060' + '00f3'), gasLimit: 6_000_000n } });
    expect(t.result.status).toBe('success');
    expect(t.state.getCode(t.result.createdAddress!).length).toBe(24576);
    expect(t.gasUsed).toBe(53074n + 6n + 3456n + 24576n * 200n);
  });
  it('EIP-170: 24577 bytes fail, consuming all gas', () => {
    const t = runTx('', { tx: { to: null, data: hexToBytes('61600160' + '00f3'), gasLimit: 6_000_000n } });
    expect(t.result.status).toBe('halt');
    expect(t.gasUsed).toBe(6_000_000n);
  });
  it('EIP-3541: code starting with 0xEF is rejected from London, accepted before', () => {
    const data = hexToBytes(deploy('ef'));
    expect(runTx('', { tx: { to: null, data } }).result.status).toBe('halt');
    expect(runTx('', { tx: { to: null, data }, fork: Fork.Berlin }).result.status).toBe('success');
  });
});

describe('EIP-161 account clearing', () => {
  const EMPTY = '0x00000000000000000000000000000000000000ee';
  const MISSING = '0x00000000000000000000000000000000000000ef';
  it('a zero-value call touches an empty account, which is deleted (Spurious Dragon on)', () => {
    const t = runTx(call({ gas: 0, to: EMPTY }) + op(Op.POP), { pre: { [EMPTY]: {} } });
    expect(t.state.exists(EMPTY)).toBe(false);
  });
  it('before Spurious Dragon the empty account stays, and a call creates a missing one', () => {
    const t = runTx(call({ gas: 0, to: EMPTY }) + op(Op.POP) + call({ gas: 0, to: MISSING }) + op(Op.POP), {
      pre: { [EMPTY]: {} },
      fork: Fork.TangerineWhistle,
    });
    expect(t.state.exists(EMPTY)).toBe(true);
    expect(t.state.exists(MISSING)).toBe(true);
  });
});
