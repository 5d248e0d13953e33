// The t8n library entry on its own: the reward's -1 and 0, the env values derived from the parent's, the
// block-level checks, signing and signature checks, rejections that let the rest go on, --state-test.
import { describe, expect, it } from 'vitest';
import { DAO_REFUND_CONTRACT } from '../../src/block/dao.js';
import { withdrawalsRoot } from '../../src/block/roots.js';
import { SYSTEM_CONTRACTS } from '../../src/block/system.js';
import { bytesToBigInt, bytesToHex } from '../../src/primitives/bytes.js';
import { rlpDecode } from '../../src/primitives/rlp.js';
import { T8nError } from '../../src/t8n/errors.js';
import { transition, type T8nOptions } from '../../src/t8n/transition.js';

const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8';
const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const COINBASE = '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const TO = '0x1000000000000000000000000000000000000000';
const ZERO32 = '0x' + '0'.repeat(64);

const funded = { [SENDER]: { balance: '0x0de0b6b3a7640000' } };
const baseEnv = { currentCoinbase: COINBASE, currentGasLimit: '0x1000000', currentNumber: '1', currentTimestamp: '1000', currentDifficulty: '0x20000' };
const postMerge = { ...baseEnv, currentDifficulty: undefined, currentRandom: '0x01', currentBaseFee: '0x7', withdrawals: [], parentBeaconBlockRoot: ZERO32 };
const legacy = (nonce: number, extra: object = {}) => ({ type: '0x0', nonce: `0x${nonce.toString(16)}`, gas: '0x5208', gasPrice: '0xa', value: '0x1', input: '0x', to: TO, secretKey: KEY, ...extra });

type Result = Record<string, unknown> & { rejected?: { index: number; error: string }[]; receipts: Record<string, string>[] };

function t8n(alloc: object, env: object, txs: unknown[], options: Partial<T8nOptions> = {}) {
  const out = transition({ alloc, env, txs: { json: txs } }, { fork: 'Cancun', chainId: 1n, reward: 0n, ...options });
  return { alloc: out.alloc as Record<string, Record<string, unknown>>, result: out.result as Result, body: out.body };
}

function failure(run: () => unknown): [number, string] {
  try {
    run();
  } catch (e) {
    if (e instanceof T8nError) return [e.exitCode, e.message];
    throw e;
  }
  throw new Error('no T8nError');
}

describe('the block reward (--state.reward)', () => {
  const emptyCoinbase = { ...funded, [COINBASE]: { balance: '0x0' } };
  const rejected = [legacy(5)]; // nonce too high: nothing of it runs

  it('0 touches the coinbase: from EIP-158 an empty one is deleted, before it an absent one is created', () => {
    expect(t8n(emptyCoinbase, postMerge, rejected, { reward: 0n }).alloc[COINBASE]).toBeUndefined();
    expect(t8n(funded, baseEnv, rejected, { fork: 'Homestead', reward: 0n }).alloc[COINBASE]).toEqual({ balance: '0x0' });
  });

  it('-1 pays and touches nothing', () => {
    expect(t8n(emptyCoinbase, postMerge, rejected, { reward: -1n }).alloc[COINBASE]).toEqual({ balance: '0x0' });
    expect(t8n(funded, baseEnv, rejected, { fork: 'Homestead', reward: -1n }).alloc[COINBASE]).toBeUndefined();
  });

  it('is paid at any fork when given, after the fees', () => {
    const { alloc } = t8n(funded, baseEnv, [legacy(0)], { fork: 'Berlin', reward: 2n * 10n ** 18n });
    expect(BigInt(alloc[COINBASE].balance as string)).toBe(2n * 10n ** 18n + 21000n * 10n);
  });

  it('an uncle more than 8 blocks old would get a negative reward: exit code 3', () => {
    const env = { ...baseEnv, currentNumber: '20', ommers: [{ delta: 9, address: TO }] };
    expect(failure(() => t8n(funded, env, [], { fork: 'Byzantium', reward: 8n }))).toEqual([3, "env.ommers[0].delta: 9 above 8 gives the uncle's miner a negative reward"]);
  });
});

