/**
 * The Host interface: the only door from the interpreter to the world. The transaction layer implements it
 * over the world state; tests can implement it with a tiny fake. Messages that frames send are split in two
 * (beginCall, endCall) around the child frame, which the interpreter runs itself: nesting is an explicit
 * stack of frames there, never a recursion through the host.
 */
import type { Address } from '../primitives/address.js';
import type { Fork } from '../forks/fork.js';
import type { Status } from './status.js';

/** The kinds of message a frame can send. */
export const CallKind = {
  Call: 0,
  CallCode: 1,
  DelegateCall: 2,
  StaticCall: 3,
  Create: 4,
  Create2: 5,
} as const;
/** One of the values of `CallKind`. */
export type CallKind = (typeof CallKind)[keyof typeof CallKind];

const CALL_KIND_NAMES = new Map<number, string>(Object.entries(CallKind).map(([name, value]) => [value, name]));

/** The name of a call kind (`callKindName(CallKind.Create2)` is `'Create2'`); throws on a value that is none. */
export function callKindName(kind: CallKind): keyof typeof CallKind {
  const name = CALL_KIND_NAMES.get(kind);
  if (name === undefined) throw new RangeError(`not a CallKind value: ${String(kind)}`);
  return name as keyof typeof CallKind;
}

/** A message call or contract creation, as the interpreter asks the host to perform it. */
export interface Message {
  readonly kind: CallKind;
  /** msg.sender of the new frame. */
  readonly caller: Address;
  /** Whose storage and balance the new frame acts on (the new contract's address for creates: filled by host). */
  readonly recipient: Address;
  /** Whose code runs (the recipient except for CALLCODE/DELEGATECALL, or the delegate of EIP-7702). */
  readonly codeAddress: Address;
  /**
   * EIP-7702: `codeAddress` is the delegate named by a delegation designator. A precompile reached this way
   * does not run: its code counts as empty.
   */
  readonly delegated?: boolean;
  /** Value transferred (CALL, CALLCODE, creates) or apparent value (DELEGATECALL). */
  readonly value: bigint;
  /**
   * Call data, or initcode for creates (whose frame runs it as code and sees empty call data). For calls
   * from contract code it is a view of the caller's memory: read it during the call, copy it to keep it
   * (precompiles return copies, never the input itself).
   */
  readonly input: Uint8Array;
  /** Gas given to the new frame (a bigint: transactions may carry more than 2^53). */
  readonly gas: bigint;
  /** Depth of the new frame (the transaction's frame is 0). */
  readonly depth: number;
  readonly isStatic: boolean;
  /** CREATE2 salt. */
  readonly salt?: bigint;
}

/** What a finished message returns to its caller. */
export interface CallResult {
  readonly status: Status;
  readonly gasLeft: bigint;
  readonly output: Uint8Array;
  /** Address of the created contract (creates that succeeded). */
  readonly createdAddress?: Address;
  /**
   * The opcode and stack height a frame halted at in the interpreter's checks (undefined opcode, stack
   * under- or overflow), for the message geth gives such a halt (statusText()); `bound` is the height the
   * frame's instruction set required (custom opcodes have their own).
   */
  readonly halt?: { readonly op: number; readonly height: number; readonly bound?: number };
}

/**
 * A message the host has begun and that has code to run: beginCall's answer when a new frame must run.
 * The interpreter runs `code` for `message`, then hands this object back to endCall with the frame's result.
 */
export interface FrameInput {
  /** The message as its frame runs it (for creates: recipient and codeAddress are the new address). */
  readonly message: Message;
  /** The code the frame runs: the callee's code, or the initcode for creates. */
  readonly code: Uint8Array;
  /** The host's own bookkeeping for endCall (StateHost: the journal checkpoint to revert to); opaque here. */
  readonly checkpoint: number;
}

/** Per-transaction and per-block values the interpreter reads (constant during a transaction). */
export interface ExecutionContext {
  readonly fork: Fork;
  readonly origin: Address;
  readonly gasPrice: bigint;
  readonly coinbase: Address;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly gasLimit: bigint;
  readonly baseFee: bigint;
  /** PREVRANDAO from Paris on, DIFFICULTY before. */
  readonly prevRandao: bigint;
  readonly chainId: bigint;
  readonly blobBaseFee: bigint;
  readonly blobHashes: readonly bigint[];
}

/** World access for the interpreter. All methods are synchronous. */
export interface Host {
  readonly context: ExecutionContext;
  /** True when an account exists at the address (pre-EIP-161 CALL cost). */
  accountExists(address: Address): boolean;
  /** True when no account or an empty one is there (EIP-161). */
  isDead(address: Address): boolean;
  getBalance(address: Address): bigint;
  getCode(address: Address): Uint8Array;
  /** EXTCODEHASH value: 0 for a dead account (EIP-1052/161), else keccak256(code) as a word. */
  getCodeHash(address: Address): bigint;
  /** Marks the account warm; returns true when it was cold (EIP-2929). */
  accessAccount(address: Address): boolean;
  /** Marks the slot warm; returns true when it was cold (EIP-2929). */
  accessSlot(address: Address, key: bigint): boolean;
  getStorage(address: Address, key: bigint): bigint;
  getOriginalStorage(address: Address, key: bigint): bigint;
  setStorage(address: Address, key: bigint, value: bigint): void;
  getTransient(address: Address, key: bigint): bigint;
  setTransient(address: Address, key: bigint, value: bigint): void;
  /** Adds `delta` (may be negative) to the transaction's refund counter. */
  addRefund(delta: number): void;
  emitLog(address: Address, topics: bigint[], data: Uint8Array): void;
  /** SELFDESTRUCT of `address` in favour of `beneficiary` (the host applies the fork's rules). */
  selfDestruct(address: Address, beneficiary: Address): void;
  /** True when `address` was already scheduled for destruction (pre-London refund rule). */
  isDestructed(address: Address): boolean;
  /** BLOCKHASH for `number` (the caller has checked the 256-block window). */
  blockHash(number: bigint): bigint;
  /**
   * Begins a message sent by a CALL/CREATE-family instruction: the checks that end it at once (call depth,
   * balance, nonce, address collision: a finished CallResult with the gas to give back), then the
   * checkpoint and value transfer. A precompile runs here and also returns a finished result. Otherwise
   * the answer is the frame to run; the interpreter runs it and calls endCall with its result. Begun
   * frames end innermost first, and every FrameInput returned reaches endCall exactly once.
   */
  beginCall(message: Message): CallResult | FrameInput;
  /**
   * Ends a frame begun by beginCall: keeps or reverts its changes, deposits a created contract's code.
   * Returns what the calling frame sees (status, gas left, output, created address).
   */
  endCall(frame: FrameInput, result: CallResult): CallResult;
}
