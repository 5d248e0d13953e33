/**
 * createEvm: the everyday API over the engine. An Evm holds a fork, a world state and a block, and answers
 * eth_call-style calls (never committed), gas estimates and access lists, and sends transactions (built from
 * a request, or signed bytes) that it commits. Snapshots roll back whole transactions. Each instance may
 * have its own precompiles and opcodes; the default path of other instances is untouched.
 */
import { type CustomOpcode, type InstructionSet, buildInstructionSet } from '../evm/instruction-set.js';
import { disassemble } from '../evm/disassemble.js';
import type { Message } from '../evm/host.js';
import { Fork, LATEST_FORK, parseFork } from '../forks/fork.js';
import { precompilesFor, type PrecompileResult } from '../precompiles/index.js';
import { type Address, createAddress } from '../primitives/address.js';
import { type Savepoint, WorldState } from '../state/world.js';
import { decodeTransaction, signatureRejection } from '../block/transaction.js';
import { type TransactionTracer, executeTransaction } from '../transition/execute.js';
import type { EngineExtensions, HostPrecompile } from '../transition/host.js';
import type { ValidationRules } from '../transition/validate.js';
import type { AccessListEntry, Alloc, BlockEnv, Transaction, TxResult } from '../transition/types.js';
import { AccessListTracer, sameAccessList } from './access-list.js';
import { type BlockEnvInit, blockEnv } from '../transition/env.js';
import { type EstimateOptions, estimateGas } from './estimate.js';
import { type BytesLike, type CallRequest, toAddress, toBytes, toTransaction } from './request.js';
import {
  type DeployResult,
  type ExecutionResult,
  type SendResult,
  ExecutionFailedError,
  TransactionRejectedError,
  executionResult,
  failureMessage,
} from './result.js';

/** A precompile of one EVM instance: like the built-in ones, plus the message that called it. */
export type CustomPrecompile = (input: Uint8Array, gasLimit: number, message: Message) => PrecompileResult;

/** What createEvm takes. */
export interface EvmOptions {
  /** A Fork, or its name ('Cancun', 'Prague', fixture names too); default: the newest fork evmkit implements. */
  readonly fork?: Fork | string;
  /** The world state to run on (used and changed in place), or an allocation to start from; default empty. */
  readonly state?: WorldState | Alloc;
  /** The block calls and transactions run in; blockEnv()'s defaults for fields left out. */
  readonly block?: BlockEnvInit;
  /** Extra precompiles by address, for this instance only; an address of a built-in one replaces it. */
  readonly precompiles?: Readonly<Record<string, CustomPrecompile>> | ReadonlyMap<string, CustomPrecompile>;
  /** Extra opcodes (on bytes the fork leaves unassigned), for this instance only. */
  readonly opcodes?: readonly CustomOpcode[];
}

/** Per-call options: a tracer (callTracer(), prestateTracer(), opcodeCounter(), an Eip3155Tracer, your own). */
export interface RunOptions {
  /** Observes the run: every step, call, log, and the transaction's start and end. */
  readonly tracer?: TransactionTracer;
}

/** A deployment: a creation request (`data` is the initcode with any constructor arguments). */
export type DeployRequest = Omit<CallRequest, 'to'>;

/** The result of createAccessList. */
export interface AccessListResult {
  /** Accounts and slots the call touches (sender, recipient and precompiles excepted), sorted. */
  readonly accessList: AccessListEntry[];
  /** Gas used by the call with that access list. */
  readonly gasUsed: bigint;
  /** The call's result with that access list. */
  readonly result: ExecutionResult;
}

/** createAccessList gives up after this many runs (geth has no limit; a call whose list never settles is rare). */
const MAX_ACCESS_LIST_RUNS = 32;

/** A synchronous EVM instance with an everyday API. */
export class Evm {
  /** The fork every call and transaction runs under. */
  readonly fork: Fork;
  /** The world state calls read and transactions change. Read it freely; write it between transactions. */
  readonly state: WorldState;
  /** This instance's instruction set (the fork's, plus custom opcodes). */
  readonly instructions: InstructionSet;
  private env: BlockEnv;
  private readonly extensions: EngineExtensions;
  private readonly precompileAddresses: ReadonlySet<Address>;
  private readonly snapshots: { readonly id: number; readonly savepoint: Savepoint }[] = [];
  private nextSnapshot = 1;

  constructor(options: EvmOptions = {}) {
    this.fork = forkOf(options.fork);
    const state = options.state;
    this.state = state === undefined ? new WorldState() : state instanceof WorldState ? state : WorldState.fromAlloc(state);
    this.env = blockEnv(options.block);
    this.instructions = buildInstructionSet(this.fork, options.opcodes ?? []);
    const precompiles = instancePrecompiles(this.fork, options.precompiles);
    this.precompileAddresses = new Set(precompiles.keys());
    this.extensions = {
      ...(options.precompiles === undefined ? {} : { precompiles }),
      ...(this.instructions.custom ? { instructions: this.instructions } : {}),
    };
  }