describe('env values derived from the parent\'s', () => {
  it('the base fee (EIP-1559): a full parent raises it by 1/8; the London fork block starts at 1 gwei', () => {
    const env = { ...baseEnv, currentNumber: '6', parentBaseFee: '1000', parentGasUsed: '0x1000000', parentGasLimit: '0x1000000' };
    expect(t8n(funded, env, [], { fork: 'London' }).result.currentBaseFee).toBe('0x465'); // 1000 + 1000/8
    expect(t8n(funded, { ...env, currentNumber: '5' }, [], { fork: 'BerlinToLondonAt5' }).result.currentBaseFee).toBe('0x3b9aca00');
    expect(failure(() => t8n(funded, baseEnv, [], { fork: 'London' }))[0]).toBe(3);
  });

  it('the difficulty (Yellow Paper 4.4.3): Homestead ±1/2048 per 10 s, Byzantium counts the parent\'s uncles', () => {
    const parent = { ...baseEnv, currentDifficulty: undefined, parentDifficulty: '0x100000', parentTimestamp: '999' };
    expect(t8n(funded, parent, [], { fork: 'Homestead' }).result.currentDifficulty).toBe('0x100200'); // + 0x100000/2048
    expect(t8n(funded, { ...parent, parentTimestamp: '980' }, [], { fork: 'Homestead' }).result.currentDifficulty).toBe('0xffe00'); // 20 s: -1 step
    const uncles = { ...parent, parentTimestamp: '990', parentUncleHash: '0x' + '11'.repeat(32) };
    expect(t8n(funded, uncles, [], { fork: 'Byzantium' }).result.currentDifficulty).toBe('0x100200'); // factor 2 - 10/9 = 1
    expect(t8n(funded, { ...uncles, parentUncleHash: undefined }, [], { fork: 'Byzantium' }).result.currentDifficulty).toBe('0x100000');
    // Never below the minimum difficulty of 131072.
    expect(t8n(funded, { ...parent, parentDifficulty: '0x20000', parentTimestamp: '980' }, [], { fork: 'Homestead' }).result.currentDifficulty).toBe('0x20000');
    expect(failure(() => t8n(funded, { ...parent, parentTimestamp: '1000' }, [], { fork: 'Homestead' }))).toEqual([3, 'env: currentDifficulty cannot be derived: currentTimestamp 1000 must be after parentTimestamp 1000']);
  });

  it('the excess blob gas (EIP-4844): six blobs over a target of three leave three blobs\' worth', () => {
    const env = { ...postMerge, parentExcessBlobGas: '0x0', parentBlobGasUsed: '0xc0000' };
    expect(t8n(funded, env, []).result).toMatchObject({ currentExcessBlobGas: '0x60000', blobGasUsed: '0x0' });
  });

  it('a blob transaction without an excess blob gas to price it is rejected, as geth does', () => {
    const blob = { ...legacy(0), type: '0x3', chainId: '0x1', maxFeePerGas: '0xa', maxPriorityFeePerGas: '0x1', maxFeePerBlobGas: '0x1', blobVersionedHashes: ['0x01' + '00'.repeat(31)] };
    const { result } = t8n(funded, postMerge, [blob, legacy(0)]);
    expect(result.rejected).toEqual([{ index: 0, error: expect.stringMatching(/^blob transaction, but the env has no currentExcessBlobGas/) }]);
    expect(result.receipts).toHaveLength(1);
    expect(result.currentExcessBlobGas).toBeUndefined();
  });
});

