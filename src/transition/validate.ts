/** Transaction validation: every reason a transaction is rejected before it touches the state. */
import { Fork } from '../forks/fork.js';
import { BLOB, blobBaseFee, gasSchedule } from '../forks/gas.js';
import type { WorldState } from '../state/world.js';
import type { BlockEnv, Transaction } from './types.js';

/** EIP-2681: nonces stay below 2^64 - 1. */
const MAX_NONCE = (1n << 64n) - 1n;
const MAX_U256 = (1n << 256n) - 1n;

/** Why a transaction was rejected; the wording follows the fixture exception names where it can. */
export class TxRejection {
  constructor(readonly reason: string) {}
}

/** Intrinsic gas: base, calldata, creation, access list, EIP-3860 initcode words. */
export function intrinsicGas(tx: Transaction, fork: Fork): bigint {
  const g = gasSchedule(fork);
  let gas = g.txBase;
  for (const byte of tx.data) gas += byte === 0 ? g.txDataZero : g.txDataNonZero;
  if (tx.to === null) {
    gas += g.txCreate;
    gas += g.initcodeWord * Math.ceil(tx.data.length / 32);
  }
  for (const entry of tx.accessList ?? []) {
    gas += g.accessListAddress + g.accessListStorageKey * entry.storageKeys.length;
  }
  return BigInt(gas);
}

/** The gas price the sender pays per gas: EIP-1559's min(maxFee, baseFee + tip) or the legacy price. */
export function effectiveGasPrice(tx: Transaction, env: BlockEnv): bigint {
  if (tx.type >= 2) {
    const tip = tx.maxPriorityFeePerGas!;
    const cap = tx.maxFeePerGas!;
    return cap < env.baseFee + tip ? cap : env.baseFee + tip;
  }
  return tx.gasPrice!;
}

/** Blob gas the transaction uses (EIP-4844). */
export function blobGasUsed(tx: Transaction): bigint {
  return BigInt(tx.blobVersionedHashes?.length ?? 0) * BLOB.gasPerBlob;
}

/** Returns a rejection, or undefined when the transaction may execute. Reads the state, never writes it. */
export function validateTransaction(state: WorldState, env: BlockEnv, tx: Transaction, fork: Fork): TxRejection | undefined {
  const reject = (reason: string) => new TxRejection(reason);
  if (tx.type === 1 && fork < Fork.Berlin) return reject('TR_TypeNotSupported: EIP-2930 transactions start at Berlin');
  if (tx.type === 2 && fork < Fork.London) return reject('TR_TypeNotSupported: EIP-1559 transactions start at London');
  if (tx.type === 3 && fork < Fork.Cancun) return reject('TR_TypeNotSupported: blob transactions start at Cancun');
  for (const field of [tx.value, tx.gasPrice, tx.maxFeePerGas, tx.maxPriorityFeePerGas, tx.maxFeePerBlobGas]) {
    if (field !== undefined && field > MAX_U256) return reject('value exceeds 256 bits');
  }
  if (tx.gasLimit > env.gasLimit) return reject('TR_GasLimitReached: gas limit exceeds the block gas limit');
  const intrinsic = intrinsicGas(tx, fork);
  if (tx.gasLimit < intrinsic) return reject(`TR_IntrinsicGas: intrinsic gas ${intrinsic} exceeds gas limit ${tx.gasLimit}`);
  if (tx.nonce >= MAX_NONCE) return reject(`TR_NonceHasMaxValue: nonce ${tx.nonce} is not below 2^64-1 (EIP-2681)`);
  const nonce = state.getNonce(tx.sender);
  if (tx.nonce < nonce) return reject(`TR_NonceTooLow: nonce ${tx.nonce} below account nonce ${nonce}`);
  if (tx.nonce > nonce) return reject(`TR_NonceTooHigh: nonce ${tx.nonce} above account nonce ${nonce}`);
  if (tx.to === null && tx.data.length > gasSchedule(fork).maxInitcodeSize) {
    return reject(`TR_InitCodeLimitExceeded: initcode of ${tx.data.length} bytes`); // EIP-3860
  }
  const feeRejection = validateFees(env, tx, fork);
  if (feeRejection) return reject(feeRejection);
  // EIP-3607: an account with code cannot send transactions.
  if (state.getCode(tx.sender).length > 0) return reject('SenderNotEOA: sender has code');
  let maxCost = tx.gasLimit * (tx.type >= 2 ? tx.maxFeePerGas! : tx.gasPrice!) + tx.value;
  if (tx.type === 3) maxCost += blobGasUsed(tx) * tx.maxFeePerBlobGas!;
  const balance = state.getBalance(tx.sender);
  if (balance < maxCost) return reject(`TR_NoFunds: balance ${balance} below maximum cost ${maxCost}`);
  return undefined;
}

function validateFees(env: BlockEnv, tx: Transaction, fork: Fork): string | undefined {
  if (tx.type >= 2) {
    if (tx.maxPriorityFeePerGas! > tx.maxFeePerGas!) return 'TR_TipGtFeeCap: priority fee above max fee';
    if (tx.maxFeePerGas! < env.baseFee) return 'TR_FeeCapLessThanBlocks: max fee below base fee';
  } else if (fork >= Fork.London && tx.gasPrice! < env.baseFee) {
    return 'TR_FeeCapLessThanBlocks: gas price below base fee';
  }
  if (tx.type === 3) return validateBlobs(env, tx);
  return undefined;
}

/** EIP-4844 blob transaction rules. */
function validateBlobs(env: BlockEnv, tx: Transaction): string | undefined {
  const hashes = tx.blobVersionedHashes ?? [];
  if (tx.to === null) return 'TR_BLOBCREATE: blob transactions cannot create contracts';
  if (hashes.length === 0) return 'TR_EMPTYBLOB: blob transaction without blobs';
  if (blobGasUsed(tx) > BLOB.maxGasPerBlock) return 'TR_BLOBLIST_OVERSIZE: too many blobs';
  for (const h of hashes) {
    if (h.length !== 32 || h[0] !== BLOB.versionedHashVersion) return 'TR_BLOBVERSION_INVALID: bad versioned hash';
  }
  if (tx.maxFeePerBlobGas! < blobBaseFee(env.excessBlobGas)) return 'TR_BLOBFEE_LOW: max fee per blob gas below blob base fee';
  return undefined;
}
