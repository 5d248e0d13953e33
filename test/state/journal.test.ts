/** WorldState's journal: every change made after a checkpoint is undone by reverting to it. */
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { KECCAK_EMPTY_HEX } from '../../src/primitives/keccak.js';
import { WorldState } from '../../src/state/world.js';
import { makeState } from '../helpers/run.js';

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const EMPTY = '0x00000000000000000000000000000000000000ee';
const RIPEMD = '0x0000000000000000000000000000000000000003';
const IDENTITY = '0x0000000000000000000000000000000000000004';

/** A state in a running transaction: the journal these tests exercise is the transaction's. */
function fresh(): WorldState {
  const s = makeState({
    [A]: { balance: 100n, nonce: 1n, code: '6000', storage: { '1': 11n } },
    [EMPTY]: {},
    [RIPEMD]: {},
    [IDENTITY]: {},
  });
  s.beginTransaction();
  return s;
}

describe('checkpoint / revert', () => {
  it('undoes balance, nonce and code changes', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.setBalance(A, 5n);
    s.addBalance(A, 1n);
    s.setNonce(A, 9n);
    s.setCode(A, new Uint8Array([0xfe]));
    expect(s.getBalance(A)).toBe(6n);
    expect(bytesToHex(s.getCodeHash(A)!)).not.toBe(bytesToHex(fresh().getCodeHash(A)!));
    s.revert(cp);
    expect(s.getBalance(A)).toBe(100n);
    expect(s.getNonce(A)).toBe(1n);
    expect(bytesToHex(s.getCode(A))).toBe('0x6000');
    expect(bytesToHex(s.getCodeHash(A)!)).toBe(bytesToHex(fresh().getCodeHash(A)!));
  });
  it('undoes storage writes, keeping the original value', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.setStorage(A, 1n, 22n);
    s.setStorage(A, 2n, 33n);
    s.setStorage(A, 1n, 44n);
    expect(s.getStorage(A, 1n)).toBe(44n);
    expect(s.getOriginalStorage(A, 1n)).toBe(11n);
    s.revert(cp);
    expect(s.getStorage(A, 1n)).toBe(11n);
    expect(s.getStorage(A, 2n)).toBe(0n);
    expect(s.getOriginalStorage(A, 1n)).toBe(11n);
  });
  it('undoes transient storage writes (EIP-1153)', () => {
    const s = fresh();
    s.setTransient(A, 1n, 5n);
    const cp = s.checkpoint();
    s.setTransient(A, 1n, 6n);
    s.setTransient(B, 2n, 7n);
    s.revert(cp);
    expect(s.getTransient(A, 1n)).toBe(5n);
    expect(s.getTransient(B, 2n)).toBe(0n);
  });
  it('undoes warming of accounts and slots (EIP-2929)', () => {
    const s = fresh();
    expect(s.warmAccount(A)).toBe(true);
    const cp = s.checkpoint();
    expect(s.warmAccount(A)).toBe(false);
    expect(s.warmAccount(B)).toBe(true);
    expect(s.warmSlot(A, 1n)).toBe(true);
    expect(s.warmSlot(A, 1n)).toBe(false);
    s.revert(cp);
    expect(s.isWarmAccount(A)).toBe(true);
    expect(s.isWarmAccount(B)).toBe(false);
    expect(s.warmSlot(A, 1n)).toBe(true); // cold again
  });
  it('undoes logs and the refund counter', () => {
    const s = fresh();
    s.addLog({ address: A, topics: [1n], data: new Uint8Array(0) });
    s.setRefund(100);
    const cp = s.checkpoint();
    s.addLog({ address: B, topics: [], data: new Uint8Array(1) });
    s.setRefund(4900);
    s.setRefund(-100);
    s.revert(cp);
    expect(s.logs.length).toBe(1);
    expect(s.logs[0].address).toBe(A);
    expect(s.refund).toBe(100);
  });
  it('undoes account creation', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.addBalance(B, 0n); // creates an empty account
    expect(s.exists(B)).toBe(true);
    s.setStorage(B, 1n, 1n);
    s.revert(cp);
    expect(s.exists(B)).toBe(false);
    expect(s.getAccount(B)).toBeUndefined();
  });
  it('undoes a contract account creation over an existing balance, with its created flag (EIP-6780)', () => {
    const s = makeState({ [B]: { balance: 7n } });
    const before = s.getAccount(B);
    const cp = s.checkpoint();
    s.createContractAccount(B, 1n);
    s.setCode(B, new Uint8Array([1]));
    expect(s.getBalance(B)).toBe(7n); // the balance is kept
    expect(s.getNonce(B)).toBe(1n);
    expect(s.createdInTransaction(B)).toBe(true);
    s.revert(cp);
    expect(s.getAccount(B)).toBe(before);
    expect(s.getNonce(B)).toBe(0n);
    expect(s.getCode(B).length).toBe(0);
    expect(s.createdInTransaction(B)).toBe(false);
  });
  it('undoes a self-destruct schedule', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.markDestructed(A);
    expect(s.isDestructed(A)).toBe(true);
    s.revert(cp);
    expect(s.isDestructed(A)).toBe(false);
    s.finalizeTransaction(true);
    expect(s.exists(A)).toBe(true);
  });
  it('nests: reverting the inner checkpoint keeps the outer changes', () => {
    const s = fresh();
    const outer = s.checkpoint();
    s.setBalance(A, 1n);
    s.setStorage(A, 1n, 2n);
    const inner = s.checkpoint();
    s.setBalance(A, 2n);
    s.setStorage(A, 1n, 3n);
    s.setNonce(B, 1n);
    s.revert(inner);
    expect(s.getBalance(A)).toBe(1n);
    expect(s.getStorage(A, 1n)).toBe(2n);
    expect(s.exists(B)).toBe(false);
    // Changes after the inner revert belong to the outer scope.
    s.setBalance(A, 3n);
    s.revert(outer);
    expect(s.getBalance(A)).toBe(100n);
    expect(s.getStorage(A, 1n)).toBe(11n);
  });
  it('reverting to the current checkpoint is a no-op', () => {
    const s = fresh();
    s.setBalance(A, 1n);
    s.revert(s.checkpoint());
    expect(s.getBalance(A)).toBe(1n);
  });
});