  /** The block calls and transactions run in. */
  get block(): BlockEnv {
    return this.env;
  }

  /**
   * Changes fields of the block (e.g. the next number and timestamp); fields left out stay. BLOCKHASH given
   * here, as `blockHash` or `blockHashes`, replaces the block's source of hashes whichever form that had.
   */
  setBlock(init: BlockEnvInit): void {
    const { blockHash, ...fields } = this.env;
    const newHashes = init.blockHash !== undefined || init.blockHashes !== undefined;
    this.env = blockEnv({ ...fields, ...(newHashes ? {} : { blockHash }), ...init });
  }

  /**
   * Runs `req` as eth_call does: no nonce, fee or sender-code checks, zero fees unless given (and then a base
   * fee of 0), gas the block gas limit unless given; nothing is committed. Throws TransactionRejectedError
   * for what even a call cannot pass (intrinsic gas, balance for the value and fees offered, …).
   */
  call(req: CallRequest, options: RunOptions = {}): ExecutionResult {
    const tx = toTransaction(req, this.state, this.env, this.fork, 'call', req.gas ?? this.env.gasLimit);
    return executionResult(this.simulate(tx, options.tracer), tx, this.fork);
  }

  /** The least gas limit at which `req` succeeds (see estimate.ts: geth's search, exact by default). */
  estimateGas(req: CallRequest, options: EstimateOptions = {}): bigint {
    return estimateGas(req, this.state, this.env, this.fork, (gas) => {
      const tx = toTransaction(req, this.state, this.env, this.fork, 'call', gas);
      const raw = this.simulate(tx);
      return { raw, result: raw.status === 'invalid' ? undefined : executionResult(raw, tx, this.fork) };
    }, options);
  }

  /** The access list `req` needs, as geth's eth_createAccessList finds it (iterated until it is stable). */
  createAccessList(req: CallRequest): AccessListResult {
    const from = toAddress(req.from ?? '0x0000000000000000000000000000000000000000', 'from');
    const to = req.to === undefined || req.to === null ? createAddress(from, this.state.getNonce(from)) : toAddress(req.to, 'to');
    const excluded = new Set<Address>([from, to, ...this.precompileAddresses]);
    const given = (req.accessList ?? []).map((e, i) => ({ address: toAddress(e.address, `accessList[${i}].address`), storageKeys: e.storageKeys }));
    let list = new AccessListTracer(given, excluded).accessList();
    for (let run = 0; run < MAX_ACCESS_LIST_RUNS; run++) {
      const tracer = new AccessListTracer(list, excluded);
      const tx = toTransaction({ ...req, accessList: list }, this.state, this.env, this.fork, 'call', req.gas ?? this.env.gasLimit);
      const result = executionResult(this.simulate(tx, tracer), tx, this.fork);
      const next = tracer.accessList();
      if (sameAccessList(next, list)) return { accessList: next, gasUsed: result.gasUsed, result };
      list = next;
    }
    throw new Error(`createAccessList: the access list did not settle after ${MAX_ACCESS_LIST_RUNS} runs`);
  }

  /**
   * Executes `req` as a transaction and commits it: nonce from the state unless given, fees from the request
   * or the base fee twice plus the tip (0), gas from estimateGas unless given. Returns reverted and halted
   * transactions too (they are included and pay); throws TransactionRejectedError when it is rejected.
   */
  send(req: CallRequest, options: RunOptions = {}): SendResult {
    const filled = toTransaction(req, this.state, this.env, this.fork, 'send', 0n);
    const gas = req.gas ?? this.estimateGas(feesOf(req, filled));
    const tx = { ...filled, gasLimit: gas };
    return { ...executionResult(this.commit(tx, options.tracer), tx, this.fork), transaction: tx };
  }

  /** Deploys a contract (send with no `to`); throws ExecutionFailedError when the creation fails. */
  deploy(req: DeployRequest, options: RunOptions = {}): DeployResult {
    const result = this.send({ ...req, to: null }, options);
    if (result.status !== 'success' || result.createdAddress === undefined) {
      throw new ExecutionFailedError(`deployment failed: ${failureMessage(result)}`, result);
    }
    return { ...result, address: result.createdAddress };
  }

  /**
   * Decodes a signed transaction (EIP-2718 envelope; the sender is recovered), checks its signature and
   * chain id against this EVM's fork and block, executes and commits it. Throws DecodeError for malformed
   * bytes and TransactionRejectedError for a wrong chain id or any other rejection.
   */
  sendRaw(raw: BytesLike, options: RunOptions = {}): SendResult & { /** keccak256 of the envelope. */ readonly hash: Uint8Array } {
    const signed = decodeTransaction(toBytes(raw, 'raw'));
    const rejection = signatureRejection(signed, this.fork, this.env.chainId);
    if (rejection !== undefined) throw new TransactionRejectedError(rejection);
    const result = executionResult(this.commit(signed.tx, options.tracer), signed.tx, this.fork);
    return { ...result, transaction: signed.tx, hash: signed.hash };
  }

