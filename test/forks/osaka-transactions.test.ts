/**
 * Prague → Osaka, transaction rules: EIP-7825 caps a transaction's gas limit at 2^24, EIP-7594 allows at most
 * 6 blobs per transaction (the block may still hold more, by its blob schedule). Each limit is checked on both
 * sides of the fork and at the bound and one past it.
 */
import { describe, expect, it } from 'vitest';
import { BPO_BLOB_SCHEDULES } from '../../src/forks/blob.js';
import { Fork } from '../../src/forks/fork.js';
import { txRules } from '../../src/forks/transaction.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { runTx, type TxFields } from '../helpers/run.js';

const BEFORE = Fork.Prague;
const AFTER = Fork.Osaka;
const CAP = 1n << 24n; // 16,777,216
/** A block gas limit above the cap, so that only the transaction cap can reject. */
const env = { gasLimit: 60_000_000n };

describe('Osaka, EIP-7825: transaction gas limit cap', () => {
  it('is data of the fork: none before Osaka, 2^24 from Osaka', () => {
    expect(txRules(BEFORE).maxGasLimit).toBeUndefined();
    expect(txRules(AFTER).maxGasLimit).toBe(CAP);
  });

  it('accepts 2^24 in both forks; 2^24 + 1 only before Osaka', () => {
    for (const fork of [BEFORE, AFTER]) {
      const r = runTx('00', { fork, env, tx: { gasLimit: CAP } });
      expect(r.result.status).toBe('success');
      expect(r.gasUsed).toBe(21000n);
    }
    expect(runTx('00', { fork: BEFORE, env, tx: { gasLimit: CAP + 1n } }).result.status).toBe('success');
    const over = runTx('00', { fork: AFTER, env, tx: { gasLimit: CAP + 1n } });
    expect(over.result.status).toBe('invalid');
    expect(over.result.error).toBe('TR_GasLimitExceedsMaximum: gas limit 16777217 above the transaction cap 16777216');
  });
});

describe('Osaka, EIP-7594: blobs per transaction', () => {
  const HASH = hexToBytes('01' + 'ab'.repeat(31));
  const blobs = (n: number): TxFields => ({
    type: 3,
    gasPrice: undefined,
    maxFeePerGas: 10n,
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: 100n,
    blobVersionedHashes: Array.from({ length: n }, () => HASH),
  });

  it('allows 6 blobs in both forks, 7 only before Osaka', () => {
    expect(runTx('00', { fork: BEFORE, tx: blobs(6) }).result.status).toBe('success');
    expect(runTx('00', { fork: AFTER, tx: blobs(6) }).result.status).toBe('success');
    expect(runTx('00', { fork: BEFORE, tx: blobs(7) }).result.status).toBe('success'); // Prague's block max is 9
    const seven = runTx('00', { fork: AFTER, tx: blobs(7) });
    expect(seven.result.status).toBe('invalid');
    expect(seven.result.error).toBe('TR_BLOBCOUNT_EXCEEDED: 7 blobs, at most 6 per transaction');
  });

  it('keeps the per-transaction limit under a blob-parameter-only schedule with a larger block max', () => {
    const bpo2 = BPO_BLOB_SCHEDULES.get('BPO2')!; // 14 / 21
    expect(runTx('00', { fork: AFTER, tx: blobs(6), env: { blobSchedule: bpo2 } }).result.status).toBe('success');
    expect(runTx('00', { fork: AFTER, tx: blobs(7), env: { blobSchedule: bpo2 } }).result.error).toMatch(/^TR_BLOBCOUNT_EXCEEDED/);
  });
});

describe('EIP-7892: blob-parameter-only schedules', () => {
  it('holds the four BPO schedules as data', () => {
    expect([...BPO_BLOB_SCHEDULES]).toEqual([
      ['BPO1', { target: 10, max: 15, baseFeeUpdateFraction: 8346193n }],
      ['BPO2', { target: 14, max: 21, baseFeeUpdateFraction: 11684671n }],
      ['BPO3', { target: 21, max: 32, baseFeeUpdateFraction: 20609697n }],
      ['BPO4', { target: 14, max: 21, baseFeeUpdateFraction: 13739630n }],
    ]);
  });
});
