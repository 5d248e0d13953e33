// Savepoints: a rollback across finalised transactions restores balances, nonces, code, storage (also slots
// zeroed and dropped), created and deleted accounts, and original values; release keeps the changes.
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { stateRoot } from '../../src/state/root.js';
import { WorldState } from '../../src/state/world.js';

const A = '0x00000000000000000000000000000000000000aa';
const B = '0x00000000000000000000000000000000000000bb';
const C = '0x00000000000000000000000000000000000000cc';

function start(): WorldState {
  return WorldState.fromAlloc(
    new Map([
      [A, { nonce: 1n, balance: 100n, code: Uint8Array.of(0x00), storage: new Map([[1n, 5n], [2n, 6n]]) }],
      [B, { nonce: 0n, balance: 1n, code: new Uint8Array(0), storage: new Map() }],
    ]),
  );
}

describe('WorldState savepoints', () => {
  it('roll back every transaction since the savepoint', () => {
    const state = start();
    const before = bytesToHex(stateRoot(state));
    const sp = state.savepoint();
    // Transaction 1: storage written and zeroed (the zero slot is dropped at finalisation), a new account.
    state.setStorage(A, 1n, 0n);
    state.setStorage(A, 3n, 9n);
    state.setBalance(C, 4n);
    state.finalizeTransaction(true);
    // Transaction 2: B drained and touched (deleted as empty), A's code and nonce changed.
    state.setBalance(B, 0n);
    state.touch(B);
    state.setCode(A, Uint8Array.of(0x60, 0x00));
    state.setNonce(A, 2n);
    state.finalizeTransaction(true);
    expect(state.exists(B)).toBe(false);
    expect(state.getAccount(A)!.storage.has(1n)).toBe(false);
    state.rollback(sp);
    expect(bytesToHex(stateRoot(state))).toBe(before);
    expect(state.getStorage(A, 1n)).toBe(5n);
    expect(state.getOriginalStorage(A, 1n)).toBe(5n);
    expect(state.getOriginalStorage(A, 3n)).toBe(0n);
    expect(state.exists(C)).toBe(false);
    expect(state.getBalance(B)).toBe(1n);
    expect(bytesToHex(state.getCode(A))).toBe('0x00');
    expect(state.getNonce(A)).toBe(1n);
  });

  it('also undo the transaction running at the rollback', () => {
    const state = start();
    const sp = state.savepoint();
    state.setBalance(A, 1n);
    state.rollback(sp);
    expect(state.getBalance(A)).toBe(100n);
    expect(() => state.rollback(sp)).toThrow(/unknown or released/);
  });

  it('release keeps the changes; savepoints are taken between transactions only', () => {
    const state = start();
    const sp = state.savepoint();
    state.setBalance(A, 7n);
    state.finalizeTransaction(true);
    state.release(sp);
    expect(state.getBalance(A)).toBe(7n);
    state.setBalance(A, 8n); // a setup write between transactions: committed, so a savepoint may follow
    state.release(state.savepoint());
    state.beginTransaction();
    state.setBalance(A, 9n);
    expect(() => state.savepoint()).toThrow(/a transaction is running/);
  });

  it('nest: an inner rollback keeps the outer savepoint\'s earlier changes', () => {
    const state = start();
    const outer = state.savepoint();
    state.setBalance(A, 50n);
    state.finalizeTransaction(true);
    const inner = state.savepoint();
    state.setBalance(A, 60n);
    state.finalizeTransaction(true);
    state.rollback(inner);
    expect(state.getBalance(A)).toBe(50n);
    state.rollback(outer);
    expect(state.getBalance(A)).toBe(100n);
  });
});
