/**
 * The Host implementation over the world state: message calls and creations with their checkpoints,
 * value transfers, precompiles, and the fork rules for accounts (EIP-161 touches, EIP-6780 SELFDESTRUCT).
 */
import { Fork } from '../forks/fork.js';
import type { GasSchedule } from '../forks/gas.js';
import { gasSchedule } from '../forks/gas.js';
import { execute } from '../evm/interpreter.js';
import { CallKind, type CallResult, type ExecutionContext, type FrameInput, type Host, type Message } from '../evm/host.js';
import { Status, isSuccess } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';
import type { InstructionSet } from '../evm/instruction-set.js';
import { precompilesFor, type PrecompileResult } from '../precompiles/index.js';
import { type Address, create2Address, createAddress } from '../primitives/address.js';
import { EMPTY_BYTES, bigIntToBytes, bytesToBigInt } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import type { WorldState } from '../state/world.js';

/** Maximum call depth (the transaction's own frame is depth 0). */
const MAX_DEPTH = 1024;
/** EIP-2681: nonces stay below 2^64 - 1. */
const MAX_NONCE = (1n << 64n) - 1n;
/** EIP-3541: new code must not start with 0xEF (reserved for EOF). */
const EOF_PREFIX = 0xef;
const MAX_SAFE_GAS = BigInt(Number.MAX_SAFE_INTEGER);
/** Gas per byte of deployed code. */
const CODE_DEPOSIT_PER_BYTE = 200;

/**
 * A precompile as the host runs it: the built-in ones read only input and gas; an EVM instance's own may
 * also read the message (caller, value, static context).
 */
export type HostPrecompile = (input: Uint8Array, gasLimit: number, message: Message) => PrecompileResult;

/** What an EVM instance changes in the engine for its transactions. */
export interface EngineExtensions {
  /** The precompiles by lower-case address, in place of the fork's (the instance's set includes the fork's). */
  readonly precompiles?: ReadonlyMap<Address, HostPrecompile>;
  /** The instruction set frames run (with custom opcodes), built for the transaction's fork. */
  readonly instructions?: InstructionSet;
}

/** Executes messages against a WorldState; one per transaction, which it begins (WorldState.beginTransaction). */
export class StateHost implements Host {
  private readonly fork: Fork;
  private readonly schedule: GasSchedule;
  private readonly precompiles: ReadonlyMap<Address, HostPrecompile>;
  private readonly instructions: InstructionSet | undefined;

  constructor(
    readonly state: WorldState,
    readonly context: ExecutionContext,
    private readonly blockHashOf: (n: bigint) => bigint,
    private readonly tracer: Tracer | null = null,
    extensions: EngineExtensions = {},
  ) {
    this.fork = context.fork;
    this.schedule = gasSchedule(context.fork);
    this.precompiles = extensions.precompiles ?? precompilesFor(context.fork);
    this.instructions = extensions.instructions;
    if (this.instructions !== undefined && this.instructions.fork !== context.fork) {
      throw new Error(`StateHost: instruction set built for fork ${this.instructions.fork}, transaction runs ${context.fork}`);
    }
    state.beginTransaction();
  }

  /** Addresses of this fork's precompiles (warm from the start of a transaction, EIP-2929). */
  precompileAddresses(): Iterable<Address> {
    return this.precompiles.keys();
  }

  accountExists(address: Address): boolean {
    return this.state.exists(address);
  }
  isDead(address: Address): boolean {
    return this.state.isDead(address);
  }
  getBalance(address: Address): bigint {
    return this.state.getBalance(address);
  }
  getCode(address: Address): Uint8Array {
    return this.state.getCode(address);
  }
  getCodeHash(address: Address): bigint {
    if (this.state.isDead(address)) return 0n;
    return bytesToBigInt(this.state.getCodeHash(address)!);
  }
  accessAccount(address: Address): boolean {
    return this.state.warmAccount(address);
  }
  accessSlot(address: Address, key: bigint): boolean {
    return this.state.warmSlot(address, key);
  }
  getStorage(address: Address, key: bigint): bigint {
    return this.state.getStorage(address, key);
  }
  getOriginalStorage(address: Address, key: bigint): bigint {
    return this.state.getOriginalStorage(address, key);
  }
  setStorage(address: Address, key: bigint, value: bigint): void {
    this.state.setStorage(address, key, value);
  }
  getTransient(address: Address, key: bigint): bigint {
    return this.state.getTransient(address, key);
  }
  setTransient(address: Address, key: bigint, value: bigint): void {
    this.state.setTransient(address, key, value);
  }
  addRefund(delta: number): void {
    this.state.setRefund(this.state.refund + delta);
  }
  emitLog(address: Address, topics: bigint[], data: Uint8Array): void {
    const log = { address, topics, data };
    this.state.addLog(log);
    this.tracer?.onLog?.(log);
  }
  isDestructed(address: Address): boolean {
    return this.state.isDestructed(address);
  }
  blockHash(number: bigint): bigint {
    return this.blockHashOf(number);
  }

