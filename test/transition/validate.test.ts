/**
 * Transaction validation: every rejection reason, the exact intrinsic gas (Yellow Paper g0 with EIP-2028
 * calldata prices, EIP-2 creation, EIP-2930 access lists, EIP-3860 initcode words), and that a rejected
 * transaction leaves the state root unchanged.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { stateRoot } from '../../src/state/root.js';
import type { WorldState } from '../../src/state/world.js';
import { executeTransaction } from '../../src/transition/execute.js';
import type { BlockEnv } from '../../src/transition/types.js';
import { intrinsicGas, validateTransaction } from '../../src/transition/validate.js';
import { CONTRACT, SENDER, SENDER_BALANCE, blockEnv, makeState, transaction, type AccountSpec, type TxFields } from '../helpers/run.js';

const BLOB_HASH = hexToBytes('01' + '00'.repeat(31));

function state(sender: AccountSpec = {}): WorldState {
  return makeState({ [SENDER]: { balance: SENDER_BALANCE, ...sender }, [CONTRACT]: { code: '00' } });
}

/** Validates, and checks that executing the transaction agrees and leaves the state root as it was. */
async function rejection(
  tx: TxFields,
  options: { fork?: Fork; env?: Partial<BlockEnv>; sender?: AccountSpec } = {},
): Promise<string | undefined> {
  const s = state(options.sender);
  const env = blockEnv(options.env);
  const full = transaction(tx);
  const fork = options.fork ?? Fork.Cancun;
  const reason = validateTransaction(s, env, full, fork)?.reason;
  if (reason !== undefined) {
    const before = bytesToHex(stateRoot(s));
    const r = executeTransaction(s, env, full, fork);
    expect(r.status).toBe('invalid');
    expect(r.gasUsed).toBe(0n);
    expect(bytesToHex(stateRoot(s))).toBe(before);
  }
  return reason;
}

const eip1559 = (fields: TxFields = {}): TxFields => ({
  type: 2,
  gasPrice: undefined,
  maxFeePerGas: 20n,
  maxPriorityFeePerGas: 1n,
  accessList: [],
  ...fields,
});
const blob = (fields: TxFields = {}): TxFields =>
  eip1559({ type: 3, maxFeePerBlobGas: 10n, blobVersionedHashes: [BLOB_HASH], ...fields });

describe('intrinsic gas', () => {
  it('21000 + 4 per zero byte + 16 per non-zero byte (EIP-2028)', () => {
    const tx = transaction({ data: hexToBytes('000100ff') });
    expect(intrinsicGas(tx, Fork.Cancun)).toBe(21000n + 2n * 4n + 2n * 16n);
    expect(intrinsicGas(tx, Fork.Istanbul)).toBe(21040n);
  });
  it('68 per non-zero byte before Istanbul', () => {
    expect(intrinsicGas(transaction({ data: hexToBytes('000100ff') }), Fork.Petersburg)).toBe(21000n + 8n + 136n);
  });
  it('creation adds 32000 (EIP-2, Homestead on) and 2 per initcode word (EIP-3860, Shanghai on)', () => {
    const tx = transaction({ to: null, data: hexToBytes('01'.repeat(33)) });
    // 21000 + 33·16 + 32000 + 2·⌈33/32⌉ = 21000 + 528 + 32000 + 4 = 53532.
    expect(intrinsicGas(tx, Fork.Cancun)).toBe(53532n);
    expect(intrinsicGas(tx, Fork.Paris)).toBe(53528n);
    // Frontier: no creation surcharge, 68 per byte: 21000 + 33·68.
    expect(intrinsicGas(tx, Fork.Frontier)).toBe(21000n + 33n * 68n);
    expect(intrinsicGas(tx, Fork.Homestead)).toBe(21000n + 33n * 68n + 32000n);
  });
  it('access lists: 2400 per address, 1900 per storage key (EIP-2930)', () => {
    const tx = transaction({
      type: 1,
      accessList: [
        { address: CONTRACT, storageKeys: [1n, 2n] },
        { address: SENDER, storageKeys: [3n] },
      ],
    });
    expect(intrinsicGas(tx, Fork.Berlin)).toBe(21000n + 2n * 2400n + 3n * 1900n);
  });
  it('a gas limit one below the intrinsic gas is rejected, exactly the intrinsic gas accepted', async () => {
    const data = hexToBytes('000100ff');
    expect(await rejection({ data, gasLimit: 21039n })).toMatch(/^TR_IntrinsicGas/);
    expect(await rejection({ data, gasLimit: 21040n })).toBeUndefined();
    const create = { to: null, data: hexToBytes('01'.repeat(33)) };
    expect(await rejection({ ...create, gasLimit: 53531n })).toMatch(/^TR_IntrinsicGas/);
    expect(await rejection({ ...create, gasLimit: 53532n })).toBeUndefined();
    const accessList = [{ address: CONTRACT, storageKeys: [1n] }];
    expect(await rejection(eip1559({ accessList, gasLimit: 21000n + 2400n + 1900n - 1n }))).toMatch(/^TR_IntrinsicGas/);
    expect(await rejection(eip1559({ accessList, gasLimit: 21000n + 2400n + 1900n }))).toBeUndefined();
  });
});

