import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { FixtureError, loadFixtureFile, parseFixture } from '../../src/statetest/load.js';
import { stateTestBlockHash } from '../../src/statetest/env.js';
import { keccak256 } from '../../src/primitives/keccak.js';

const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
const ROOT = '0x' + '11'.repeat(32);
const LOGS = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';

/** A minimal valid test; `tx` and `post` override parts of it. */
function fixture(tx: Record<string, unknown> = {}, post?: unknown, env: Record<string, unknown> = {}): string {
  const test = {
    env: {
      currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
      currentNumber: '0x1',
      currentTimestamp: '0x03e8',
      currentGasLimit: '0x05500000',
      currentDifficulty: '0x020000',
      ...env,
    },
    pre: {
      [SENDER]: { balance: '0xde0b6b3a7640000', nonce: '0x00', code: '0x', storage: {} },
      '0x095E7BAEA6A6C7C4C2DFEB977EFAC326AF552D87': { balance: '0', nonce: '1', code: '0x600160005500', storage: { '0x1': '0x02', '0x00': '0x0' } },
    },
    transaction: {
      data: ['0x', '0x01'],
      gasLimit: ['0x5208', '0x061a80'],
      value: ['0xa'],
      nonce: '0x00',
      gasPrice: '0x0a',
      secretKey: KEY,
      to: '0x095e7baea6a6c7c4c2dfeb977efac326af552d87',
      ...tx,
    },
    post: post ?? {
      Cancun: [
        { hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 } },
        { hash: ROOT, logs: LOGS, indexes: { data: 1, gas: 1, value: 0 } },
      ],
      Shanghai: [{ hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 1, value: 0 } }],
    },
  };
  return JSON.stringify({ t1: test });
}