describe('transactions', () => {
  it('legacy ones are signed with EIP-155 unless protected is false; a signed one is checked by recovering its sender', () => {
    const v = (body: string, i: number) => bytesToBigInt((rlpDecode(Buffer.from(body.slice(2), 'hex')) as Uint8Array[][])[i][6]);
    const { body } = t8n(funded, postMerge, [legacy(0), legacy(1, { protected: false })]);
    expect([37n, 38n]).toContain(v(body, 0)); // chain id 1: 35 + 2 + parity
    expect([27n, 28n]).toContain(v(body, 1));
  });

  it('a signature that recovers no sender is rejected and the next transaction still runs', () => {
    const bad = { ...legacy(0), secretKey: undefined, v: '0x1b', r: '0x' + 'ff'.repeat(32), s: '0x1' };
    const { result } = t8n(funded, postMerge, [bad, legacy(0)]);
    expect(result.rejected).toEqual([{ index: 0, error: 'txs[0].signature: invalid signature: no sender recovers' }]);
    expect(result.receipts.map((r) => r.status)).toEqual(['0x1']);
  });

  it('a typed transaction for another chain cannot be signed (10); signed for one, it is rejected', () => {
    const typed = { ...legacy(0), type: '0x2', chainId: '0x5', maxFeePerGas: '0xa', maxPriorityFeePerGas: '0x1' };
    expect(failure(() => t8n(funded, postMerge, [typed]))).toEqual([10, 'txs[0].chainId: 5 is not --state.chainid 1: cannot sign for another chain']);
    const { result } = t8n(funded, postMerge, [typed], { chainId: 5n });
    expect(result.receipts).toHaveLength(1);
  });

  it('BLOCKHASH of a block env.blockHashes lacks is exit code 4; one it gives is read', () => {
    const alloc = { ...funded, [TO]: { balance: '0x0', code: '0x600040600055' } }; // sstore(0, blockhash(0))
    expect(failure(() => t8n(alloc, postMerge, [legacy(0, { gas: '0x10000' })]))).toEqual([4, 'BLOCKHASH(0) in txs[0]: env.blockHashes has no hash for block 0']);
    const hash = '0x' + 'ab'.repeat(32);
    const { alloc: post } = t8n(alloc, { ...postMerge, blockHashes: { '0': hash } }, [legacy(0, { gas: '0x10000' })]);
    expect(post[TO].storage).toEqual({ [ZERO32]: hash });
  });
});

describe('block-level operations', () => {
  const beacon = SYSTEM_CONTRACTS[0];
  // A contract that stores its call data at slot 0: stands in for the EIP-4788 contract.
  const recorder = { ...funded, [beacon.address]: { balance: '0x0', code: '0x5f355f5500' } };

  it('the EIP-4788 call runs with parentBeaconBlockRoot; --state-test runs no system call', () => {
    const root = '0x' + '42'.repeat(32);
    expect(t8n(recorder, { ...postMerge, parentBeaconBlockRoot: root }, []).alloc[beacon.address].storage).toEqual({ [ZERO32]: root });
    expect(t8n(recorder, { ...postMerge, parentBeaconBlockRoot: root }, [], { stateTest: true }).alloc[beacon.address].storage).toBeUndefined();
  });

  it('Prague\'s requests need their system contracts: without them the block fails with exit code 2', () => {
    const [code, message] = failure(() => t8n(funded, postMerge, [], { fork: 'Prague' }));
    expect(code).toBe(2);
    expect(message).toMatch(/^block: EIP-7002 system contract 0x00000961ef480eb55e80d19ad83579a64c007002 has no code/);
  });

  it('withdrawals are credited in gwei and committed to by withdrawalsRoot', () => {
    const withdrawals = [{ index: '0x0', validatorIndex: '0x1', address: TO, amount: '0x2' }];
    const { alloc, result } = t8n(funded, { ...postMerge, withdrawals }, [], { fork: 'Shanghai' });
    expect(alloc[TO]).toEqual({ balance: '0x77359400' });
    expect(result.withdrawalsRoot).toBe(bytesToHex(withdrawalsRoot([{ index: 0n, validatorIndex: 1n, address: TO, amount: 2n }])));
  });

  it('the DAO fork block (HomesteadToDaoAt5, block 5) moves the DAO\'s ether to the refund contract', () => {
    const dao = '0xbb9bc244d798123fde783fcc1c72d3bb8c189413';
    const env = { ...baseEnv, currentNumber: '5' };
    const { alloc } = t8n({ [dao]: { balance: '0x64' } }, env, [], { fork: 'HomesteadToDaoAt5', reward: -1n });
    expect([alloc[dao], alloc[DAO_REFUND_CONTRACT]]).toEqual([{ balance: '0x0' }, { balance: '0x64' }]);
  });
});
