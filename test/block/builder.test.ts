// BlockBuilder's steps on their own: gas and blob gas left, withdrawals, rewards, the DAO change, deposits.
import { describe, expect, it } from 'vitest';
import { BlockBuilder } from '../../src/block/builder.js';
import { DAO_DRAIN_LIST, DAO_REFUND_CONTRACT } from '../../src/block/dao.js';
import { DepositLayoutError, depositData } from '../../src/block/requests.js';
import { signTransaction } from '../../src/block/transaction.js';
import { GAS_PER_BLOB } from '../../src/forks/blob.js';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { stateRoot } from '../../src/state/root.js';
import { WorldState } from '../../src/state/world.js';
import { blockEnv } from '../../src/index.js';
import type { Alloc } from '../../src/transition/types.js';

const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const TO = '0x1000000000000000000000000000000000000000';
const ETHER = 10n ** 18n;
const funded = (): WorldState => WorldState.fromAlloc(new Map([[SENDER, { nonce: 0n, balance: ETHER, code: new Uint8Array(0), storage: new Map() }]]) as Alloc);
const transfer = (nonce: bigint, gasLimit = 21_000n) =>
  signTransaction({ type: 2, nonce, gasLimit, to: TO, value: 1n, data: new Uint8Array(0), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, accessList: [] }, KEY, 1n);
const builder = (fork: Fork, state: WorldState, fields: Parameters<typeof blockEnv>[0] = {}, daoFork = false) =>
  new BlockBuilder(state, { fork, env: blockEnv({ gasLimit: 50_000n, ...fields }), parentHash: new Uint8Array(32), daoFork });