  selfDestruct(address: Address, beneficiary: Address): void {
    const state = this.state;
    const balance = state.getBalance(address);
    state.touch(beneficiary);
    if (this.fork >= Fork.Cancun) {
      // EIP-6780: the balance moves (unchanged if the beneficiary is the account itself); the account is
      // deleted only when it was created in this same transaction.
      state.subBalance(address, balance);
      state.addBalance(beneficiary, balance);
      if (state.createdInTransaction(address)) {
        state.setBalance(address, 0n);
        state.markDestructed(address);
      }
      return;
    }
    // Before Cancun the balance is credited, then the account's own balance is zeroed: sending to
    // itself burns it.
    state.addBalance(beneficiary, balance);
    state.setBalance(address, 0n);
    state.markDestructed(address);
  }

  /**
   * Runs a message from outside the EVM (a transaction's call, the CLI, a library user) to its end, nested
   * calls included: the checks and checkpoint of beginCall, the frame, then endCall.
   */
  call(message: Message): CallResult {
    return this.complete(this.beginCall(message));
  }

  /**
   * Runs a transaction's creation at `message.recipient` (the new address), whose sender checks, nonce
   * increment and collision check the transaction layer has done.
   */
  runCreate(message: Message): CallResult {
    return this.complete(this.enterCreate(message));
  }

  private complete(begun: CallResult | FrameInput): CallResult {
    if ('status' in begun) return begun;
    return this.endCall(begun, execute(this, begun.message, begun.code, this.tracer, this.instructions));
  }

  beginCall(message: Message): CallResult | FrameInput {
    if (message.depth > MAX_DEPTH) return this.rejected(message, failed(Status.CallDepthExceeded, message.gas));
    if (message.kind === CallKind.Create || message.kind === CallKind.Create2) return this.beginCreate(message);
    const transfers = message.kind === CallKind.Call || message.kind === CallKind.CallCode;
    if (transfers && this.state.getBalance(message.caller) < message.value) {
      return this.rejected(message, failed(Status.InsufficientBalance, message.gas));
    }
    return this.enterCall(message, transfers);
  }

  /** A message that ends before its frame begins: reported to the tracer, returned to the caller. */
  private rejected(message: Message, result: CallResult): CallResult {
    this.tracer?.onCallRejected?.(message, result);
    return result;
  }

  endCall(frame: FrameInput, result: CallResult): CallResult {
    return this.finish(frame.message, frame.checkpoint, result);
  }

  /** Opens a call whose depth and balance checks have passed; a precompile runs and ends here. */
  private enterCall(message: Message, transfers: boolean): CallResult | FrameInput {
    const state = this.state;
    const checkpoint = state.checkpoint();
    const to = message.recipient;
    state.touch(to);
    if (transfers && message.value !== 0n) {
      state.subBalance(message.caller, message.value);
      state.addBalance(to, message.value);
    } else if (this.fork < Fork.SpuriousDragon && !state.exists(to)) {
      state.addBalance(to, 0n); // before EIP-161 any call brings the callee's account into existence
    }
    this.tracer?.onCallEnter?.(message);
    const precompile = message.delegated ? undefined : this.precompiles.get(message.codeAddress);
    if (precompile !== undefined) return this.finish(message, checkpoint, runPrecompile(precompile, message));
    return { message, code: this.codeOf(message), checkpoint };
  }

  /**
   * The code a message's frame runs: the initcode for creates, else the code at `codeAddress` (a precompile
   * there has run instead), except that a precompile reached through an EIP-7702 designator counts as empty
   * code (the call succeeds without running anything). The one place that decides it.
   */
  private codeOf(message: Message): Uint8Array {
    if (message.kind === CallKind.Create || message.kind === CallKind.Create2) return message.input;
    if (message.delegated && this.precompiles.has(message.codeAddress)) return EMPTY_BYTES;
    return this.state.getCode(message.codeAddress);
  }

