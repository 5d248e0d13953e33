/**
 * State behind a StateSource: reads through a MemorySource give what the state in memory gives; a source
 * that answers only asynchronously, driven by executeWithFetch, ends in the same results and roots as the
 * whole state in memory; a miss outside the helper is a typed MissingStateError; speculation leaves nothing.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { withStateFetch } from '../../src/state/fetch.js';
import { EMPTY_TRIE_ROOT, oneShotStateRoot } from '../../src/state/root.js';
import { MissingStateError, type MissingState, type StateSource } from '../../src/state/source.js';
import { LazySource, MemorySource } from '../../src/state/sources.js';
import { WorldState } from '../../src/state/world.js';
import { executeTransaction } from '../../src/transition/execute.js';
import { executeWithFetch } from '../../src/transition/fetch.js';
import type { TxResult } from '../../src/transition/types.js';
import { createAddress } from '../../src/primitives/address.js';
import { bytes, sstore } from '../helpers/bytecode.js';
import { account, blockEnv, makeState, transaction } from '../helpers/run.js';
import { A, B, C, D, E, F, SENDER, prestate, transactions } from './scenario.js';

const allocOf = (pre: ReturnType<typeof prestate>) => new Map(Object.entries(pre).map(([a, s]) => [a, account(s)]));
const hex = bytesToHex;
const env = blockEnv();

/** A source that answers nothing synchronously: each fetch resolves after a timer and fills a LazySource from `full`. */
function asyncSource(full: MemorySource): { source: LazySource; fetch: (misses: readonly MissingState[]) => Promise<void>; batches: number[] } {
  const source = new LazySource(full.stateRoot());
  const batches: number[] = [];
  const fetch = async (misses: readonly MissingState[]): Promise<void> => {
    await new Promise((resolve) => setTimeout(resolve, 2));
    batches.push(misses.length);
    for (const m of misses) {
      if (m.kind === 'account') {
        // As a client would: eth_getProof for the account and eth_getCode, in one go.
        source.addProof(full.proof(m.address));
        const info = full.account(m.address);
        if (info !== undefined) source.addCode(full.code(info.codeHash));
      } else if (m.kind === 'storage') source.addProof(full.proof(m.address, [m.slot]));
      else if (m.kind === 'code') source.addCode(full.code(m.codeHash));
      else if (m.kind === 'node') source.addNodes([full.trieNode(m.hash)!]);
      else throw new Error(`unexpected miss ${m.kind}`);
    }
  };
  return { source, fetch, batches };
}

const summary = (r: TxResult): string => `${r.status} ${r.gasUsed} ${hex(r.output)} ${r.logs.length} ${r.error ?? ''}`;