describe('nonce', () => {
  it('too low', async () => {
    expect(await rejection({ nonce: 0n }, { sender: { nonce: 1n } })).toMatch(/^TR_NonceTooLow/);
  });
  it('too high', async () => {
    expect(await rejection({ nonce: 2n }, { sender: { nonce: 1n } })).toMatch(/^TR_NonceTooHigh/);
  });
  it('equal is accepted', async () => {
    expect(await rejection({ nonce: 1n }, { sender: { nonce: 1n } })).toBeUndefined();
  });
  it('2^64 - 1 is rejected (EIP-2681)', async () => {
    const max = (1n << 64n) - 1n;
    expect(await rejection({ nonce: max }, { sender: { nonce: max } })).toMatch(/^TR_NonceHasMaxValue/);
  });
});

describe('balance', () => {
  it('must cover gasLimit · gasPrice + value', async () => {
    // 21000 · 10 + 1 = 210001.
    const tx = { gasLimit: 21000n, value: 1n };
    expect(await rejection(tx, { sender: { balance: 210000n } })).toMatch(/^TR_NoFunds/);
    expect(await rejection(tx, { sender: { balance: 210001n } })).toBeUndefined();
  });
  it('uses maxFeePerGas, not the effective price, for EIP-1559 transactions', async () => {
    // 21000 · 20 + 5 = 420005, although the effective price is only 7 + 1 = 8.
    const tx = eip1559({ gasLimit: 21000n, value: 5n });
    expect(await rejection(tx, { sender: { balance: 420004n } })).toMatch(/^TR_NoFunds/);
    expect(await rejection(tx, { sender: { balance: 420005n } })).toBeUndefined();
  });
  it('includes the blob fee: blobs · 131072 · maxFeePerBlobGas (EIP-4844)', async () => {
    // 21000 · 20 + 131072 · 10 = 420000 + 1310720 = 1730720.
    const tx = blob({ gasLimit: 21000n });
    expect(await rejection(tx, { sender: { balance: 1730719n } })).toMatch(/^TR_NoFunds/);
    expect(await rejection(tx, { sender: { balance: 1730720n } })).toBeUndefined();
  });
});

describe('block and fee limits', () => {
  it('gas limit above the block gas limit', async () => {
    expect(await rejection({ gasLimit: 30_000_001n })).toMatch(/^TR_GasLimitReached/);
    expect(await rejection({ gasLimit: 30_000_000n })).toBeUndefined();
  });
  it('max fee below the base fee (EIP-1559)', async () => {
    expect(await rejection(eip1559({ maxFeePerGas: 6n, maxPriorityFeePerGas: 0n }))).toMatch(/^TR_FeeCapLessThanBlocks/);
    expect(await rejection(eip1559({ maxFeePerGas: 7n, maxPriorityFeePerGas: 0n }))).toBeUndefined();
  });
  it('legacy gas price below the base fee (London on)', async () => {
    expect(await rejection({ gasPrice: 6n })).toMatch(/^TR_FeeCapLessThanBlocks/);
    // Before London there is no base fee.
    expect(await rejection({ gasPrice: 6n }, { fork: Fork.Berlin })).toBeUndefined();
  });
  it('priority fee above max fee', async () => {
    expect(await rejection(eip1559({ maxFeePerGas: 10n, maxPriorityFeePerGas: 11n }))).toMatch(/^TR_TipGtFeeCap/);
  });
  it('the stEIP1559/lowFeeCap transaction (max fee 999 < base fee 1000)', async () => {
    const env = { baseFee: 1000n, gasLimit: 0xff112233445566n };
    const tx = eip1559({ nonce: 1n, gasLimit: 400_000n, maxFeePerGas: 999n, maxPriorityFeePerGas: 100n, value: 100_000n, data: hexToBytes('00') });
    expect(await rejection(tx, { env, sender: { nonce: 1n } })).toMatch(/^TR_FeeCapLessThanBlocks/);
  });
});

describe('sender and initcode', () => {
  it('a sender with code is rejected (EIP-3607)', async () => {
    expect(await rejection({}, { sender: { code: '00' } })).toMatch(/^SenderNotEOA/);
  });
  it('initcode above 49152 bytes is rejected from Shanghai (EIP-3860)', async () => {
    const tx = (n: number) => ({ to: null, data: new Uint8Array(n), gasLimit: 1_000_000n });
    expect(await rejection(tx(49153))).toMatch(/^TR_InitCodeLimitExceeded/);
    expect(await rejection(tx(49152))).toBeUndefined();
    expect(await rejection(tx(49153), { fork: Fork.Paris })).toBeUndefined();
  });
});