  /** CREATE/CREATE2 from a frame: balance, nonce, address, collision, then the creation's frame. */
  private beginCreate(message: Message): CallResult | FrameInput {
    const state = this.state;
    const sender = message.caller;
    if (state.getBalance(sender) < message.value) return this.rejected(message, failed(Status.InsufficientBalance, message.gas));
    const nonce = state.getNonce(sender);
    if (nonce >= MAX_NONCE) return this.rejected(message, failed(Status.NonceOverflow, message.gas));
    const address =
      message.kind === CallKind.Create2
        ? create2Address(sender, bigIntToBytes(message.salt ?? 0n, 32), keccak256(message.input))
        : createAddress(sender, nonce);
    if (this.fork >= Fork.Berlin) state.warmAccount(address);
    state.setNonce(sender, nonce + 1n);
    if (this.hasCollision(address)) return this.rejected({ ...message, recipient: address, codeAddress: address }, failed(Status.CreateCollision, 0n));
    return this.enterCreate({ ...message, recipient: address, codeAddress: address });
  }

  /** EIP-684 and EIP-7610: creating over an account with code, a nonce or storage fails. */
  hasCollision(address: Address): boolean {
    const account = this.state.getAccount(address);
    return account !== undefined && (account.nonce !== 0n || account.code.length > 0 || this.state.hasStorage(address));
  }

  /** Opens a creation at `message.recipient`: the new account, the value; the initcode is the frame's code. */
  private enterCreate(message: Message): FrameInput {
    const state = this.state;
    const address = message.recipient;
    const checkpoint = state.checkpoint();
    // EIP-161: new contracts start at nonce 1.
    state.createContractAccount(address, this.fork >= Fork.SpuriousDragon ? 1n : 0n);
    state.touch(address);
    if (message.value !== 0n) {
      state.subBalance(message.caller, message.value);
      state.addBalance(address, message.value);
    }
    this.tracer?.onCallEnter?.(message);
    return { message, code: this.codeOf(message), checkpoint };
  }

  /** Ends a begun message: deposits a creation's code, reverts what a failed one did, reports the exit. */
  private finish(message: Message, checkpoint: number, result: CallResult): CallResult {
    const isCreate = message.kind === CallKind.Create || message.kind === CallKind.Create2;
    if (isCreate && isSuccess(result.status)) result = this.depositCode(message.recipient, result);
    if (!isSuccess(result.status)) this.state.revert(checkpoint);
    this.tracer?.onCallExit?.(message, result);
    return result;
  }

  private depositCode(address: Address, result: CallResult): CallResult {
    const code = result.output;
    if (this.fork >= Fork.London && code.length > 0 && code[0] === EOF_PREFIX) {
      return failed(Status.InvalidCodePrefix, 0n);
    }
    if (code.length > this.schedule.maxCodeSize) return failed(Status.CodeSizeExceeded, 0n);
    const cost = BigInt(code.length * CODE_DEPOSIT_PER_BYTE);
    if (result.gasLeft < cost) {
      // Frontier: a creation that cannot pay for its code still succeeds, with no code (EIP-2 ended that).
      if (this.fork < Fork.Homestead) return { status: Status.Return, gasLeft: result.gasLeft, output: EMPTY_BYTES, createdAddress: address };
      return failed(Status.OutOfGas, 0n);
    }
    this.state.setCode(address, code);
    return { status: result.status, gasLeft: result.gasLeft - cost, output: EMPTY_BYTES, createdAddress: address };
  }
}

function failed(status: Status, gasLeft: bigint): CallResult {
  return { status, gasLeft, output: EMPTY_BYTES };
}

function runPrecompile(precompile: HostPrecompile, message: Message): CallResult {
  // Precompiles take a number: no precompile can cost 2^53 gas and still be computable.
  const limit = message.gas > MAX_SAFE_GAS ? Number.MAX_SAFE_INTEGER : Number(message.gas);
  const r = precompile(message.input, limit, message);
  if (!r.success || r.gasUsed > limit) return failed(Status.PrecompileFailure, 0n);
  return { status: Status.Return, gasLeft: message.gas - BigInt(r.gasUsed), output: r.output };
}

