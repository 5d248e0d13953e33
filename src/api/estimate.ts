/**
 * Gas estimation as geth does it (eth/gasestimator): a run at the highest allowed limit (an error there is
 * the answer), then the binary search between the gas that run used and that limit, with geth's optimistic
 * first probe and its low-side bisection. The 63/64 rule makes the gas used too little for calls that forward
 * gas; the search finds the least limit that succeeds. With errorRatio 0 (the default) it is exact: the
 * limit returned succeeds and one less fails.
 */
import { GAS_PER_BLOB } from '../forks/blob.js';
import type { Fork } from '../forks/fork.js';
import { txRules } from '../forks/transaction.js';
import type { WorldState } from '../state/world.js';
import type { BlockEnv, TxResult } from '../transition/types.js';
import type { CallRequest } from './request.js';
import { toAddress } from './request.js';
import { ExecutionFailedError, TransactionRejectedError, failureMessage, type ExecutionResult } from './result.js';

/** Options of estimateGas. */
export interface EstimateOptions {
  /**
   * Stop when (hi - lo) / hi falls below this ratio, returning hi (an overestimate within the ratio), as
   * geth's `--rpc.gascap`-side estimator allows (its RPC uses 0.015). Default 0: the exact minimum.
   */
  readonly errorRatio?: number;
}

/** One simulated run at a gas limit: the engine's result and the API's (undefined when rejected). */
export interface Probe {
  readonly raw: TxResult;
  readonly result: ExecutionResult | undefined;
}

const TX_GAS = 21_000n;
/** EIP-150 call stipend, in geth's optimistic limit. */
const CALL_STIPEND = 2_300n;

/** True when a rejection is about the gas limit being too low (geth: ErrIntrinsicGas, the floor). */
function gasTooLow(reason: string): boolean {
  return reason.startsWith('TR_IntrinsicGas');
}

/**
 * The least gas limit at which `req` succeeds. `probe(gas)` runs the request at `gas` on a throwaway copy
 * of the state. Throws TransactionRejectedError when the request is invalid at any gas, ExecutionFailedError
 * when it fails at the highest limit (the revert decoded, or "gas required exceeds allowance").
 */
export function estimateGas(
  req: CallRequest,
  state: WorldState,
  env: BlockEnv,
  fork: Fork,
  probe: (gas: bigint) => Probe,
  options: EstimateOptions = {},
): bigint {
  const errorRatio = options.errorRatio ?? 0;
  let hi = req.gas !== undefined && req.gas >= TX_GAS ? req.gas : env.gasLimit;
  const cap = txRules(fork).maxGasLimit; // EIP-7825
  if (cap !== undefined && hi > cap) hi = cap;
  hi = capByFunds(req, state, hi);

  // A failed run: undefined; a run that succeeded: its result. Rejections other than too little gas throw.
  const attempt = (gas: bigint): ExecutionResult | undefined => {
    const { raw, result } = probe(gas);
    if (raw.status === 'invalid') {
      if (gasTooLow(raw.error ?? '')) return undefined;
      throw new TransactionRejectedError(raw.error ?? 'rejected');
    }
    return result!.status === 'success' ? result : undefined;
  };

  // A plain transfer to an account without code: try 21,000 first (an access list may still raise it).
  const data = req.data ?? '';
  if (data.length === 0 || data === '0x') {
    if (req.to !== undefined && req.to !== null && state.getCode(toAddress(req.to, 'to')).length === 0) {
      if (attempt(TX_GAS) !== undefined) return TX_GAS;
    }
  }
  const top = probe(hi);
  if (top.raw.status === 'invalid') {
    const reason = top.raw.error ?? 'rejected';
    throw new TransactionRejectedError(gasTooLow(reason) ? `gas required exceeds allowance (${hi}): ${reason}` : reason);
  }
  const first = top.result!;
  if (first.status !== 'success') {
    if (first.status === 'halt' && first.error === 'out of gas') throw new ExecutionFailedError(`gas required exceeds allowance (${hi})`, first);
    throw new ExecutionFailedError(failureMessage(first), first);
  }
  let lo = first.gasUsed - 1n;
  // geth's optimistic probe: the gas used before refunds, plus a stipend, times 64/63.
  const optimistic = ((first.gasUsed + first.gasRefund + CALL_STIPEND) * 64n) / 63n;
  if (optimistic < hi) {
    if (attempt(optimistic) === undefined) lo = optimistic;
    else hi = optimistic;
  }
  while (lo + 1n < hi) {
    if (errorRatio > 0 && Number(hi - lo) / Number(hi) < errorRatio) break;
    let mid = lo + (hi - lo) / 2n;
    if (mid > lo * 2n) mid = lo * 2n; // most transactions need little more than they use: bisect low
    if (attempt(mid) === undefined) lo = mid;
    else hi = mid;
  }
  return hi;
}

/** geth: with a fee offered, the limit is at most what the sender's balance (less the value) can pay. */
function capByFunds(req: CallRequest, state: WorldState, hi: bigint): bigint {
  const feeCap = req.maxFeePerGas ?? req.gasPrice ?? 0n;
  if (feeCap === 0n) return hi;
  let available = state.getBalance(toAddress(req.from ?? '0x0000000000000000000000000000000000000000', 'from'));
  const value = req.value ?? 0n;
  if (value >= available && value > 0n) throw new TransactionRejectedError(`insufficient funds for transfer: balance ${available}, value ${value}`);
  available -= value;
  const blobs = BigInt(req.blobVersionedHashes?.length ?? 0);
  if (blobs > 0n) {
    const blobCost = blobs * GAS_PER_BLOB * (req.maxFeePerBlobGas ?? 0n);
    if (blobCost >= available) throw new TransactionRejectedError(`insufficient funds for blob gas: balance ${available}, blob cost ${blobCost}`);
    available -= blobCost;
  }
  const allowance = available / feeCap;
  return hi > allowance ? allowance : hi;
}
