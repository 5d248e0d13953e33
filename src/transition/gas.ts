/**
 * The gas and fee arithmetic of a transaction: intrinsic gas, the EIP-7623 calldata floor, the price per gas,
 * blob gas and the blob base fee under the block's blob schedule.
 */
import { type BlobSchedule, GAS_PER_BLOB, blobBaseFee, blobSchedule } from '../forks/blob.js';
import { Fork } from '../forks/fork.js';
import { gasSchedule } from '../forks/gas.js';
import { PER_EMPTY_ACCOUNT_COST } from './authorization.js';
import type { AccessListEntry, BlockEnv, Transaction } from './types.js';

const NO_ACCESS_LIST: readonly AccessListEntry[] = [];

/** The transaction's access list (empty for types without one). */
export function accessListOf(tx: Transaction): readonly AccessListEntry[] {
  return tx.type === 0 ? NO_ACCESS_LIST : (tx.accessList ?? NO_ACCESS_LIST);
}

/** EIP-7623 calldata tokens: one per zero byte, four per other byte. */
export function calldataTokens(data: Uint8Array): number {
  let zeros = 0;
  for (const byte of data) if (byte === 0) zeros++;
  return zeros + (data.length - zeros) * 4;
}

/** Intrinsic gas: base, calldata, creation, EIP-3860 initcode words, access list, EIP-7702 authorizations. */
export function intrinsicGas(tx: Transaction, fork: Fork): bigint {
  const g = gasSchedule(fork);
  let gas = g.txBase;
  for (const byte of tx.data) gas += byte === 0 ? g.txDataZero : g.txDataNonZero;
  if (tx.to === null) {
    gas += g.txCreate;
    gas += g.initcodeWord * Math.ceil(tx.data.length / 32);
  }
  for (const entry of accessListOf(tx)) {
    gas += g.accessListAddress + g.accessListStorageKey * entry.storageKeys.length;
  }
  if (tx.type === 4) gas += PER_EMPTY_ACCOUNT_COST * tx.authorizationList.length;
  return BigInt(gas);
}

/**
 * EIP-7623: the least gas a transaction pays for, 21,000 + 10 per calldata token; 0 (no floor) before Prague.
 * The gas limit must cover it, and a transaction that used less pays the floor.
 */
export function calldataFloorGas(tx: Transaction, fork: Fork): bigint {
  const g = gasSchedule(fork);
  if (g.txFloorPerToken === 0) return 0n;
  return BigInt(g.txBase + g.txFloorPerToken * calldataTokens(tx.data));
}

/** The price per gas the sender's maximum is reckoned at: max fee (types 2–4) or the gas price. */
export function maxGasPrice(tx: Transaction): bigint {
  return tx.type === 0 || tx.type === 1 ? tx.gasPrice : tx.maxFeePerGas;
}

/** The gas price the sender pays per gas: EIP-1559's min(maxFee, baseFee + tip) or the legacy price. */
export function effectiveGasPrice(tx: Transaction, env: BlockEnv): bigint {
  if (tx.type === 0 || tx.type === 1) return tx.gasPrice;
  const tip = tx.maxPriorityFeePerGas;
  const cap = tx.maxFeePerGas;
  return cap < env.baseFee + tip ? cap : env.baseFee + tip;
}

/** Blob gas the transaction uses (EIP-4844). */
export function blobGasUsed(tx: Transaction): bigint {
  return tx.type === 3 ? BigInt(tx.blobVersionedHashes.length) * GAS_PER_BLOB : 0n;
}

/** The blob schedule the block runs under: the chain's own when it has one, else the fork's. */
export function blobScheduleOf(env: BlockEnv, fork: Fork): BlobSchedule | undefined {
  if (fork < Fork.Cancun) return undefined; // EIP-4844: no blobs before
  return env.blobSchedule ?? blobSchedule(fork);
}

/** The block's blob base fee (EIP-4844; 0 before Cancun). */
export function blockBlobBaseFee(env: BlockEnv, fork: Fork): bigint {
  const schedule = blobScheduleOf(env, fork);
  return schedule === undefined ? 0n : blobBaseFee(env.excessBlobGas, schedule);
}