describe('BlockBuilder', () => {
  it('includes a transaction only within the block\'s gas left, leaving the state as it was otherwise', () => {
    const state = funded();
    const b = builder(Fork.Shanghai, state);
    expect(b.addTransaction(transfer(0n)).included).toBe(true);
    const root = bytesToHex(stateRoot(state));
    const outcome = b.addTransaction(transfer(1n, 30_000n));
    expect(outcome).toEqual({ included: false, reason: 'GAS_ALLOWANCE_EXCEEDED: gas limit 30000 above the block\'s gas left 29000' });
    expect(bytesToHex(stateRoot(state))).toBe(root);
    expect(b.addTransaction(transfer(1n)).included).toBe(true);
    expect(b.cumulativeGasUsed).toBe(42_000n);
    expect(b.addTransaction(transfer(1n)).included).toBe(false); // gas left 8,000
  });

  it('a blob transaction within the block\'s blob gas left (Cancun: 6 blobs)', () => {
    const state = funded();
    const b = builder(Fork.Cancun, state, { gasLimit: 1_000_000n });
    const blob = (nonce: bigint, blobs: number) =>
      signTransaction({ type: 3, nonce, gasLimit: 21_000n, to: TO, value: 0n, data: new Uint8Array(0), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, accessList: [], maxFeePerBlobGas: 10n, blobVersionedHashes: Array.from({ length: blobs }, () => Uint8Array.of(1, ...new Uint8Array(31))) }, KEY, 1n);
    expect(b.addTransaction(blob(0n, 4)).included).toBe(true);
    const over = b.addTransaction(blob(1n, 3));
    expect(over.included === false && over.reason).toMatch(/^TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED: blob gas 393216 above the block's blob gas left 262144/);
    expect(b.addTransaction(blob(1n, 2)).included).toBe(true);
    expect(b.finish({ withdrawals: [] }).blobGasUsed).toBe(6n * GAS_PER_BLOB);
  });

  it('withdrawals credit Gwei; a zero one to an absent account leaves none', () => {
    const state = funded();
    const out = builder(Fork.Shanghai, state).finish({
      withdrawals: [
        { index: 0n, validatorIndex: 1n, address: TO, amount: 3n },
        { index: 1n, validatorIndex: 1n, address: '0x2000000000000000000000000000000000000000', amount: 0n },
      ],
    });
    expect(state.getBalance(TO)).toBe(3_000_000_000n);
    expect(state.exists('0x2000000000000000000000000000000000000000')).toBe(false);
    expect(out.withdrawalsRoot).toBeDefined();
  });

  it('rewards before Paris: 5, 3, 2 ether, a 32nd more per uncle, (8 + uncle − block)/8 to each uncle\'s miner', () => {
    const miner = '0x3000000000000000000000000000000000000000';
    const uncleMiner = '0x4000000000000000000000000000000000000000';
    for (const [fork, reward] of [[Fork.Frontier, 5n * ETHER], [Fork.Byzantium, 3n * ETHER], [Fork.Constantinople, 2n * ETHER], [Fork.Paris, 0n]] as const) {
      const state = funded();
      builder(fork, state, { coinbase: miner, number: 10n }).finish({ ommers: [{ number: 8n, coinbase: uncleMiner }], withdrawals: fork >= Fork.Shanghai ? [] : undefined });
      expect(state.getBalance(miner)).toBe(reward + reward / 32n);
      expect(state.getBalance(uncleMiner)).toBe((6n * reward) / 8n);
    }
    const state = funded();
    builder(Fork.Frontier, state, { coinbase: miner }).finish({ blockReward: null });
    expect(state.exists(miner)).toBe(false);
  });

  it('the DAO fork block moves every drained balance to the refund contract', () => {
    const alloc: Alloc = new Map([
      [DAO_DRAIN_LIST[0], { nonce: 0n, balance: 7n, code: new Uint8Array(0), storage: new Map() }],
      [DAO_DRAIN_LIST[115], { nonce: 0n, balance: 5n, code: new Uint8Array(0), storage: new Map() }],
    ]);
    expect(DAO_DRAIN_LIST.length).toBe(116);
    const state = WorldState.fromAlloc(alloc);
    builder(Fork.Homestead, state, {}, true).finish({ blockReward: null });
    expect(state.getBalance(DAO_REFUND_CONTRACT)).toBe(12n);
    expect(state.getBalance(DAO_DRAIN_LIST[0])).toBe(0n);
    const untouched = WorldState.fromAlloc(alloc);
    builder(Fork.Homestead, untouched).finish({ blockReward: null });
    expect(untouched.getBalance(DAO_REFUND_CONTRACT)).toBe(0n);
  });
});

describe('EIP-6110 deposit logs', () => {
  /** A deposit event's data as the deposit contract lays it out. */
  function event(): Uint8Array {
    const data = new Uint8Array(576);
    const word = (at: number, v: number) => (data[at + 31] = v & 0xff, data[at + 30] = v >> 8);
    [160, 256, 320, 384, 512].forEach((offset, i) => word(i * 32, offset));
    [[160, 48], [256, 32], [320, 8], [384, 96], [512, 8]].forEach(([offset, size]) => {
      word(offset, size);
      data.fill(offset % 251, offset + 32, offset + 32 + size);
    });
    return data;
  }

  it('yields pubkey ‖ credentials ‖ amount ‖ signature ‖ index (192 bytes)', () => {
    const out = depositData(event());
    expect(out.length).toBe(48 + 32 + 8 + 96 + 8);
    expect(out[0]).toBe(160 % 251);
    expect(out[48]).toBe(256 % 251);
    expect(out[191]).toBe(512 % 251);
  });

  it('rejects any other layout', () => {
    expect(() => depositData(event().subarray(0, 575))).toThrow(DepositLayoutError);
    const badOffset = event();
    badOffset[31] = 0;
    expect(() => depositData(badOffset)).toThrow('deposit log: pubkey offset is not 160');
    const badSize = event();
    badSize[160 + 31] = 47;
    expect(() => depositData(badSize)).toThrow('deposit log: pubkey size is not 48');
  });
});