describe('a state over a MemorySource', () => {
  it('reads what the state in memory holds, asking the source once per account and slot', () => {
    const pre = prestate();
    const memory = new MemorySource(allocOf(pre));
    const calls: string[] = [];
    const spy: StateSource = {
      account: (a) => (calls.push(`account ${a}`), memory.account(a)),
      storage: (a, s) => (calls.push(`storage ${a} ${s}`), memory.storage(a, s)),
      code: (h) => (calls.push(`code ${hex(h)}`), memory.code(h)),
      stateRoot: () => memory.stateRoot(),
      trieNode: (h) => memory.trieNode(h),
    };
    const lazy = new WorldState(spy);
    const full = makeState(pre);
    for (const address of [A, B, C, D, E, SENDER]) {
      expect(lazy.getBalance(address)).toBe(full.getBalance(address));
      expect(lazy.getNonce(address)).toBe(full.getNonce(address));
      expect(hex(lazy.getCode(address))).toBe(hex(full.getCode(address)));
      expect(lazy.exists(address)).toBe(full.exists(address));
      for (const slot of [0n, 1n, 2n, 5n, 99n]) expect(lazy.getStorage(address, slot)).toBe(full.getStorage(address, slot));
    }
    const accountCalls = calls.filter((c) => c.startsWith('account')).length;
    expect(accountCalls).toBe(6); // once each, absent ones (C) included
    expect(calls.filter((c) => c.startsWith('storage')).length).toBe(3 * 5); // only A, B, D have storage
    lazy.getBalance(A);
    lazy.getStorage(A, 0n);
    expect(calls.length).toBe(accountCalls + 15 + 3); // cached: nothing new (3 codes were read with their accounts)
    expect(hex(lazy.root())).toBe(hex(full.root()));
  });

  it('takes setup writes between transactions like the state in memory: roots, original values, rollback', () => {
    const full = makeState(prestate());
    const lazy = new WorldState(new MemorySource(allocOf(prestate())));
    const start = hex(lazy.root());
    const sp = lazy.savepoint();
    for (const state of [full, lazy]) {
      state.setStorage(D, 1n, 0n); // clears a slot the source holds
      state.setStorage(A, 4n, 11n);
      state.setBalance(B, 123n);
      state.putAccount(C, { balance: 9n, storage: new Map([[1n, 2n]]) });
      state.putAccount(D, { nonce: 3n }); // replaces an account whose storage is in the source
    }
    expect(hex(lazy.root())).toBe(hex(oneShotStateRoot(full)));
    expect(lazy.getOriginalStorage(A, 4n)).toBe(11n);
    expect(lazy.getStorage(D, 2n)).toBe(0n);
    for (const tx of transactions().slice(0, 1)) {
      expect(summary(executeTransaction(lazy, env, tx, Fork.Cancun))).toBe(summary(executeTransaction(full, env, tx, Fork.Cancun)));
    }
    expect(hex(lazy.root())).toBe(hex(oneShotStateRoot(full)));
    lazy.rollback(sp);
    expect(hex(lazy.root())).toBe(start);
    expect(lazy.getStorage(D, 1n)).toBe(1n);
    expect(lazy.getBalance(C)).toBe(0n);
  });

  it('runs the scenario to the same results and roots as the state in memory (Shanghai and Cancun)', () => {
    for (const fork of [Fork.Shanghai, Fork.Cancun]) {
      const full = makeState(prestate());
      const lazy = new WorldState(new MemorySource(allocOf(prestate())));
      for (const tx of transactions()) {
        expect(summary(executeTransaction(lazy, env, tx, fork))).toBe(summary(executeTransaction(full, env, tx, fork)));
        expect(hex(lazy.root()), `${Fork[fork]} after nonce ${tx.nonce}`).toBe(hex(oneShotStateRoot(full)));
      }
      expect(lazy.exists(E)).toBe(false);
      expect(lazy.getBalance(F)).toBe(full.getBalance(F));
    }
  });

  it('two states over one source do not see each other', () => {
    const memory = new MemorySource(allocOf(prestate()));
    const one = new WorldState(memory);
    const two = new WorldState(memory);
    one.setBalance(A, 1n);
    one.finalizeTransaction(true);
    expect(two.getBalance(A)).toBe(1000n);
    expect(hex(two.root())).toBe(hex(memory.stateRoot()));
    expect(hex(one.root())).not.toBe(hex(memory.stateRoot()));
  });
});

