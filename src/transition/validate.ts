/** Transaction validation: every reason a transaction is rejected before it touches the state. */
import { VERSIONED_HASH_VERSION_KZG, maxBlobGasPerBlock } from '../forks/blob.js';
import { Fork, forkName } from '../forks/fork.js';
import { gasSchedule } from '../forks/gas.js';
import { txRules, txTypeSince } from '../forks/transaction.js';
import { isDesignator } from '../evm/delegation.js';
import type { WorldState } from '../state/world.js';
import {
  blobGasUsed,
  blobScheduleOf,
  blockBlobBaseFee,
  calldataFloorGas,
  intrinsicGas,
  maxGasPrice,
} from './gas.js';
import { assertTransactionShape } from './shape.js';
import type { Authorization, BlobTransaction, BlockEnv, SetCodeTransaction, Transaction } from './types.js';

export { intrinsicGas, effectiveGasPrice, blobGasUsed } from './gas.js';

/** EIP-2681: nonces stay below 2^64 - 1. */
const MAX_NONCE = (1n << 64n) - 1n;
const MAX_U64 = (1n << 64n) - 1n;
const MAX_U256 = (1n << 256n) - 1n;

/** Why a transaction was rejected; the wording follows the fixture exception names where it can. */
export class TxRejection {
  constructor(readonly reason: string) {}
}

/**
 * Which rules apply: those of a transaction in a block, or eth_call's (geth's SkipNonceChecks and
 * SkipTransactionChecks): no nonce checks, no sender-code check (EIP-3607), no block gas limit or EIP-7825
 * cap, and a zero fee (gas price, max fee and tip all 0; or a zero max fee per blob gas) may be below the
 * base fee. Intrinsic gas, the calldata floor, fee-field consistency and the balance for value plus the
 * fees offered still apply.
 */
export type ValidationRules = 'transaction' | 'call';

/**
 * Returns a rejection, or undefined when the transaction may execute. Reads the state, never writes it.
 * A transaction whose fields do not fit its type (a type 2 without fees, a non-canonical address) is no
 * rejection but a caller's mistake: a TypeError naming the field.
 */
export function validateTransaction(state: WorldState, env: BlockEnv, tx: Transaction, fork: Fork, rules: ValidationRules = 'transaction'): TxRejection | undefined {
  assertTransactionShape(tx);
  const call = rules === 'call';
  const reason = statelessRejection(env, tx, fork, call) ?? statefulRejection(state, tx, call, fork);
  return reason === undefined ? undefined : new TxRejection(reason);
}

/** True when the transaction offers no fee at all (eth_call's free calls). */
export function offersNoFee(tx: Transaction): boolean {
  return tx.type === 0 || tx.type === 1 ? tx.gasPrice === 0n : tx.maxFeePerGas === 0n && tx.maxPriorityFeePerGas === 0n;
}

/** The checks on the transaction and the block alone. */
function statelessRejection(env: BlockEnv, tx: Transaction, fork: Fork, call: boolean): string | undefined {
  if (!txRules(fork).types.includes(tx.type)) {
    const since = txTypeSince(tx.type);
    return `TR_TypeNotSupported: ${since === undefined ? `unknown transaction type ${String(tx.type)}` : `type ${tx.type} transactions start at ${forkName(since)}`}`;
  }
  const tip = tx.type === 0 || tx.type === 1 ? 0n : tx.maxPriorityFeePerGas;
  for (const field of [tx.value, maxGasPrice(tx), tip]) if (field > MAX_U256) return 'value exceeds 256 bits';
  if (!call && tx.gasLimit > env.gasLimit) return 'TR_GasLimitReached: gas limit exceeds the block gas limit';
  const intrinsic = intrinsicGas(tx, fork);
  if (tx.gasLimit < intrinsic) return `TR_IntrinsicGas: intrinsic gas ${intrinsic} exceeds gas limit ${tx.gasLimit}`;
  const floor = calldataFloorGas(tx, fork);
  if (tx.gasLimit < floor) return `TR_IntrinsicGasBelowFloor: calldata floor ${floor} exceeds gas limit ${tx.gasLimit}`; // EIP-7623
  if (!call && tx.nonce >= MAX_NONCE) return `TR_NonceHasMaxValue: nonce ${tx.nonce} is not below 2^64-1 (EIP-2681)`;
  if (tx.to === null && tx.data.length > gasSchedule(fork).maxInitcodeSize) {
    return `TR_InitCodeLimitExceeded: initcode of ${tx.data.length} bytes`; // EIP-3860
  }
  const maxGasLimit = txRules(fork).maxGasLimit;
  if (!call && maxGasLimit !== undefined && tx.gasLimit > maxGasLimit) {
    return `TR_GasLimitExceedsMaximum: gas limit ${tx.gasLimit} above the transaction cap ${maxGasLimit}`; // EIP-7825
  }
  return feeRejection(env, tx, fork, call) ?? typeRejection(env, tx, fork, call);
}

