/**
 * The case runner: the filler's block-reward step (the coinbase touch after a rejected transaction), and the
 * first difference against execution-spec-tests' full post-state on a root mismatch.
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { stateRoot } from '../../src/state/root.js';
import { parseFixture } from '../../src/statetest/load.js';
import { runCase } from '../../src/statetest/runner.js';
import { makeState, type AccountSpec } from '../helpers/run.js';

const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
const COINBASE = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';
const TARGET = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87';
const LOGS = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';
const ONE_ETHER = 10n ** 18n;

const rootOf = (accounts: Record<string, AccountSpec>): string => bytesToHex(stateRoot(makeState(accounts)));

/** One case on `fork`: the transaction has nonce 5 against an account nonce of 0, so it is rejected. */
function rejectedCase(fork: string, hash: string, options: { eest?: boolean; coinbase?: boolean } = {}) {
  const pre: Record<string, unknown> = { [SENDER]: { balance: '0x0de0b6b3a7640000', nonce: '0x00', code: '0x', storage: {} } };
  if (options.coinbase) pre[COINBASE] = { balance: '0x00', nonce: '0x00', code: '0x', storage: {} };
  const test = {
    env: { currentCoinbase: COINBASE, currentNumber: '0x1', currentTimestamp: '0x3e8', currentGasLimit: '0x1000000', currentDifficulty: '0x20000' },
    pre,
    transaction: { data: ['0x'], gasLimit: ['0x5208'], value: ['0x0'], nonce: '0x05', gasPrice: '0x0a', secretKey: KEY, to: TARGET },
    post: { [fork]: [{ hash, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 }, expectException: 'TR_NonceTooHigh' }] },
    ...(options.eest ? { _info: { 'filling-transition-tool': 'ethereum-spec-evm', 'fixture-format': 'state_test' } } : {}),
  };
  return parseFixture(JSON.stringify({ t: test }), 'f.json').cases[0];
}

describe('runCase: the block-reward step after a rejected transaction', () => {
  const pre = { [SENDER]: { balance: ONE_ETHER } };
  const withCoinbase = { ...pre, [COINBASE]: {} };

  it('before EIP-158, an ethereum/tests fixture expects the absent coinbase as an empty account', () => {
    const r = runCase(rejectedCase('Frontier', rootOf(withCoinbase)));
    expect(r.error).toBeUndefined();
    expect(r.stateRoot).toBe(rootOf(withCoinbase));
    expect(runCase(rejectedCase('EIP150', rootOf(withCoinbase))).pass).toBe(true);
  });

  it('from EIP-158 on, the touched empty coinbase is deleted, even when it was in the pre-state', () => {
    expect(runCase(rejectedCase('EIP158', rootOf(pre))).pass).toBe(true);
    const r = runCase(rejectedCase('Cancun', rootOf(pre), { coinbase: true }));
    expect(r.error).toBeUndefined();
  });

  it('an execution-spec-tests fixture (filled with no block reward) expects the state untouched', () => {
    expect(runCase(rejectedCase('Frontier', rootOf(pre), { eest: true })).pass).toBe(true);
    expect(runCase(rejectedCase('Cancun', rootOf(withCoinbase), { eest: true, coinbase: true })).pass).toBe(true);
  });
});

describe('runCase: a root mismatch names the first difference', () => {
  it('compares with post[fork][i].state when the fixture has it', () => {
    const c = rejectedCase('Cancun', '0x' + '00'.repeat(32), { eest: true });
    const state = {
      [SENDER]: { balance: '0x0de0b6b3a7640001', nonce: '0x00', code: '0x', storage: {} },
    };
    const r = runCase({ ...c, expectedState: state });
    expect(r.pass).toBe(false);
    expect(r.error).toBe(
      `state root mismatch: got ${rootOf({ [SENDER]: { balance: ONE_ETHER } })}, want 0x${'00'.repeat(32)}; ` +
        `first difference: ${SENDER}: balance: got 0xde0b6b3a7640000, want 0xde0b6b3a7640001`,
    );
    const storage = runCase({ ...c, expectedState: { [SENDER]: { ...state[SENDER], balance: '0x0de0b6b3a7640000', storage: { '0x01': '0x02' } } } });
    expect(storage.error).toMatch(/first difference: 0xa94f.*: storage\[0x1\]: got 0x0, want 0x2$/);
    const missing = runCase({ ...c, expectedState: { ...state, [TARGET]: { balance: '0x1', nonce: '0x0', code: '0x', storage: {} } } });
    expect(missing.error).toMatch(/first difference: 0x095e7baea6a6c7c4c2dfeb977efac326af552d87: missing, want an account/);
    expect(runCase({ ...c, expectedState: 7 }).error).toMatch(/post state unreadable: state: expected an object$/);
  });
});