describe('a source that answers only asynchronously', () => {
  it('executeWithFetch gets the same results and roots as the whole state in memory', async () => {
    for (const fork of [Fork.Shanghai, Fork.Cancun]) {
      const full = makeState(prestate());
      const { source, fetch, batches } = asyncSource(new MemorySource(allocOf(prestate())));
      const lazy = new WorldState(source);
      for (const tx of transactions()) {
        const expected = executeTransaction(full, env, tx, fork);
        const got = await executeWithFetch(lazy, env, tx, fork, fetch);
        expect(summary(got)).toBe(summary(expected));
        const root = await withStateFetch(lazy, () => lazy.root(), fetch);
        expect(hex(root), `${Fork[fork]} after nonce ${tx.nonce}`).toBe(hex(oneShotStateRoot(full)));
      }
      // Misses of one run are fetched together, not one by one.
      expect(batches.length).toBeGreaterThan(0);
      expect(Math.max(...batches)).toBeGreaterThan(1);
      expect(lazy.getStorage(A, 0n)).toBe(9n);
    }
  });

  it('BLOCKHASH through the source: a miss is fetched like state', async () => {
    const code = '0x' + '6000' + '40' + '6000' + '55' + '00'; // SSTORE(0, BLOCKHASH(0))
    const pre = { ...prestate(), [A]: { balance: 0n, nonce: 1n, code } };
    const full = makeState(pre);
    const hashOf = (n: bigint): bigint => 0x1000n + n;
    executeTransaction(full, blockEnv({ blockHash: hashOf }), transactions()[0]!, Fork.Cancun);
    const { source, fetch } = asyncSource(new MemorySource(allocOf(pre)));
    const state = new WorldState(source);
    const asked: bigint[] = [];
    const fetchAll = async (misses: readonly MissingState[]): Promise<void> => {
      for (const m of misses) if (m.kind === 'blockHash') (asked.push(m.number), source.addBlockHash(m.number, hashOf(m.number)));
      await fetch(misses.filter((m) => m.kind !== 'blockHash'));
    };
    const env2 = blockEnv({ blockHash: (n) => state.blockHash(n) });
    await executeWithFetch(state, env2, transactions()[0]!, Fork.Cancun, fetchAll);
    expect(asked).toEqual([0n]);
    expect(state.getStorage(A, 0n)).toBe(0x1000n);
    expect(hex(await withStateFetch(state, () => state.root(), fetch))).toBe(hex(oneShotStateRoot(full)));
  });

  it('EIP-7610: creating over an account whose storage is in the source collides, as in memory', async () => {
    const target = createAddress(SENDER, 0n);
    const pre = { ...prestate(), [target]: { balance: 1n, storage: { '3': 4n } } };
    const tx = transaction({ to: null, nonce: 0n, data: bytes(sstore(0, 1)) });
    const full = makeState(pre);
    const expected = executeTransaction(full, env, tx, Fork.Cancun);
    expect(expected.status).toBe('halt');
    const { source, fetch } = asyncSource(new MemorySource(allocOf(pre)));
    const state = new WorldState(source);
    expect(summary(await executeWithFetch(state, env, tx, Fork.Cancun, fetch))).toBe(summary(expected));
    expect(state.getAccount(target)!.sourceRoot).not.toBeNull(); // its storage stayed in the source
    expect(hex(await withStateFetch(state, () => state.root(), fetch))).toBe(hex(oneShotStateRoot(full)));
  });

  it('outside the helper a miss is a MissingStateError naming the account or slot', () => {
    const full = new MemorySource(allocOf(prestate()));
    const source = new LazySource(full.stateRoot());
    const state = new WorldState(source);
    const miss = (fn: () => unknown): MissingStateError => {
      try {
        fn();
      } catch (e) {
        if (e instanceof MissingStateError) return e;
        throw e;
      }
      throw new Error('no miss');
    };
    const e1 = miss(() => state.getBalance(A));
    expect(e1.address).toBe(A);
    expect(e1.slot).toBeUndefined();
    expect(e1.missing.kind).toBe('account');
    expect(e1.message).toBe(`missing state: account ${A}`);
    source.addProof(full.proof(A));
    source.addCode(full.code(full.account(A)!.codeHash));
    expect(state.getBalance(A)).toBe(1000n);
    const e2 = miss(() => state.getStorage(A, 2n));
    expect([e2.address, e2.slot, e2.missing.kind]).toEqual([A, 2n, 'storage']);
    source.addProof(full.proof(A, [2n]));
    expect(state.getStorage(A, 2n)).toBe(3n);
  });

  it('withStateFetch says what a fetch failed to supply', async () => {
    const state = new WorldState(new LazySource(EMPTY_TRIE_ROOT));
    await expect(withStateFetch(state, () => state.getBalance(A), async () => {})).rejects.toThrow(`withStateFetch: the fetch did not supply account ${A}`);
  });

  it('a run that missed state leaves nothing behind but what it read for real', () => {
    const full = new MemorySource(allocOf(prestate()));
    const source = new LazySource(full.stateRoot());
    source.addProof(full.proof(SENDER));
    const state = new WorldState(source);
    const outcome = state.speculate(() => executeTransaction(state, env, transactions()[0]!, Fork.Cancun));
    expect(outcome.value).toBeUndefined();
    expect(outcome.misses.map((m) => m.kind)).toContain('account');
    // The sender was read for real and stays cached; A (a stand-in: no account) is forgotten.
    expect([...state.allAccounts()].map(([a]) => a)).toEqual([SENDER]);
    expect(state.getBalance(SENDER)).toBe(10n ** 18n);
    expect(state.getNonce(SENDER)).toBe(0n);
  });
});