describe('blob transactions (EIP-4844)', () => {
  it('must carry at least one blob', async () => {
    expect(await rejection(blob({ blobVersionedHashes: [] }))).toMatch(/^TR_EMPTYBLOB/);
  });
  it('versioned hashes must start with 0x01', async () => {
    const bad = hexToBytes('02' + '00'.repeat(31));
    expect(await rejection(blob({ blobVersionedHashes: [BLOB_HASH, bad] }))).toMatch(/^TR_BLOBVERSION_INVALID/);
  });
  it('cannot create contracts', async () => {
    expect(await rejection(blob({ to: null }))).toMatch(/^TR_BLOBCREATE/);
  });
  it('at most 6 blobs (786432 blob gas per block)', async () => {
    expect(await rejection(blob({ blobVersionedHashes: Array(7).fill(BLOB_HASH) }))).toMatch(/^TR_BLOBLIST_OVERSIZE/);
    expect(await rejection(blob({ blobVersionedHashes: Array(6).fill(BLOB_HASH) }))).toBeUndefined();
  });
  it('max fee per blob gas must reach the blob base fee', async () => {
    // At excess blob gas 0 the blob base fee is 1.
    expect(await rejection(blob({ maxFeePerBlobGas: 0n }))).toMatch(/^TR_BLOBFEE_LOW/);
    // At excess 2^25 it is fake_exponential(1, 2^25, 3338477) = 23174.
    const env = { excessBlobGas: 1n << 25n };
    expect(await rejection(blob({ maxFeePerBlobGas: 23173n }), { env })).toMatch(/^TR_BLOBFEE_LOW/);
    expect(await rejection(blob({ maxFeePerBlobGas: 23174n }), { env })).toBeUndefined();
  });
});

describe('transaction types per fork', () => {
  it('type 3 needs Cancun, type 2 London, type 1 Berlin', async () => {
    expect(await rejection(blob(), { fork: Fork.Shanghai })).toMatch(/^TR_TypeNotSupported/);
    expect(await rejection(eip1559(), { fork: Fork.Berlin })).toMatch(/^TR_TypeNotSupported/);
    expect(await rejection({ type: 1, accessList: [] }, { fork: Fork.Istanbul })).toMatch(/^TR_TypeNotSupported/);
    expect(await rejection(eip1559(), { fork: Fork.London })).toBeUndefined();
    expect(await rejection({ type: 1, accessList: [] }, { fork: Fork.Berlin })).toBeUndefined();
  });

  it('type 4 needs Prague and pays 25,000 intrinsic gas per authorization; an unknown type is named', async () => {
    const auth = { chainId: 1n, address: CONTRACT, nonce: 0n, yParity: 0, r: 1n, s: 1n };
    const setCode = eip1559({ type: 4, authorizationList: [auth, auth] });
    expect(await rejection(setCode, { fork: Fork.Cancun })).toBe('TR_TypeNotSupported: type 4 transactions start at Prague');
    expect(await rejection(setCode, { fork: Fork.Prague })).toBeUndefined();
    expect(intrinsicGas(transaction(setCode), Fork.Prague)).toBe(21000n + 2n * 25000n);
    expect(await rejection({ type: 7 as 0 }, { fork: Fork.Prague })).toBe('TR_TypeNotSupported: unknown transaction type 7');
  });
});

describe("eth_call's rules (validateTransaction(…, 'call'))", () => {
  const env = blockEnv({ baseFee: 100n, gasLimit: 30_000_000n });
  const call = (tx: TxFields, sender: AccountSpec = {}) => validateTransaction(state(sender), env, transaction(tx), Fork.Cancun, 'call')?.reason;
  const free = { type: 2, maxFeePerGas: 0n, maxPriorityFeePerGas: 0n, gasPrice: undefined } as const;

  it('skip the nonce, sender-code and block gas limit checks', () => {
    expect(call({ ...free, nonce: 7n })).toBeUndefined();
    expect(call(free, { code: '00' })).toBeUndefined();
    expect(call({ ...free, gasLimit: 40_000_000n })).toBeUndefined();
  });

  it('let a call offering no fee run below the base fee, but not one offering too little', () => {
    expect(call({ gasPrice: 0n })).toBeUndefined();
    expect(call({ gasPrice: 99n })).toMatch(/^TR_FeeCapLessThanBlocks/);
    expect(call({ type: 2, gasPrice: undefined, maxFeePerGas: 50n, maxPriorityFeePerGas: 0n })).toMatch(/^TR_FeeCapLessThanBlocks/);
  });

  it('keep intrinsic gas, tip above fee cap, and the balance for the value and fees offered', () => {
    expect(call({ ...free, gasLimit: 20_000n })).toMatch(/^TR_IntrinsicGas/);
    expect(call({ type: 2, gasPrice: undefined, maxFeePerGas: 200n, maxPriorityFeePerGas: 300n })).toMatch(/^TR_TipGtFeeCap/);
    expect(call({ ...free, value: SENDER_BALANCE + 1n })).toMatch(/^TR_NoFunds/);
  });
});
