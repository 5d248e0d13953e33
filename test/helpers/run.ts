/**
 * Runners for unit tests: `runTx` executes code through `executeTransaction` in a fresh WorldState (the
 * whole transaction pipeline); `runCode` executes one frame through `StateHost` + `execute` directly, so the
 * frame's exact gas left is visible (no intrinsic gas, no refund).
 */
import { Fork } from '../../src/forks/fork.js';
import { execute } from '../../src/evm/interpreter.js';
import { CallKind, type CallResult, type Message } from '../../src/evm/host.js';
import { isSuccess } from '../../src/evm/status.js';
import type { Tracer } from '../../src/evm/tracer.js';
import type { Address } from '../../src/primitives/address.js';
import { EMPTY_BYTES, hexToBytes } from '../../src/primitives/bytes.js';
import { WorldState } from '../../src/state/world.js';
import { stateTestBlockHash } from '../../src/statetest/env.js';
import { executeTransaction } from '../../src/transition/execute.js';
import { StateHost } from '../../src/transition/host.js';
import { executionContext, openHost, type FrameStart } from '../../src/transition/start.js';
import type {
  AccountInit,
  BlobTransaction,
  BlockEnv,
  DynamicFeeTransaction,
  LegacyTransaction,
  SetCodeTransaction,
  Transaction,
  TxResult,
} from '../../src/transition/types.js';
import type { Code } from './bytecode.js';

/** The externally owned account that sends every test transaction. */
export const SENDER: Address = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
/** The account holding the code under test. */
export const CONTRACT: Address = '0xcccccccccccccccccccccccccccccccccccccccc';
/** The block's coinbase. */
export const COINBASE: Address = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';
/** Balance the sender starts with: 1 ether. */
export const SENDER_BALANCE = 10n ** 18n;

/** Partial account for `pre`. */
export interface AccountSpec {
  nonce?: bigint;
  balance?: bigint;
  code?: Code | Uint8Array;
  storage?: Record<string, bigint> | Map<bigint, bigint>;
}

/** Code given as hex (with or without 0x) or bytes. */
export function toBytes(code: Code | Uint8Array): Uint8Array {
  return typeof code === 'string' ? hexToBytes(code) : code;
}

/** An AccountInit with defaults. */
export function account(spec: AccountSpec = {}): AccountInit {
  const storage =
    spec.storage instanceof Map
      ? spec.storage
      : new Map(Object.entries(spec.storage ?? {}).map(([k, v]) => [BigInt(k), v] as [bigint, bigint]));
  return {
    nonce: spec.nonce ?? 0n,
    balance: spec.balance ?? 0n,
    code: spec.code === undefined ? EMPTY_BYTES : toBytes(spec.code),
    storage,
  };
}

/** A WorldState from address → spec. */
export function makeState(pre: Record<Address, AccountSpec>): WorldState {
  return WorldState.fromAlloc(new Map(Object.entries(pre).map(([a, s]) => [a.toLowerCase(), account(s)])));
}

/** A block environment with small, round values; base fee 7 wei, excess blob gas 0. */
export function blockEnv(overrides: Partial<BlockEnv> = {}): BlockEnv {
  return {
    coinbase: COINBASE,
    number: 1n,
    timestamp: 1000n,
    gasLimit: 30_000_000n,
    baseFee: 7n,
    prevRandao: 0x20000n,
    difficulty: 0x20000n,
    excessBlobGas: 0n,
    chainId: 1n,
    blockHash: stateTestBlockHash,
    ...overrides,
  };
}

/**
 * Overrides of a test transaction: any field of any type. A field set to undefined is dropped, so a test can
 * turn the default legacy transaction into another type (`{ type: 2, gasPrice: undefined, maxFeePerGas… }`).
 */
export type TxFields = { [K in keyof UnionFields]?: UnionFields[K] | undefined };
type UnionFields = Omit<LegacyTransaction, 'type'> &
  Omit<DynamicFeeTransaction, 'type' | 'to'> &
  Omit<BlobTransaction, 'type' | 'to'> &
  Omit<SetCodeTransaction, 'type' | 'to'> & { type: Transaction['type'] };

/**
 * A legacy transaction from SENDER to CONTRACT at gas price 10, 1,000,000 gas; fields overridable. The result is
 * not checked against its type's shape: validation tests build malformed transactions on purpose.
 */
export function transaction(overrides: TxFields = {}): Transaction {
  const tx: Record<string, unknown> = {
    type: 0,
    sender: SENDER,
    to: CONTRACT,
    nonce: 0n,
    gasLimit: 1_000_000n,
    value: 0n,
    data: EMPTY_BYTES,
    gasPrice: 10n,
  };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) delete tx[key];
    else tx[key] = value;
  }
  return tx as unknown as Transaction;
}

/** Options of runTx. */
export interface RunTxOptions {
  fork?: Fork;
  /** Extra (or replacement) accounts of the pre-state. */
  pre?: Record<Address, AccountSpec>;
  tx?: TxFields;
  env?: Partial<BlockEnv>;
  /** Storage of CONTRACT before the transaction. */
  storage?: Record<string, bigint>;
  /** Balance of CONTRACT before the transaction. */
  balance?: bigint;
  tracer?: Tracer;
}

