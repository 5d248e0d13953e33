/**
 * Starting a transaction's top-level frame: the execution context, the EIP-2929 warm set, the EIP-7702
 * authorizations, and the call (to a delegated account: its delegate's code) or the creation. The one home
 * of these rules: executeTransaction, `evmkit run` and the unit-test runners all start frames here.
 */
import { delegateOf } from '../evm/delegation.js';
import { CallKind, type CallResult, type ExecutionContext, type Message } from '../evm/host.js';
import { Status } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';
import { Fork } from '../forks/fork.js';
import { type Address, createAddress } from '../primitives/address.js';
import { EMPTY_BYTES, bytesToBigInt } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { applyAuthorizations } from './authorization.js';
import { blockBlobBaseFee } from './gas.js';
import { type EngineExtensions, StateHost } from './host.js';
import type { AccessListEntry, Authorization, BlockEnv } from './types.js';

/** What a top-level frame starts from: a transaction after its gas purchase, or a bare message. */
export interface FrameStart {
  readonly sender: Address;
  /** null: a creation at createAddress(sender, nonce). */
  readonly to: Address | null;
  /** The sender's nonce before the transaction bumped it (names a creation's address). */
  readonly nonce: bigint;
  readonly value: bigint;
  /** Call data, or the initcode of a creation. */
  readonly data: Uint8Array;
  /** Gas of the frame: the gas limit less intrinsic gas. */
  readonly gas: bigint;
  /** GASPRICE. */
  readonly gasPrice: bigint;
  readonly accessList: readonly AccessListEntry[];
  readonly blobHashes: readonly Uint8Array[];
  readonly authorizations: readonly Authorization[];
}

/** The per-transaction values the interpreter reads. */
export function executionContext(env: BlockEnv, fork: Fork, origin: Address, gasPrice: bigint, blobHashes: readonly Uint8Array[]): ExecutionContext {
  return {
    fork,
    origin,
    gasPrice,
    coinbase: env.coinbase,
    number: env.number,
    timestamp: env.timestamp,
    gasLimit: env.gasLimit,
    baseFee: env.baseFee,
    prevRandao: fork >= Fork.Paris ? env.prevRandao : env.difficulty, // EIP-4399
    chainId: env.chainId,
    blobBaseFee: blockBlobBaseFee(env, fork),
    blobHashes: blobHashes.map(bytesToBigInt),
  };
}

/** The address the frame runs at: `to`, or the address a creation makes. */
export function frameTarget(start: FrameStart): Address {
  return start.to ?? createAddress(start.sender, start.nonce);
}

/**
 * A host for the frame, with what the transaction starts with warm (EIP-2929/2930/3651): sender, target,
 * precompiles, access list and, from Shanghai, the coinbase.
 */
export function openHost(
  state: WorldState,
  env: BlockEnv,
  fork: Fork,
  start: FrameStart,
  tracer: Tracer | null = null,
  extensions: EngineExtensions = {},
): StateHost {
  const context = executionContext(env, fork, start.sender, start.gasPrice, start.blobHashes);
  const host = new StateHost(state, context, env.blockHash, tracer, extensions);
  if (fork < Fork.Berlin) return host;
  state.warmAccount(start.sender);
  state.warmAccount(frameTarget(start));
  for (const address of host.precompileAddresses()) state.warmAccount(address);
  for (const entry of start.accessList) {
    state.warmAccount(entry.address);
    for (const key of entry.storageKeys) state.warmSlot(entry.address, key);
  }
  if (fork >= Fork.Shanghai) state.warmAccount(env.coinbase);
  return host;
}

/**
 * Runs the frame on a host from openHost: applies the authorizations (their refund counts even when the
 * frame fails), then calls `to` or runs the creation.
 */
export function runFrame(host: StateHost, start: FrameStart): CallResult {
  const state = host.state;
  if (start.authorizations.length > 0) {
    const refund = applyAuthorizations(state, host.context.chainId, start.authorizations);
    if (refund !== 0) state.setRefund(state.refund + refund);
  }
  return start.to === null ? create(host, start) : call(host, start, start.to);
}

/** openHost then runFrame. */
export function startFrame(
  state: WorldState,
  env: BlockEnv,
  fork: Fork,
  start: FrameStart,
  tracer: Tracer | null = null,
  extensions: EngineExtensions = {},
): CallResult {
  return runFrame(openHost(state, env, fork, start, tracer, extensions), start);
}

/** A call to `to`; a delegated account runs its delegate's code, warmed without charge (EIP-7702). */
function call(host: StateHost, start: FrameStart, to: Address): CallResult {
  const delegate = host.context.fork >= Fork.Prague ? delegateOf(host.state.getCode(to)) : null;
  if (delegate !== null) host.state.warmAccount(delegate);
  const message: Message = {
    kind: CallKind.Call,
    caller: start.sender,
    recipient: to,
    codeAddress: delegate ?? to,
    delegated: delegate !== null,
    value: start.value,
    input: start.data,
    gas: start.gas,
    depth: 0,
    isStatic: false,
  };
  return host.call(message);
}

/** A creation at frameTarget(start); an occupied address fails with all gas consumed (EIP-684/7610). */
function create(host: StateHost, start: FrameStart): CallResult {
  const address = frameTarget(start);
  if (host.hasCollision(address)) return { status: Status.CreateCollision, gasLeft: 0n, output: EMPTY_BYTES };
  const message: Message = {
    kind: CallKind.Create,
    caller: start.sender,
    recipient: address,
    codeAddress: address,
    value: start.value,
    input: start.data,
    gas: start.gas,
    depth: 0,
    isStatic: false,
  };
  return host.runCreate(message);
}
