/**
 * The incremental root against a from-scratch root after every step of random work (storage writes and
 * clears, balance and nonce changes, new and deleted accounts, contract creation over a balance, reverted
 * frames, roots asked mid-transaction), savepoints rolling back whole transactions, and the StateDiff a
 * committed transaction and a block yield.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { oneShotStateRoot } from '../../src/state/root.js';
import { WorldState } from '../../src/state/world.js';
import { executeTransaction } from '../../src/transition/execute.js';
import { blockEnv, makeState } from '../helpers/run.js';
import { A, B, C, COINBASE, D, E, F, SENDER, prestate, transactions } from './scenario.js';
import { rng } from '../helpers/random.js';

const hex = bytesToHex;

describe('incremental state root', () => {
  it('equals the from-scratch root after every step of 40 random transactions', () => {
    for (const seed of [1, 2, 3]) {
      const next = rng(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const state = makeState(prestate());
      const addresses = [A, B, C, D, E, F, SENDER, ...Array.from({ length: 8 }, (_, i) => '0x' + (0x5000 + i).toString(16).padStart(40, '0'))];
      expect(hex(state.root())).toBe(hex(oneShotStateRoot(state)));
      for (let tx = 0; tx < 40; tx++) {
        state.beginTransaction();
        for (let step = 0; step < 8; step++) {
          const address = pick(addresses);
          const r = next();
          if (r < 0.35) state.setStorage(address, BigInt(Math.floor(next() * 6)), next() < 0.3 ? 0n : BigInt(Math.floor(next() * 1e6)));
          else if (r < 0.55) state.setBalance(address, next() < 0.3 ? 0n : BigInt(Math.floor(next() * 1e9)));
          else if (r < 0.65) state.setNonce(address, BigInt(Math.floor(next() * 3)));
          else if (r < 0.72) state.touch(address);
          else if (r < 0.78) state.markDestructed(address);
          else if (r < 0.83 && !state.hasStorage(address) && state.getNonce(address) === 0n) state.createContractAccount(address, 1n);
          else if (r < 0.9) {
            // A frame that reverts.
            const cp = state.checkpoint();
            state.setStorage(address, 1n, 12345n);
            state.setBalance(address, 1n);
            state.revert(cp);
          } else if (r < 0.95) expect(hex(state.root()), 'mid-transaction').toBe(hex(oneShotStateRoot(state)));
          else state.setCode(address, new Uint8Array([0x60, Math.floor(next() * 256)]));
        }
        state.finalizeTransaction(next() < 0.8);
        expect(hex(state.root()), `seed ${seed} tx ${tx}`).toBe(hex(oneShotStateRoot(state)));
      }
    }
  });

  it('a transaction reverted after a mid-transaction root is forgotten by the next root', () => {
    const state = makeState(prestate());
    const before = hex(state.root());
    state.beginTransaction();
    const cp = state.checkpoint();
    state.setStorage(A, 0n, 1n);
    state.setBalance(C, 5n);
    expect(hex(state.root())).not.toBe(before);
    state.revert(cp);
    expect(hex(state.root())).toBe(before);
  });

  it('a savepoint rolls back a block of transactions, and the root with it', () => {
    for (const fork of [Fork.Shanghai, Fork.Cancun]) {
      const state = makeState(prestate());
      const start = hex(state.root());
      const env = blockEnv();
      const txs = transactions();
      executeTransaction(state, env, txs[0]!, fork);
      const afterFirst = hex(state.root());
      const savepoint = state.savepoint();
      for (const tx of txs.slice(1)) {
        executeTransaction(state, env, tx, fork);
        state.root(); // a root per transaction, as pre-Byzantium receipts need
      }
      expect(state.exists(E)).toBe(false);
      state.rollback(savepoint);
      expect(hex(state.root())).toBe(afterFirst);
      expect(hex(oneShotStateRoot(state))).toBe(afterFirst);
      expect(state.exists(E)).toBe(true);
      expect(state.getNonce(SENDER)).toBe(1n);
      expect(state.getOriginalStorage(D, 1n)).toBe(1n);
      // The same block again gives the same root as the first time.
      for (const tx of txs.slice(1)) executeTransaction(state, env, tx, fork);
      const again = hex(state.root());
      const fresh = makeState(prestate());
      for (const tx of txs) executeTransaction(fresh, env, tx, fork);
      expect(again).toBe(hex(oneShotStateRoot(fresh)));
      expect(start).not.toBe(again);
    }
  });

  it('rollback and revert refuse what they cannot do', () => {
    const state = makeState(prestate());
    state.beginTransaction();
    state.setBalance(A, 1n);
    expect(() => state.savepoint()).toThrow(/a transaction is running/);
    state.finalizeTransaction(true);
    const sp = state.savepoint();
    state.release(sp);
    expect(() => state.rollback(sp)).toThrow(/unknown or released savepoint/);
  });
});

describe('StateDiff', () => {
  it('of a transaction: the accounts and slots it changed, before and after', () => {
    const state = makeState(prestate());
    const env = blockEnv();
    executeTransaction(state, env, transactions()[0]!, Fork.Cancun); // nothing to diff yet: executeTransaction drops it
    state.beginTransaction();
    state.setStorage(A, 0n, 8n); // the value it has (7 + 1): no change
    state.setStorage(A, 2n, 0n);
    state.setStorage(A, 2n, 4n);
    state.setBalance(B, 50n);
    const G = '0x0000000000000000000000000000000000001234';
    state.addBalance(G, 0n); // creates an empty account
    const cp = state.checkpoint();
    state.setStorage(B, 5n, 1n);
    state.setBalance(C, 1n);
    state.revert(cp);
    const diff = state.finalizeTransaction(false);
    expect([...diff.keys()].sort()).toEqual([A, B, G].sort());
    expect(diff.get(A)!.storage).toEqual(new Map([[2n, { before: 3n, after: 4n }]]));
    expect(diff.get(A)!.before).toEqual(diff.get(A)!.after);
    expect(diff.get(B)!.before!.balance).toBe(6n); // 5 + the wei A sent in the first transaction
    expect(diff.get(B)!.after!.balance).toBe(50n);
    expect(diff.get(B)!.storage.size).toBe(0);
    expect(diff.get(G)!.before).toBeNull();
    expect(diff.get(G)!.after).toMatchObject({ nonce: 0n, balance: 0n });
  });

  it('comes with executeTransaction\'s result', () => {
    const state = makeState(prestate());
    const result = executeTransaction(state, blockEnv({ coinbase: COINBASE }), transactions()[0]!, Fork.Cancun);
    const diff = result.diff!;
    expect([...diff.keys()].sort()).toEqual([A, B, C, COINBASE, SENDER].sort());
    expect(diff.get(A)!.storage).toEqual(new Map([[0n, { before: 7n, after: 8n }], [1n, { before: 9n, after: 0n }]]));
    expect(diff.get(A)!.after!.balance).toBe(1000n - 3n);
    expect(diff.get(B)!.storage.get(5n)).toEqual({ before: 100n, after: 101n });
    expect(diff.get(C)).toMatchObject({ before: null, after: { balance: 2n } });
    expect(diff.get(SENDER)!.after!.nonce).toBe(1n);
    expect(executeTransaction(state, blockEnv(), transactions()[0]!, Fork.Cancun).diff).toBeUndefined(); // nonce too low: rejected
  });

  it('of deletions: SELFDESTRUCT (Shanghai) and an EIP-161 touch clear the account and its storage', () => {
    const state = makeState(prestate());
    state.beginTransaction();
    state.touch(E);
    state.setBalance(F, 77n);
    state.setBalance(D, 0n);
    state.markDestructed(D);
    const diff = state.finalizeTransaction(true);
    expect(diff.get(E)).toMatchObject({ after: null, storageCleared: false });
    expect(diff.get(E)!.before).toMatchObject({ nonce: 0n, balance: 0n });
    const d = diff.get(D)!;
    expect(d.after).toBeNull();
    expect(d.before!.balance).toBe(77n);
    expect(d.storageCleared).toBe(true);
    expect(d.storage).toEqual(new Map([[1n, { before: 1n, after: 0n }], [2n, { before: 2n, after: 0n }]]));
    expect(diff.get(F)!.after!.balance).toBe(77n);
  });

  it('of a block: diffSince(savepoint) spans its transactions', () => {
    const state = makeState(prestate());
    const sp = state.savepoint();
    const env = blockEnv({ coinbase: COINBASE });
    for (const tx of transactions()) executeTransaction(state, env, tx, Fork.Cancun);
    const block = state.diffSince(sp);
    expect(block.get(SENDER)!.before!.nonce).toBe(0n);
    expect(block.get(SENDER)!.after!.nonce).toBe(6n);
    expect(block.get(A)!.storage.get(0n)).toEqual({ before: 7n, after: 9n });
    expect(block.get(A)!.storage.get(1n)).toEqual({ before: 9n, after: 0n });
    expect(block.get(E)!.after).toBeNull();
    expect(block.get(COINBASE)!.before).toBeNull();
    state.release(sp);
  });
});