/** What runTx returns. */
export interface TxRun {
  result: TxResult;
  state: WorldState;
  gasUsed: bigint;
  output: Uint8Array;
}

/** Runs `code` at CONTRACT through executeTransaction (default fork Cancun) and returns the outcome. */
export function runTx(code: Code | Uint8Array, options: RunTxOptions = {}): TxRun {
  const state = makeState({
    [SENDER]: { balance: SENDER_BALANCE },
    [CONTRACT]: { code, storage: options.storage, balance: options.balance ?? 0n },
    ...options.pre,
  });
  const result = executeTransaction(
    state,
    blockEnv(options.env),
    transaction(options.tx),
    options.fork ?? Fork.Cancun,
    { tracer: options.tracer },
  );
  return { result, state, gasUsed: result.gasUsed, output: result.output };
}

/** Options of runCode. */
export interface RunCodeOptions {
  fork?: Fork;
  /** Gas given to the frame (default 1,000,000). */
  gas?: number;
  input?: Code | Uint8Array;
  value?: bigint;
  isStatic?: boolean;
  pre?: Record<Address, AccountSpec>;
  storage?: Record<string, bigint>;
  /** Balance of CONTRACT (default 0). */
  balance?: bigint;
  /** Warm what a transaction starts with (sender, CONTRACT, precompiles, coinbase from Shanghai; default true). */
  warm?: boolean;
  depth?: number;
  tracer?: Tracer;
  /** Address the code runs at (default CONTRACT). */
  address?: Address;
  /** Nonce of that account (default 0). */
  nonce?: bigint;
}

/** What runCode returns: the frame's CallResult plus gas used (a number: tests use small gas) and its state. */
export interface CodeRun extends CallResult {
  gasUsed: number;
  state: WorldState;
  host: StateHost;
}

/** Runs `code` as one frame at CONTRACT (or `address`) called by SENDER; state changes are reverted when it fails. */
export function runCode(code: Code | Uint8Array, options: RunCodeOptions = {}): CodeRun {
  const fork = options.fork ?? Fork.Cancun;
  const gas = options.gas ?? 1_000_000;
  const bytes = toBytes(code);
  const self = options.address ?? CONTRACT;
  const state = makeState({
    [SENDER]: { balance: SENDER_BALANCE },
    [self]: { code: bytes, storage: options.storage, balance: options.balance ?? 0n, nonce: options.nonce ?? 0n },
    ...options.pre,
  });
  const start: FrameStart = {
    sender: SENDER,
    to: self,
    nonce: 0n,
    value: options.value ?? 0n,
    data: options.input === undefined ? EMPTY_BYTES : toBytes(options.input),
    gas: BigInt(gas),
    gasPrice: 10n,
    accessList: [],
    blobHashes: [],
    authorizations: [],
  };
  // The context and warm set a transaction starts with (transition/start.ts), or the context alone.
  const env = blockEnv();
  const host =
    (options.warm ?? true)
      ? openHost(state, env, fork, start)
      : new StateHost(state, executionContext(env, fork, SENDER, start.gasPrice, []), env.blockHash);
  const message: Message = {
    kind: CallKind.Call,
    caller: SENDER,
    recipient: self,
    codeAddress: self,
    value: start.value,
    input: start.data,
    gas: start.gas,
    depth: options.depth ?? 0,
    isStatic: options.isStatic ?? false,
  };
  const checkpoint = state.checkpoint();
  const result = execute(host, message, bytes, options.tracer ?? null);
  if (!isSuccess(result.status)) state.revert(checkpoint);
  return { ...result, gasUsed: Number(BigInt(gas) - BigInt(result.gasLeft)), state, host };
}

/** The 32-byte output as a word. */
export function outputWord(output: Uint8Array): bigint {
  if (output.length !== 32) throw new Error(`output is ${output.length} bytes, not 32`);
  return BigInt('0x' + Buffer.from(output).toString('hex'));
}

/** Gas of `retTop()`: PUSH1 0 (3) + MSTORE (3 + 3 for the first memory word) + PUSH1 32 (3) + PUSH1 0 (3) + RETURN (0). */
export const RET_TOP_GAS = 15;

/**
 * Runs `ins(opcode, ...args) + retTop()` and returns the word and the gas of the whole frame: for an opcode
 * with constant gas G and k pushed args of 1–32 bytes, gasUsed = 3k + G + RET_TOP_GAS.
 */
export function evalOp(opcode: number, args: (number | bigint)[], options: RunCodeOptions = {}): CodeRun & { value: bigint } {
  const r = runCode(insRet(opcode, args), options);
  return { ...r, value: r.output.length === 32 ? outputWord(r.output) : -1n };
}

function insRet(opcode: number, args: (number | bigint)[]): string {
  let code = '';
  for (let i = args.length - 1; i >= 0; i--) {
    const v = BigInt(args[i]);
    const digits = v.toString(16);
    const n = Math.max(1, Math.ceil(digits.length / 2));
    code += (0x5f + n).toString(16) + digits.padStart(2 * n, '0');
  }
  return code + opcode.toString(16).padStart(2, '0') + '6000526020' + '6000f3';
}
