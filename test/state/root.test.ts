/**
 * State root and logs hash against known vectors. Pre-states are written out literally from official
 * GeneralStateTests fixtures whose transaction is rejected (expectException), so the post `hash` is the
 * root of the `pre` alloc; add11 checks a root after a real transaction.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bigIntToMinimalBytes, bytesToHex } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { rlpEncode } from '../../src/primitives/rlp.js';
import { Account } from '../../src/state/account.js';
import { accountLeaf, slotValue } from '../../src/state/state-trie.js';
import { logsHash } from '../../src/state/logs.js';
import { EMPTY_TRIE_ROOT, stateRoot } from '../../src/state/root.js';
import { WorldState } from '../../src/state/world.js';
import { executeTransaction } from '../../src/transition/execute.js';
import { blockEnv, makeState, transaction } from '../helpers/run.js';

const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const ONE_ETHER = 0x0de0b6b3a7640000n;
const root = (s: WorldState): string => bytesToHex(stateRoot(s));

describe('state root', () => {
  it('of the empty state is keccak256(rlp(""))', async () => {
    expect(await root(new WorldState())).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
    expect(bytesToHex(EMPTY_TRIE_ROOT)).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
  });
  it('stEIP1559/lowFeeCap pre-state (2 accounts, code, no storage)', async () => {
    const s = makeState({
      [SENDER]: { balance: ONE_ETHER, nonce: 1n },
      '0xcccccccccccccccccccccccccccccccccccccccc': { balance: ONE_ETHER, code: '0x600260005500' },
    });
    expect(await root(s)).toBe('0x716ece27b2ad0ec9edbb6bd19f1c37b65f48f10d9c0251b309b14354353da8c7');
  });
  it('stEIP1559/lowGasLimit pre-state (with a storage slot)', async () => {
    const s = makeState({
      [SENDER]: { balance: ONE_ETHER, nonce: 1n },
      '0xcccccccccccccccccccccccccccccccccccccccc': { balance: ONE_ETHER, code: '0x600260005500', storage: { '0x00': 0x60a7n } },
    });
    expect(await root(s)).toBe('0xb2b8d1860969ed21cd1eee5c69206176b951fbf820ee6b7f8ad84e8234094a5e');
  });
  it('Cancun/stEIP4844-blobtransactions/emptyBlobhashList pre-state', async () => {
    const s = makeState({
      '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { balance: ONE_ETHER, code: '0x60004960005500' },
      [SENDER]: { balance: ONE_ETHER },
    });
    expect(await root(s)).toBe('0x668817abd521eb1401e0b8e52014bf6e36346dc786bf9084f3f03ac09b2ffaa2');
  });
  it('a zero-valued storage slot does not change the root', async () => {
    const s = makeState({
      [SENDER]: { balance: ONE_ETHER, nonce: 1n },
      '0xcccccccccccccccccccccccccccccccccccccccc': { balance: ONE_ETHER, code: '0x600260005500', storage: { '0x05': 0n } },
    });
    s.setStorage('0xcccccccccccccccccccccccccccccccccccccccc', 6n, 0n);
    expect(await root(s)).toBe('0x716ece27b2ad0ec9edbb6bd19f1c37b65f48f10d9c0251b309b14354353da8c7');
  });
  it('stExample/add11 after its transaction (Cancun)', async () => {
    const s = makeState({
      '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { balance: ONE_ETHER, code: '0x600160010160005500' },
      '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba': { nonce: 1n },
      [SENDER]: { balance: ONE_ETHER },
    });
    const r = executeTransaction(
      s,
      blockEnv({ baseFee: 10n, gasLimit: 0xff112233445566n }),
      transaction({ to: '0x095e7baea6a6c7c4c2dfeb977efac326af552d87', gasLimit: 0x061a80n, gasPrice: 10n, value: 0x0186a0n }),
      Fork.Cancun,
    );
    expect(r.status).toBe('success');
    expect(await root(s)).toBe('0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530');
    expect(bytesToHex(logsHash(r.logs))).toBe('0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347');
  });
});

describe('logs hash', () => {
  it('of no logs is keccak256(rlp([])) = 0x1dcc…9347', () => {
    expect(bytesToHex(logsHash([]))).toBe('0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347');
  });
});

describe('trie leaves written by hand', () => {
  const edges = [0n, 1n, 0x7fn, 0x80n, 0xffn, 0x100n, (1n << 64n) - 1n, 1n << 64n, (1n << 255n) + 3n, (1n << 256n) - 1n];
  it('slotValue is rlp(minimal bytes) and empty for zero', () => {
    for (const v of edges) expect(bytesToHex(slotValue(v)), String(v)).toBe(v === 0n ? '0x' : bytesToHex(rlpEncode(bigIntToMinimalBytes(v))));
  });
  it('accountLeaf is rlp([nonce, balance, storageRoot, codeHash])', () => {
    const storageRoot = keccak256(new Uint8Array([1]));
    for (const nonce of [0n, 1n, 0x7fn, 0x80n, (1n << 64n) - 1n]) {
      for (const balance of edges) {
        const account = new Account(nonce, balance, new Uint8Array([0x60, 0x00]));
        const expected = rlpEncode([bigIntToMinimalBytes(nonce), bigIntToMinimalBytes(balance), storageRoot, account.codeHash]);
        expect(bytesToHex(accountLeaf(account, storageRoot)), `${nonce} ${balance}`).toBe(bytesToHex(expected));
      }
    }
  });
});
