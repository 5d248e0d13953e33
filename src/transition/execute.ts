/** Executing one transaction: validate → buy gas → start the frame → refund and floor → pay coinbase → finalize. */
import { Fork } from '../forks/fork.js';
import { gasSchedule } from '../forks/gas.js';
import { Status, isSuccess, statusText } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { accessListOf, blobGasUsed, blockBlobBaseFee, calldataFloorGas, effectiveGasPrice, intrinsicGas } from './gas.js';
import { type FrameStart, startFrame } from './start.js';
import type { BlockEnv, Transaction, TxResult } from './types.js';
import { validateTransaction } from './validate.js';

/** Options for executeTransaction. */
export interface ExecuteOptions {
  /** Observer of every step and call (EIP-3155 tracing). */
  readonly tracer?: Tracer | null;
}

/**
 * Applies `tx` to `state` in block `env` under `fork`. A rejected transaction returns status 'invalid'
 * with the reason and leaves the state untouched.
 */
export function executeTransaction(
  state: WorldState,
  env: BlockEnv,
  tx: Transaction,
  fork: Fork,
  options: ExecuteOptions = {},
): TxResult {
  const rejection = validateTransaction(state, env, tx, fork);
  if (rejection) return { status: 'invalid', error: rejection.reason, gasUsed: 0n, output: EMPTY_BYTES, logs: [] };

  const gasPrice = effectiveGasPrice(tx, env);
  const blobFee = blobGasUsed(tx) * blockBlobBaseFee(env, fork);
  state.subBalance(tx.sender, tx.gasLimit * gasPrice + blobFee);
  state.setNonce(tx.sender, tx.nonce + 1n);

  const result = startFrame(state, env, fork, frameStart(tx, fork, gasPrice), options.tracer ?? null);

  const gasUsed = settleGas(state, env, tx, fork, gasPrice, result.gasLeft);
  const logs = isSuccess(result.status) ? [...state.logs] : [];
  const diff = state.finalizeTransaction(fork >= Fork.SpuriousDragon); // EIP-161
  return {
    status: isSuccess(result.status) ? 'success' : result.status === Status.Revert ? 'revert' : 'halt',
    error: isSuccess(result.status) ? undefined : statusText(result),
    gasUsed,
    output: result.output,
    logs,
    createdAddress: tx.to === null && isSuccess(result.status) ? result.createdAddress : undefined,
    diff,
  };
}

/** The transaction's top-level frame: its gas is the limit less intrinsic gas. */
function frameStart(tx: Transaction, fork: Fork, gasPrice: bigint): FrameStart {
  return {
    sender: tx.sender,
    to: tx.to,
    nonce: tx.nonce,
    value: tx.value,
    data: tx.data,
    gas: tx.gasLimit - intrinsicGas(tx, fork),
    gasPrice,
    accessList: accessListOf(tx),
    blobHashes: tx.type === 3 ? tx.blobVersionedHashes : [],
    authorizations: tx.type === 4 ? tx.authorizationList : [],
  };
}

/**
 * Applies the refund (capped by EIP-3529's quotient), then the EIP-7623 calldata floor, repays the sender and
 * pays the coinbase; returns the gas the transaction used.
 */
function settleGas(state: WorldState, env: BlockEnv, tx: Transaction, fork: Fork, gasPrice: bigint, gasLeft: bigint): bigint {
  let gasUsed = tx.gasLimit - gasLeft;
  const refundCap = gasUsed / BigInt(gasSchedule(fork).maxRefundQuotient);
  const refund = BigInt(Math.max(state.refund, 0));
  gasUsed -= refund < refundCap ? refund : refundCap;
  const floor = calldataFloorGas(tx, fork);
  if (gasUsed < floor) gasUsed = floor;
  state.addBalance(tx.sender, (tx.gasLimit - gasUsed) * gasPrice);
  // EIP-1559: the base fee is burned; the coinbase gets only the priority fee.
  const coinbasePrice = fork >= Fork.London ? gasPrice - env.baseFee : gasPrice;
  state.addBalance(env.coinbase, gasUsed * coinbasePrice);
  state.touch(env.coinbase);
  return gasUsed;
}