describe('touches and EIP-161 deletion at finalizeTransaction(true)', () => {
  it('a touched empty account is deleted; an untouched one is kept', () => {
    const s = fresh();
    s.touch(EMPTY);
    s.finalizeTransaction(true);
    expect(s.exists(EMPTY)).toBe(false);
    expect(s.exists(RIPEMD)).toBe(true);
  });
  it('a reverted touch is undone: the empty account survives', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.touch(EMPTY);
    s.touch(IDENTITY);
    s.revert(cp);
    s.finalizeTransaction(true);
    expect(s.exists(EMPTY)).toBe(true);
    expect(s.exists(IDENTITY)).toBe(true);
  });
  it('RIPEMD-160 (0x03): its touch survives a revert, so the empty account is deleted (mainnet block 2675119)', () => {
    const s = fresh();
    const cp = s.checkpoint();
    s.touch(RIPEMD);
    s.revert(cp);
    s.finalizeTransaction(true);
    expect(s.exists(RIPEMD)).toBe(false);
  });
  it('without EIP-161 (finalizeTransaction(false)) touched empty accounts stay', () => {
    const s = fresh();
    s.touch(EMPTY);
    s.finalizeTransaction(false);
    expect(s.exists(EMPTY)).toBe(true);
  });
  it('a touched non-empty account is kept', () => {
    const s = fresh();
    s.touch(A);
    s.finalizeTransaction(true);
    expect(s.exists(A)).toBe(true);
  });
});

describe('finalizeTransaction', () => {
  it('makes current storage the new original, drops zero slots and per-transaction data', () => {
    const s = fresh();
    s.setStorage(A, 1n, 0n);
    s.setStorage(A, 2n, 5n);
    s.setTransient(A, 1n, 1n);
    s.warmAccount(A);
    s.warmSlot(A, 2n);
    s.addLog({ address: A, topics: [], data: new Uint8Array(0) });
    s.setRefund(4800);
    s.createContractAccount(B, 1n);
    s.finalizeTransaction(true);
    expect(s.getOriginalStorage(A, 2n)).toBe(5n);
    expect(s.getOriginalStorage(A, 1n)).toBe(0n);
    expect(s.getAccount(A)!.storage.has(1n)).toBe(false);
    expect(s.getTransient(A, 1n)).toBe(0n);
    expect(s.isWarmAccount(A)).toBe(false);
    expect(s.warmSlot(A, 2n)).toBe(true);
    expect(s.logs.length).toBe(0);
    expect(s.refund).toBe(0);
    expect(s.createdInTransaction(B)).toBe(false);
  });
  it('deletes self-destructed accounts', () => {
    const s = fresh();
    s.markDestructed(A);
    s.finalizeTransaction(false);
    expect(s.exists(A)).toBe(false);
  });
  it('a new account has the empty code hash', () => {
    const s = fresh();
    s.addBalance(B, 1n);
    expect(bytesToHex(s.getCodeHash(B)!)).toBe(KECCAK_EMPTY_HEX);
  });
});
