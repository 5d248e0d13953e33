/** What the everyday API returns, and the two errors it throws. */
import type { Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/bytes.js';
import { intrinsicGas } from '../transition/gas.js';
import type { Log, Transaction, TxResult } from '../transition/types.js';
import type { Fork } from '../forks/fork.js';
import { type RevertReason, decodeRevert, describeRevert } from './revert.js';

/** The outcome of a call or of a transaction that was executed (not rejected). */
export interface ExecutionResult {
  /** `revert`: REVERT ran (gas left is returned); `halt`: an exceptional halt (all gas consumed). */
  readonly status: 'success' | 'revert' | 'halt';
  /** Return data, or the revert data. */
  readonly output: Uint8Array;
  /** Gas the transaction used: intrinsic gas and execution, less the refund, at least the EIP-7623 floor. */
  readonly gasUsed: bigint;
  /** The refund applied (SSTORE clears, pre-London SELFDESTRUCT), after EIP-3529's cap. */
  readonly gasRefund: bigint;
  /** The part of gasUsed charged before execution (base, calldata, creation, access list, authorizations). */
  readonly intrinsicGas: bigint;
  /** Logs emitted (none unless the status is success). */
  readonly logs: readonly Log[];
  /** Why it did not succeed: 'execution reverted', 'out of gas', 'invalid jump destination', … */
  readonly error?: string;
  /** The revert decoded (status `revert` only). */
  readonly revert?: RevertReason;
  /** The new contract's address (a creation that succeeded). */
  readonly createdAddress?: Address;
}

/** A committed transaction: its result and the transaction as it was executed (nonce, fees and gas filled). */
export interface SendResult extends ExecutionResult {
  /** The transaction executed, with the sender, nonce, fees and gas limit it ran with. */
  readonly transaction: Transaction;
}

/** A successful deployment: the contract's address is always there. */
export interface DeployResult extends SendResult {
  /** The new contract's address. */
  readonly address: Address;
}

/** The transaction was rejected before execution (nonce, fees, balance, intrinsic gas, chain id, …). */
export class TransactionRejectedError extends Error {
  override readonly name = 'TransactionRejectedError';
  constructor(
    /** The rejection as the engine words it, e.g. `TR_NoFunds: balance 0 below maximum cost 21000`. */
    readonly reason: string,
  ) {
    super(`transaction rejected: ${reason}`);
  }
}

/** The transaction ran and failed where success was needed (deploy, estimateGas); the result is attached. */
export class ExecutionFailedError extends Error {
  override readonly name = 'ExecutionFailedError';
  constructor(
    message: string,
    /** The failed run: status, error, decoded revert, gas. */
    readonly result: ExecutionResult,
  ) {
    super(message);
  }
}

/** The API's result of an engine result; a rejection throws TransactionRejectedError. */
export function executionResult(r: TxResult, tx: Transaction, fork: Fork): ExecutionResult {
  if (r.status === 'invalid') throw new TransactionRejectedError(r.error ?? 'rejected');
  return {
    status: r.status,
    output: r.output,
    gasUsed: r.gasUsed,
    gasRefund: r.gasRefund ?? 0n,
    intrinsicGas: intrinsicGas(tx, fork),
    logs: r.logs,
    ...(r.error === undefined ? {} : { error: r.error }),
    ...(r.status === 'revert' ? { revert: decodeRevert(r.output) } : {}),
    ...(r.createdAddress === undefined ? {} : { createdAddress: r.createdAddress }),
  };
}

/** The message of a failed result: the decoded revert, or the halt reason. */
export function failureMessage(result: ExecutionResult): string {
  if (result.revert !== undefined) return describeRevert(result.revert);
  return result.error ?? result.status;
}

/** A log with hex topics and data (`0x…`), the shape JSON-RPC and viem's decodeEventLog use. */
export interface HexLog {
  readonly address: Address;
  readonly topics: `0x${string}`[];
  readonly data: `0x${string}`;
}

/** `log` with its topics as 32-byte hex words and its data as hex. */
export function hexLog(log: Log): HexLog {
  return {
    address: log.address,
    topics: log.topics.map((t) => `0x${t.toString(16).padStart(64, '0')}` as const),
    data: bytesToHex(log.data) as `0x${string}`,
  };
}