describe('parseFixture', () => {
  it('parses a valid test: env, pre, cases per fork and index', () => {
    const { cases, skipped } = parseFixture(fixture(), 'f.json');
    expect(skipped).toEqual([]);
    expect(cases.map((c) => [c.forkName, c.postIndex, c.index.data, c.index.gas])).toEqual([
      ['Cancun', 0, 0, 0],
      ['Cancun', 1, 1, 1],
      ['Shanghai', 0, 0, 1],
    ]);
    const c = cases[1];
    expect(c.fork).toBe(Fork.Cancun);
    expect(c.tx?.sender).toBe(SENDER); // derived from secretKey
    expect(c.tx?.type).toBe(0);
    expect(c.tx?.gasLimit).toBe(0x061a80n);
    expect(bytesToHex(c.tx!.data)).toBe('0x01');
    expect(c.env.prevRandao).toBe(0x020000n); // defaults to the difficulty
    expect(c.env.baseFee).toBe(0n);
    expect(c.env.chainId).toBe(1n);
    const acct = c.pre.get('0x095e7baea6a6c7c4c2dfeb977efac326af552d87')!;
    expect(acct.nonce).toBe(1n);
    expect([...acct.storage]).toEqual([[1n, 2n]]); // zero values dropped, keys unpadded
    expect(c.expectedHash).toBe(ROOT);
  });

  it('accepts odd-length, zero-padded and decimal numbers', () => {
    const { cases } = parseFixture(fixture({ gasLimit: ['0x00005208', '0x61a80'], nonce: '0', gasPrice: '10' }), 'f.json');
    expect(cases[0].tx?.gasLimit).toBe(0x5208n);
    expect(cases[1].tx?.gasLimit).toBe(0x61a80n);
    expect(cases[0].tx).toMatchObject({ type: 0, gasPrice: 10n });
  });

  it('treats to: "" as a creation and prefers the sender field', () => {
    const other = '0x' + 'ab'.repeat(20);
    const { cases } = parseFixture(fixture({ to: '', sender: other }), 'f.json');
    expect(cases[0].tx?.to).toBeNull();
    expect(cases[0].tx?.sender).toBe(other);
  });

  it('makes a 0x:bigint value overflow an invalid transaction, not a load error', () => {
    const big = '0x:bigint 0x10000000000000000000000000000000000000000000000000000000000000001';
    const post = { Cancun: [{ hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 }, expectException: 'TransactionException.RLP_INVALID_VALUE' }] };
    const { cases } = parseFixture(fixture({ value: [big] }, post), 'f.json');
    expect(cases[0].tx).toBeNull();
    expect(cases[0].txError).toMatch(/value exceeds 256 bits/);
    expect(cases[0].expectException).toBe('TransactionException.RLP_INVALID_VALUE');
  });

  it('picks the tx type: access list (non-null entry) 1, fee market 2, blob 3', () => {
    const list = [{ address: '0x095e7baea6a6c7c4c2dfeb977efac326af552d87', storageKeys: ['0x01', '0x00'] }];
    const typed = parseFixture(fixture({ accessLists: [null, list] }), 'f.json').cases;
    expect(typed[0].tx?.type).toBe(0);
    expect(typed[1].tx?.type).toBe(1);
    expect(typed[1].tx).toMatchObject({ accessList: [{ address: list[0].address, storageKeys: [1n, 0n] }] });
    const fee = { gasPrice: undefined, maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x1' };
    expect(parseFixture(fixture(fee), 'f.json').cases[0].tx?.type).toBe(2);
    const blob = { ...fee, maxFeePerBlobGas: '0x1', blobVersionedHashes: ['0x01' + '00'.repeat(31)] };
    const c = parseFixture(fixture(blob), 'f.json').cases[0];
    expect(c.tx?.type).toBe(3);
    expect(c.tx).toMatchObject({ blobVersionedHashes: [expect.any(Uint8Array)] });
  });

  it('reads env defaults and config.chainid', () => {
    const text = fixture({}, undefined, { currentBaseFee: '0x07', currentRandom: '0x' + '00'.repeat(31) + '05', currentExcessBlobGas: '0x0e0000' });
    const withConfig = JSON.parse(text);
    withConfig.t1.config = { chainid: '0x05' };
    const c = parseFixture(JSON.stringify(withConfig), 'f.json').cases[0];
    expect(c.env.baseFee).toBe(7n);
    expect(c.env.prevRandao).toBe(5n);
    expect(c.env.excessBlobGas).toBe(0xe0000n);
    expect(c.env.chainId).toBe(5n);
  });

  it('BLOCKHASH is keccak256 of the decimal block number', () => {
    const expected = BigInt(bytesToHex(keccak256(new TextEncoder().encode('12'))));
    expect(stateTestBlockHash(12n)).toBe(expected);
  });

  it('skips unknown forks with a reason, and applies the fork/run/index filter', () => {
    const post = { Amsterdam: [{ hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 } }], Cancun: [{ hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 } }] };
    const all = parseFixture(fixture({}, post), 'f.json');
    expect(all.cases.length).toBe(1);
    expect(all.skipped).toEqual([{ file: 'f.json', name: 't1', forkName: 'Amsterdam', reason: 'fork Amsterdam not supported' }]);
    expect(parseFixture(fixture(), 'f.json', { fork: Fork.Shanghai }).cases.length).toBe(1);
    expect(parseFixture(fixture(), 'f.json', { index: 1 }).cases.length).toBe(1);
    expect(parseFixture(fixture(), 'f.json', { run: /^nope$/ }).cases.length).toBe(0);
  });

  it('names the file, test and field of a bad value', () => {
    const bad = fixture({ gasLimit: ['0x5208', '0x10', '0xzz'] });
    expect(() => parseFixture(bad, 'stExample/foo.json')).toThrow(
      new FixtureError("stExample/foo.json: test 't1': transaction.gasLimit[2]: invalid hex"),
    );
  });

  it('reports a missing field', () => {
    const t = JSON.parse(fixture());
    delete t.t1.transaction.nonce;
    expect(() => parseFixture(JSON.stringify(t), 'a.json')).toThrow("a.json: test 't1': transaction.nonce: missing field");
    const u = JSON.parse(fixture());
    delete u.t1.env;
    expect(() => parseFixture(JSON.stringify(u), 'a.json')).toThrow("a.json: test 't1': env: missing field");
  });

  it('reports an index out of range', () => {
    const post = { Cancun: [{ hash: ROOT, logs: LOGS, indexes: { data: 5, gas: 0, value: 0 } }] };
    expect(() => parseFixture(fixture({}, post), 'a.json')).toThrow("a.json: test 't1': post.Cancun[0].indexes.data: 5 out of range");
  });

  it('reports bad JSON and an unreadable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-load-'));
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ "t1": ');
    await expect(loadFixtureFile(file)).rejects.toThrow(`${file}: invalid JSON`);
    await expect(loadFixtureFile(join(dir, 'missing.json'))).rejects.toThrow('cannot read: no such file or directory');
  });

  describe('execution-spec-tests format', () => {
    const AUTH = {
      chainId: '0x00',
      address: '0x' + 'd1'.repeat(20),
      nonce: '0x00',
      v: '0x01',
      r: '0x4f15ccc0d9bf3764fbd1d8ca5080bed22e1aca53c61134017502c78b4a1bbf44',
      s: '0x06c20bfe36dc74f3e0175bc9e5b7aac3dc6b2be918b48c26c30a947bd36392bd',
      signer: '0x4c27a74c25067330da74487a844de15e7747b7ee',
      yParity: '0x01',
    };
    const fee = { gasPrice: undefined, maxFeePerGas: '0x10', maxPriorityFeePerGas: '0x1', accessLists: [[]] };

    it('reads authorizationList into a type-4 transaction (signer checked for shape, not used)', () => {
      const c = parseFixture(fixture({ ...fee, authorizationList: [AUTH] }), 'f.json').cases[0];
      expect(c.tx).toMatchObject({
        type: 4,
        authorizationList: [{ chainId: 0n, address: AUTH.address, nonce: 0n, yParity: 1, r: BigInt(AUTH.r), s: BigInt(AUTH.s) }],
      });
      expect(() => parseFixture(fixture({ ...fee, authorizationList: [{ ...AUTH, signer: '0x12' }] }), 'f.json')).toThrow(
        "f.json: test 't1': transaction.authorizationList[0].signer: invalid address '0x12': expected 0x followed by 40 hex digits",
      );
    });

    it('makes a field out of range, or a type-4 creation, an invalid transaction rather than a load error', () => {
      const overflow = parseFixture(fixture({ ...fee, authorizationList: [{ ...AUTH, nonce: '0x010000000000000000' }] }), 'f.json');
      expect(overflow.cases[0].tx).toBeNull();
      expect(overflow.cases[0].txError).toBe('authorizationList[0].nonce out of range');
      const parity = parseFixture(fixture({ ...fee, authorizationList: [{ ...AUTH, yParity: '0x0100' }] }), 'f.json');
      expect(parity.cases[0].txError).toBe('authorizationList[0].yParity out of range');
      const create = parseFixture(fixture({ ...fee, to: '', authorizationList: [AUTH] }), 'f.json');
      expect(create.cases[0].txError).toBe('a type 4 transaction cannot create a contract');
    });

    it('takes the type from the fields: authorizationList 4 even beside blob and fee fields', () => {
      const blob = { ...fee, maxFeePerBlobGas: '0x1', blobVersionedHashes: ['0x01' + '00'.repeat(31)] };
      expect(parseFixture(fixture({ ...blob, authorizationList: [AUTH] }), 'f.json').cases[0].tx?.type).toBe(4);
      expect(parseFixture(fixture(blob), 'f.json').cases[0].tx?.type).toBe(3);
    });

    it('reads a missing `to` as a creation', () => {
      const t = JSON.parse(fixture());
      delete t.t1.transaction.to;
      expect(parseFixture(JSON.stringify(t), 'f.json').cases[0].tx?.to).toBeNull();
    });

    it('reads config.blobSchedule into the env of its fork only', () => {
      const t = JSON.parse(fixture());
      t.t1.config = { chainid: '0x01', blobSchedule: { Cancun: { target: '0x03', max: '0x06', baseFeeUpdateFraction: '0x32f0ed' } } };
      const [cancun, , shanghai] = parseFixture(JSON.stringify(t), 'f.json').cases;
      expect(cancun.env.blobSchedule).toEqual({ target: 3, max: 6, baseFeeUpdateFraction: 3338477n });
      expect(shanghai.env.blobSchedule).toBeUndefined();
      t.t1.config.blobSchedule.Cancun.baseFeeUpdateFraction = '0x0';
      expect(() => parseFixture(JSON.stringify(t), 'f.json')).toThrow('config.blobSchedule.Cancun.baseFeeUpdateFraction: must not be 0');
    });

    it('keeps post state and several exception names; knows the filler from _info', () => {
      const post = { Prague: [{ hash: ROOT, logs: LOGS, indexes: { data: 0, gas: 0, value: 0 }, state: { [SENDER]: { balance: '0x1' } }, expectException: 'TransactionException.A|TransactionException.B' }] };
      const t = JSON.parse(fixture({}, post));
      const legacy = parseFixture(JSON.stringify(t), 'f.json').cases[0];
      expect(legacy.expectedState).toEqual({ [SENDER]: { balance: '0x1' } });
      expect(legacy.expectException).toBe('TransactionException.A|TransactionException.B');
      expect(legacy.blockReward).toBe(0n);
      t.t1._info = { 'filling-transition-tool': '2.18.0rc6', 'fixture-format': 'state_test' };
      expect(parseFixture(JSON.stringify(t), 'f.json').cases[0].blockReward).toBeNull();
    });
  });
});
