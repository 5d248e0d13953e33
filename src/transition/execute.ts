/** Executing one transaction: validate → buy gas → start the frame → refund and floor → pay coinbase → finalize. */
import { Fork } from '../forks/fork.js';
import { gasSchedule } from '../forks/gas.js';
import { Status, isSuccess, statusText } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';
import type { EngineExtensions } from './host.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { accessListOf, blobGasUsed, blockBlobBaseFee, calldataFloorGas, effectiveGasPrice, intrinsicGas } from './gas.js';
import { type FrameStart, startFrame } from './start.js';
import type { BlockEnv, Transaction, TxResult } from './types.js';
import { type ValidationRules, offersNoFee, validateTransaction } from './validate.js';

/** A tracer that also sees the transaction around its frames (a call tracer's top frame, a prestate). */
export interface TransactionTracer extends Tracer {
  /** The transaction was validated and is about to buy its gas; `state` is still the state before it. */
  onTxStart?(tx: Transaction, state: WorldState, env: BlockEnv): void;
  /** The transaction was finalised (refund, coinbase, EIP-161 deletions); `state` is the state after it. */
  onTxEnd?(result: TxResult, state: WorldState): void;
}

/** Options for executeTransaction. */
export interface ExecuteOptions {
  /** Observer of every step and call (EIP-3155 tracing), and of the transaction when it has onTxStart/onTxEnd. */
  readonly tracer?: TransactionTracer | null;
  /** 'call' applies eth_call's validation rules (see ValidationRules); a zero-fee call then sees base fee 0. */
  readonly rules?: ValidationRules;
  /** An EVM instance's precompiles and instruction set. */
  readonly extensions?: EngineExtensions;
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
  const rules = options.rules ?? 'transaction';
  const rejection = validateTransaction(state, env, tx, fork, rules);
  if (rejection) return { status: 'invalid', error: rejection.reason, gasUsed: 0n, output: EMPTY_BYTES, logs: [] };
  // geth's eth_call and gas estimation lower the base fee to 0 for a call that offers no fee.
  if (rules === 'call' && offersNoFee(tx)) env = { ...env, baseFee: 0n };
  const tracer = options.tracer ?? null;
  tracer?.onTxStart?.(tx, state, env);

  // The sender's debit belongs to the transaction (its diff, its savepoint), not to setup between transactions.
  state.beginTransaction();
  const gasPrice = effectiveGasPrice(tx, env);
  const freeBlobs = rules === 'call' && tx.type === 3 && tx.maxFeePerBlobGas === 0n;
  const blobFee = freeBlobs ? 0n : blobGasUsed(tx) * blockBlobBaseFee(env, fork);
  state.subBalance(tx.sender, tx.gasLimit * gasPrice + blobFee);
  state.setNonce(tx.sender, tx.nonce + 1n);

  const result = startFrame(state, env, fork, frameStart(tx, fork, gasPrice), tracer, options.extensions);

  const { gasUsed, refund } = settleGas(state, env, tx, fork, gasPrice, result.gasLeft);
  const logs = isSuccess(result.status) ? [...state.logs] : [];
  const diff = state.finalizeTransaction(fork >= Fork.SpuriousDragon); // EIP-161
  const outcome: TxResult = {
    status: isSuccess(result.status) ? 'success' : result.status === Status.Revert ? 'revert' : 'halt',
    error: isSuccess(result.status) ? undefined : statusText(result),
    gasUsed,
    gasRefund: refund,
    output: result.output,
    logs,
    createdAddress: tx.to === null && isSuccess(result.status) ? result.createdAddress : undefined,
    diff,
  };
  tracer?.onTxEnd?.(outcome, state);
  return outcome;
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
 * pays the coinbase; returns the gas the transaction used and the refund applied.
 */
function settleGas(state: WorldState, env: BlockEnv, tx: Transaction, fork: Fork, gasPrice: bigint, gasLeft: bigint): { gasUsed: bigint; refund: bigint } {
  let gasUsed = tx.gasLimit - gasLeft;
  const refundCap = gasUsed / BigInt(gasSchedule(fork).maxRefundQuotient);
  const counter = BigInt(Math.max(state.refund, 0));
  const refund = counter < refundCap ? counter : refundCap;
  gasUsed -= refund;
  const floor = calldataFloorGas(tx, fork);
  if (gasUsed < floor) gasUsed = floor;
  state.addBalance(tx.sender, (tx.gasLimit - gasUsed) * gasPrice);
  // EIP-1559: the base fee is burned; the coinbase gets only the priority fee.
  const coinbasePrice = fork >= Fork.London ? gasPrice - env.baseFee : gasPrice;
  state.addBalance(env.coinbase, gasUsed * coinbasePrice);
  state.touch(env.coinbase);
  return { gasUsed, refund };
}
