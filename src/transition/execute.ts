/** Executing one transaction: validate → buy gas → message call or creation → refund → pay coinbase → finalize. */
import { Fork } from '../forks/fork.js';
import { blobBaseFee, gasSchedule } from '../forks/gas.js';
import { CallKind, type CallResult, type ExecutionContext, type Message } from '../evm/host.js';
import { Status, isSuccess, statusMessage } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';
import { createAddress } from '../primitives/address.js';
import { EMPTY_BYTES, bytesToBigInt } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { StateHost } from './host.js';
import type { BlockEnv, Transaction, TxResult } from './types.js';
import { blobGasUsed, effectiveGasPrice, intrinsicGas, validateTransaction } from './validate.js';

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
  const blobFee = tx.type === 3 ? blobGasUsed(tx) * blobBaseFee(env.excessBlobGas) : 0n;
  state.subBalance(tx.sender, tx.gasLimit * gasPrice + blobFee);
  state.setNonce(tx.sender, tx.nonce + 1n);

  const host = new StateHost(state, executionContext(env, tx, fork, gasPrice), env.blockHash, options.tracer ?? null);
  warmUp(host, env, tx, fork);
  const gas = tx.gasLimit - intrinsicGas(tx, fork);
  const result = tx.to === null ? createFromTransaction(host, tx, gas) : callFromTransaction(host, tx, gas);

  const gasUsed = settleGas(state, env, tx, fork, gasPrice, result.gasLeft);
  const logs = isSuccess(result.status) ? [...state.logs] : [];
  state.finalizeTransaction(fork >= Fork.SpuriousDragon); // EIP-161
  return {
    status: isSuccess(result.status) ? 'success' : result.status === Status.Revert ? 'revert' : 'halt',
    error: isSuccess(result.status) ? undefined : statusMessage(result.status),
    gasUsed,
    output: result.output,
    logs,
    createdAddress: tx.to === null && isSuccess(result.status) ? result.createdAddress : undefined,
  };
}

function executionContext(env: BlockEnv, tx: Transaction, fork: Fork, gasPrice: bigint): ExecutionContext {
  return {
    fork,
    origin: tx.sender,
    gasPrice,
    coinbase: env.coinbase,
    number: env.number,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    baseFee: env.baseFee,
    prevRandao: fork >= Fork.Paris ? env.prevRandao : env.difficulty, // EIP-4399
    chainId: env.chainId,
    blobBaseFee: fork >= Fork.Cancun ? blobBaseFee(env.excessBlobGas) : 0n,
    blobHashes: (tx.blobVersionedHashes ?? []).map(bytesToBigInt),
  };
}

/** EIP-2929/2930/3651: sender, recipient, precompiles, access list and (Shanghai on) coinbase start warm. */
function warmUp(host: StateHost, env: BlockEnv, tx: Transaction, fork: Fork): void {
  if (fork < Fork.Berlin) return;
  const state = host.state;
  state.warmAccount(tx.sender);
  if (tx.to !== null) state.warmAccount(tx.to);
  for (const address of host.precompileAddresses()) state.warmAccount(address);
  for (const entry of tx.accessList ?? []) {
    state.warmAccount(entry.address);
    for (const key of entry.storageKeys) state.warmSlot(entry.address, key);
  }
  if (fork >= Fork.Shanghai) state.warmAccount(env.coinbase);
}

function callFromTransaction(host: StateHost, tx: Transaction, gas: bigint): CallResult {
  const message: Message = {
    kind: CallKind.Call,
    caller: tx.sender,
    recipient: tx.to!,
    codeAddress: tx.to!,
    value: tx.value,
    input: tx.data,
    gas,
    depth: 0,
    isStatic: false,
  };
  return host.call(message);
}

function createFromTransaction(host: StateHost, tx: Transaction, gas: bigint): CallResult {
  const address = createAddress(tx.sender, tx.nonce);
  if (host.context.fork >= Fork.Berlin) host.state.warmAccount(address);
  if (host.hasCollision(address)) return { status: Status.CreateCollision, gasLeft: 0n, output: EMPTY_BYTES };
  const message: Message = {
    kind: CallKind.Create,
    caller: tx.sender,
    recipient: address,
    codeAddress: address,
    value: tx.value,
    input: tx.data,
    gas,
    depth: 0,
    isStatic: false,
  };
  return host.runCreate(message);
}

/** Applies the refund (capped by EIP-3529's quotient), repays the sender and pays the coinbase. */
function settleGas(state: WorldState, env: BlockEnv, tx: Transaction, fork: Fork, gasPrice: bigint, gasLeft: bigint): bigint {
  let gasUsed = tx.gasLimit - gasLeft;
  const refundCap = gasUsed / BigInt(gasSchedule(fork).maxRefundQuotient);
  const refund = BigInt(Math.max(state.refund, 0));
  gasUsed -= refund < refundCap ? refund : refundCap;
  state.addBalance(tx.sender, (tx.gasLimit - gasUsed) * gasPrice);
  // EIP-1559: the base fee is burned; the coinbase gets only the priority fee.
  const coinbasePrice = fork >= Fork.London ? gasPrice - env.baseFee : gasPrice;
  state.addBalance(env.coinbase, gasUsed * coinbasePrice);
  state.touch(env.coinbase);
  return gasUsed;
}