  /** Marks the state now; revertTo(id) undoes every transaction and state write since. */
  snapshot(): number {
    this.settle();
    const id = this.nextSnapshot++;
    this.snapshots.push({ id, savepoint: this.state.savepoint() });
    return id;
  }

  /** Goes back to snapshot `id`, which is used up, with every snapshot taken after it. */
  revertTo(id: number): void {
    const at = this.snapshots.findIndex((s) => s.id === id);
    if (at < 0) throw new Error(`revertTo: no snapshot ${id} (unknown, already reverted to, or from another EVM)`);
    this.settle();
    // Later snapshots first, each the newest savepoint of the state when it is released.
    while (this.snapshots.length > at + 1) this.state.release(this.snapshots.pop()!.savepoint);
    this.state.rollback(this.snapshots.pop()!.savepoint);
  }

  /** The listing of `code` with this instance's opcode names (custom ones included). */
  disassemble(code: BytesLike): string[] {
    return disassemble(toBytes(code, 'code'), this.instructions);
  }

  /** Runs `tx` under eth_call's rules on the state and undoes everything afterwards. */
  private simulate(tx: Transaction, tracer?: TransactionTracer): TxResult {
    return this.withSavepoint((savepoint) => {
      const result = this.execute(tx, 'call', tracer);
      this.state.rollback(savepoint);
      return result;
    });
  }

  /** Runs `tx` as a transaction and keeps it (undone only when something throws midway). */
  private commit(tx: Transaction, tracer?: TransactionTracer): TxResult {
    return this.withSavepoint((savepoint) => {
      const result = this.execute(tx, 'transaction', tracer);
      this.state.release(savepoint);
      return result;
    });
  }

  private withSavepoint(body: (savepoint: Savepoint) => TxResult): TxResult {
    this.settle();
    const savepoint = this.state.savepoint();
    try {
      return body(savepoint);
    } catch (e) {
      // A throwing tracer, precompile or opcode handler: leave the state as it was.
      this.state.rollback(savepoint);
      throw e;
    }
  }

  private execute(tx: Transaction, rules: ValidationRules, tracer: TransactionTracer | undefined): TxResult {
    return executeTransaction(this.state, this.env, tx, this.fork, { rules, extensions: this.extensions, tracer: tracer ?? null });
  }

  /**
   * Ends any direct writes to the state (setBalance, setStorage, … between transactions) as a transaction
   * ends: what they wrote becomes the original values the next transaction's SSTORE pricing sees.
   */
  private settle(): void {
    this.state.finalizeTransaction(false);
  }
}

/** createEvm({ fork, state, block, precompiles, opcodes }): a new EVM instance (synchronous). */
export function createEvm(options: EvmOptions = {}): Evm {
  return new Evm(options);
}

/** The fork an option names; an unknown one throws naming the option. */
function forkOf(fork: Fork | string | undefined): Fork {
  if (fork === undefined) return LATEST_FORK;
  if (typeof fork === 'string') {
    const parsed = parseFork(fork);
    if (parsed === undefined) throw new TypeError(`fork: unknown fork name ${JSON.stringify(fork)}`);
    return parsed;
  }
  if (!Number.isInteger(fork) || fork < Fork.Frontier || fork > LATEST_FORK) throw new TypeError(`fork: expected a Fork, got ${String(fork)}`);
  return fork;
}

/** The fork's precompiles with an instance's own added (or replacing them). */
function instancePrecompiles(fork: Fork, custom: EvmOptions['precompiles']): ReadonlyMap<Address, HostPrecompile> {
  const map = new Map<Address, HostPrecompile>(precompilesFor(fork));
  if (custom === undefined) return map;
  const entries = custom instanceof Map ? [...custom.entries()] : Object.entries(custom);
  for (const [address, run] of entries) {
    if (typeof run !== 'function') throw new TypeError(`precompiles[${address}]: expected a function`);
    map.set(toAddress(address, `precompiles[${address}]`), run);
  }
  return map;
}

/** The request with the fees `tx` was given (so the estimate runs at the price the transaction pays). */
function feesOf(req: CallRequest, tx: Transaction): CallRequest {
  const type = tx.type;
  if (type === 0 || type === 1) return { ...req, type, gasPrice: tx.gasPrice };
  const fees = { ...req, type, maxFeePerGas: tx.maxFeePerGas, maxPriorityFeePerGas: tx.maxPriorityFeePerGas };
  return type === 3 ? { ...fees, maxFeePerBlobGas: tx.maxFeePerBlobGas } : fees;
}

