/**
 * Logs through whole transactions, checked against the logs hashes of official state tests
 * (GeneralStateTests/stLogTests, Cancun post): keccak256(rlp([[address, [topics…], data], …])).
 */
import { describe, expect, it } from 'vitest';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { logsHash } from '../../src/state/logs.js';
import { mstore, revert } from '../helpers/bytecode.js';
import { runTx } from '../helpers/run.js';

/** The address the stLogTests fixtures emit from. */
const EMITTER = '0x0f572e5295c57f15886f9b263e2f6d2d6c7b5ec6';
const EMPTY_LOGS_HASH = '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347';

function emit(code: string) {
  return runTx('', { pre: { [EMITTER]: { code } }, tx: { to: EMITTER } });
}

describe('logs hash of emitted logs', () => {
  it('log0_emptyMem: LOG0(0, 0)', () => {
    const t = emit('60006000a000');
    expect(t.result.logs).toEqual([{ address: EMITTER, topics: [], data: new Uint8Array(0) }]);
    expect(bytesToHex(logsHash(t.result.logs))).toBe('0xea63b4dbbdbca1bd985580a0c3b6f35a4955d4d4cf0b4d903003cdfc4c40ba1c');
  });
  it('log1_nonEmptyMem: MSTORE(0, 2^256-1), LOG1(0, 32, topic 0)', () => {
    const t = emit('7f' + 'ff'.repeat(32) + '600052600060206000a100');
    expect(t.result.logs).toEqual([{ address: EMITTER, topics: [0n], data: hexToBytes('ff'.repeat(32)) }]);
    expect(bytesToHex(logsHash(t.result.logs))).toBe('0x2e3c489a64cf3233b1ac4d42fd1f6e2430f6d99524c57dba5471d3b41a20fdc0');
  });
  it('log2_nonEmptyMem: LOG2(0, 32, 0, 0)', () => {
    const t = emit('7f' + 'ff'.repeat(32) + '6000526000600060206000a200');
    expect(bytesToHex(logsHash(t.result.logs))).toBe('0x6e02fdc5f0bf3152415cc76a6ed19cd23f9eee9c8ada826de72bfab8c0bbb103');
  });
  it('no logs hash to keccak256(rlp([]))', () => {
    expect(bytesToHex(logsHash([]))).toBe(EMPTY_LOGS_HASH);
    expect(bytesToHex(logsHash(emit('00').result.logs))).toBe(EMPTY_LOGS_HASH);
  });
  it('a reverted transaction has no logs', () => {
    const t = emit('60006000a0' + mstore(0, 1) + revert(0, 0));
    expect(t.result.status).toBe('revert');
    expect(t.result.logs).toEqual([]);
    expect(bytesToHex(logsHash(t.result.logs))).toBe(EMPTY_LOGS_HASH);
  });
});