/** The checks against the sender's account. */
function statefulRejection(state: WorldState, tx: Transaction, call: boolean, fork: Fork): string | undefined {
  if (!call) {
    const nonce = state.getNonce(tx.sender);
    if (tx.nonce < nonce) return `TR_NonceTooLow: nonce ${tx.nonce} below account nonce ${nonce}`;
    if (tx.nonce > nonce) return `TR_NonceTooHigh: nonce ${tx.nonce} above account nonce ${nonce}`;
    // EIP-3607: an account with code cannot send transactions; EIP-7702 exempts a delegation designator.
    const code = state.getCode(tx.sender);
    if (code.length > 0 && !(fork >= Fork.Prague && isDesignator(code))) return 'SenderNotEOA: sender has code';
  }
  let maxCost = tx.gasLimit * maxGasPrice(tx) + tx.value;
  if (tx.type === 3) maxCost += blobGasUsed(tx) * tx.maxFeePerBlobGas;
  const balance = state.getBalance(tx.sender);
  if (balance < maxCost) return `TR_NoFunds: balance ${balance} below maximum cost ${maxCost}`;
  return undefined;
}

function feeRejection(env: BlockEnv, tx: Transaction, fork: Fork, call: boolean): string | undefined {
  const free = call && offersNoFee(tx); // eth_call: a call that offers nothing runs at base fee 0
  if (tx.type === 0 || tx.type === 1) {
    if (fork >= Fork.London && !free && tx.gasPrice < env.baseFee) return 'TR_FeeCapLessThanBlocks: gas price below base fee';
    return undefined;
  }
  if (tx.maxPriorityFeePerGas > tx.maxFeePerGas) return 'TR_TipGtFeeCap: priority fee above max fee';
  if (!free && tx.maxFeePerGas < env.baseFee) return 'TR_FeeCapLessThanBlocks: max fee below base fee';
  return undefined;
}

/** The rules of blob (EIP-4844) and set-code (EIP-7702) transactions. */
function typeRejection(env: BlockEnv, tx: Transaction, fork: Fork, call: boolean): string | undefined {
  if (tx.type === 3) return blobRejection(env, tx, fork, call);
  if (tx.type === 4) return setCodeRejection(tx);
  return undefined;
}

/** EIP-4844 blob transaction rules, against the block's blob schedule (EIP-7691). */
function blobRejection(env: BlockEnv, tx: BlobTransaction, fork: Fork, call: boolean): string | undefined {
  const hashes = tx.blobVersionedHashes;
  // The type says `to` is an address; callers without the compiler's checks may still pass null.
  if ((tx.to as string | null) === null) return 'TR_BLOBCREATE: blob transactions cannot create contracts';
  if (tx.maxFeePerBlobGas > MAX_U256) return 'value exceeds 256 bits';
  if (hashes.length === 0) return 'TR_EMPTYBLOB: blob transaction without blobs';
  const maxBlobs = txRules(fork).maxBlobsPerTx;
  if (maxBlobs !== undefined && hashes.length > maxBlobs) {
    return `TR_BLOBCOUNT_EXCEEDED: ${hashes.length} blobs, at most ${maxBlobs} per transaction`; // EIP-7594
  }
  const schedule = blobScheduleOf(env, fork)!;
  if (blobGasUsed(tx) > maxBlobGasPerBlock(schedule)) return `TR_BLOBLIST_OVERSIZE: ${hashes.length} blobs, at most ${schedule.max}`;
  for (const h of hashes) {
    if (h.length !== 32 || h[0] !== VERSIONED_HASH_VERSION_KZG) return 'TR_BLOBVERSION_INVALID: bad versioned hash';
  }
  if (!(call && tx.maxFeePerBlobGas === 0n) && tx.maxFeePerBlobGas < blockBlobBaseFee(env, fork)) return 'TR_BLOBFEE_LOW: max fee per blob gas below blob base fee';
  return undefined;
}

/** EIP-7702 set-code transaction rules: a destination, at least one authorization, fields in range. */
function setCodeRejection(tx: SetCodeTransaction): string | undefined {
  if ((tx.to as string | null) === null) return 'TR_SETCODECREATE: set-code transactions cannot create contracts';
  if (tx.authorizationList.length === 0) return 'TR_EMPTYAUTH: set-code transaction without authorizations';
  for (const [i, auth] of tx.authorizationList.entries()) {
    const bad = authorizationFieldOutOfRange(auth);
    if (bad !== undefined) return `TR_AUTHFIELD: authorization ${i}: ${bad} out of range`;
  }
  return undefined;
}

/** EIP-7702 bounds: chain id, r and s below 2^256, nonce below 2^64, y parity below 2^8. */
export function authorizationFieldOutOfRange(auth: Authorization): string | undefined {
  if (auth.chainId > MAX_U256) return 'chainId';
  if (auth.nonce > MAX_U64) return 'nonce';
  if (!Number.isInteger(auth.yParity) || auth.yParity < 0 || auth.yParity > 0xff) return 'yParity';
  if (auth.r > MAX_U256) return 'r';
  if (auth.s > MAX_U256) return 's';
  return undefined;
}
