/**
 * geth's `callTracer`: the transaction as a tree of call frames, in geth's JSON shape (field names, order,
 * hex quantities, omitted empty fields), with its `withLog` and `onlyTopCall` options. The top frame's gas is
 * the transaction's gas limit and its gasUsed the receipt's; a child's gas is what it was given (after the
 * 63/64 rule, with any stipend) and its gasUsed what it did not give back. Logs of failed frames, and of
 * frames under a failed one, are dropped, as geth drops them.
 */
import type { Frame } from '../../evm/frame.js';
import { CallKind, type CallResult, type Message } from '../../evm/host.js';
import { Status, isSuccess, statusMessage } from '../../evm/status.js';
import type { TracedLog } from '../../evm/tracer.js';
import { type Address, addressFromWord, createAddress } from '../../primitives/address.js';
import { bytesToHex } from '../../primitives/bytes.js';
import type { TransactionTracer } from '../../transition/execute.js';
import type { Transaction, TxResult } from '../../transition/types.js';
import { decodeRevert } from '../revert.js';

/** callTracer's options (geth's tracerConfig). */
export interface CallTracerOptions {
  /** Record logs in the frame that emitted them, with their position among the frame's calls. */
  readonly withLog?: boolean;
  /** Record the top frame only. */
  readonly onlyTopCall?: boolean;
}

/** A log in a call frame, as geth prints it. */
export interface CallLogJson {
  readonly address: string;
  readonly topics: string[];
  readonly data: string;
  /** How many of the frame's calls came before the log (hex). */
  readonly position: string;
}

/** A call frame in geth's JSON shape (keys in geth's order). */
export interface CallFrameJson {
  readonly from: string;
  readonly gas: string;
  readonly gasUsed: string;
  readonly to?: string;
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly revertReason?: string;
  readonly calls?: CallFrameJson[];
  readonly logs?: CallLogJson[];
  readonly value?: string;
  /** CALL, STATICCALL, DELEGATECALL, CALLCODE, CREATE, CREATE2. */
  readonly type: string;
}

interface CallFrame {
  type: string;
  from: Address;
  to: Address | undefined;
  gas: bigint;
  gasUsed: bigint;
  input: Uint8Array;
  output: Uint8Array | undefined;
  error: string | undefined;
  revertReason: string | undefined;
  calls: CallFrame[];
  logs: CallLogJson[];
  value: bigint | undefined;
  ended: boolean;
}

const KIND_NAMES: Record<number, string> = {
  [CallKind.Call]: 'CALL',
  [CallKind.CallCode]: 'CALLCODE',
  [CallKind.DelegateCall]: 'DELEGATECALL',
  [CallKind.StaticCall]: 'STATICCALL',
  [CallKind.Create]: 'CREATE',
  [CallKind.Create2]: 'CREATE2',
};
/** CALLCODE and DELEGATECALL: the frame runs another account's code; geth's `to` is that account. */
const CODE_CALLS = new Set([0xf2, 0xf4]);

const hexQuantity = (n: bigint): string => '0x' + n.toString(16);
const word = (n: bigint): string => '0x' + n.toString(16).padStart(64, '0');

/** Collects the call tree of one transaction; read it with result() or json() after it ran. */
export class CallTracer implements TransactionTracer {
  private readonly withLog: boolean;
  private readonly onlyTopCall: boolean;
  private stack: CallFrame[] = [];
  private top: CallFrame | undefined;
  private depth = 0;
  /** The address operand of the CALLCODE/DELEGATECALL being executed (the message carries a delegate). */
  private codeTarget: Address | undefined;

  constructor(options: CallTracerOptions = {}) {
    this.withLog = options.withLog === true;
    this.onlyTopCall = options.onlyTopCall === true;
  }

  onTxStart(tx: Transaction): void {
    const to = tx.to ?? createAddress(tx.sender, tx.nonce);
    this.top = frame(tx.to === null ? 'CREATE' : 'CALL', tx.sender, to, tx.gasLimit, tx.data, tx.value);
    this.stack = [this.top];
    this.depth = 0;
  }

  onStep(f: Frame, op: number): void {
    if (CODE_CALLS.has(op) && f.sp >= 2) this.codeTarget = addressFromWord(f.stack[f.sp - 2]);
  }

  onCallEnter(message: Message): void {
    this.depth = message.depth;
    if (message.depth === 0) {
      if (this.top === undefined) this.onTxStartFromMessage(message);
      return;
    }
    if (this.onlyTopCall) return;
    this.stack.push(this.childFrame(message));
  }

  onCallExit(message: Message, result: CallResult): void {
    if (message.depth === 0) {
      if (this.top !== undefined) end(this.top, message, result);
      return;
    }
    this.depth = message.depth - 1;
    if (this.onlyTopCall || this.stack.length <= 1) return;
    const child = this.stack.pop()!;
    child.gasUsed = message.gas - result.gasLeft;
    end(child, message, result);
    this.stack[this.stack.length - 1].calls.push(child);
  }

  onCallRejected(message: Message, result: CallResult): void {
    if (this.onlyTopCall || this.stack.length === 0) return;
    const child = this.childFrame(message);
    child.gasUsed = message.gas - result.gasLeft;
    end(child, message, result);
    this.stack[this.stack.length - 1].calls.push(child);
  }

  onLog(log: TracedLog): void {
    if (!this.withLog || (this.onlyTopCall && this.depth > 0) || this.stack.length === 0) return;
    const current = this.stack[this.stack.length - 1];
    current.logs.push({
      address: log.address,
      topics: log.topics.map(word),
      data: bytesToHex(log.data),
      position: hexQuantity(BigInt(current.calls.length)),
    });
  }

  onTxEnd(result: TxResult): void {
    const top = this.top;
    if (top === undefined || result.status === 'invalid') return;
    top.gasUsed = result.gasUsed;
    if (!top.ended && result.status !== 'success') {
      // A top-level creation that collided never started a frame.
      top.error = result.error;
      if (top.type === 'CREATE') top.to = undefined;
      top.ended = true;
    }
    if (this.withLog) clearFailedLogs(top, false);
  }

  /** The call tree in geth's JSON shape. Throws when no transaction was traced. */
  result(): CallFrameJson {
    if (this.top === undefined) throw new Error('callTracer: no transaction traced');
    return toJson(this.top);
  }

  /** result() as JSON text. */
  json(): string {
    return JSON.stringify(this.result());
  }

  private childFrame(message: Message): CallFrame {
    const kind = message.kind;
    const isCodeCall = kind === CallKind.CallCode || kind === CallKind.DelegateCall;
    const from = kind === CallKind.DelegateCall ? message.recipient : message.caller;
    const to = isCodeCall ? (message.delegated && this.codeTarget !== undefined ? this.codeTarget : message.codeAddress) : message.recipient;
    // STATICCALL carries no value; DELEGATECALL shows the value it inherits.
    const value = kind === CallKind.StaticCall ? undefined : message.value;
    return frame(KIND_NAMES[kind], from, to, message.gas, message.input.slice(), value);
  }

  private onTxStartFromMessage(message: Message): void {
    this.top = frame(KIND_NAMES[message.kind], message.caller, message.recipient, message.gas, message.input.slice(), message.value);
    this.stack = [this.top];
  }
}

/** A new callTracer (geth's `{ tracer: 'callTracer', tracerConfig }`). */
export function callTracer(options: CallTracerOptions = {}): CallTracer {
  return new CallTracer(options);
}

function frame(type: string, from: Address, to: Address | undefined, gas: bigint, input: Uint8Array, value: bigint | undefined): CallFrame {
  return { type, from, to, gas, gasUsed: 0n, input, output: undefined, error: undefined, revertReason: undefined, calls: [], logs: [], value, ended: false };
}

/** geth's processOutput: output on success; on failure the error, and for a revert its data and reason. */
function end(f: CallFrame, message: Message, result: CallResult): void {
  f.ended = true;
  if (isSuccess(result.status)) {
    f.output = result.output.slice();
    return;
  }
  f.error = statusMessage(result.status);
  if (message.kind === CallKind.Create || message.kind === CallKind.Create2) f.to = undefined;
  if (result.status !== Status.Revert || result.output.length === 0) return;
  f.output = result.output.slice();
  const reason = decodeRevert(f.output);
  if (reason.kind === 'error') f.revertReason = reason.message;
  else if (reason.kind === 'panic') f.revertReason = reason.description;
}

function clearFailedLogs(f: CallFrame, parentFailed: boolean): void {
  const failed = f.error !== undefined || parentFailed;
  if (failed) f.logs = [];
  for (const child of f.calls) clearFailedLogs(child, failed);
}

function toJson(f: CallFrame): CallFrameJson {
  const out: Record<string, unknown> = { from: f.from, gas: hexQuantity(f.gas), gasUsed: hexQuantity(f.gasUsed) };
  if (f.to !== undefined) out.to = f.to;
  out.input = bytesToHex(f.input);
  if (f.output !== undefined && f.output.length > 0) out.output = bytesToHex(f.output);
  if (f.error !== undefined && f.error !== '') out.error = f.error;
  if (f.revertReason !== undefined && f.revertReason !== '') out.revertReason = f.revertReason;
  if (f.calls.length > 0) out.calls = f.calls.map(toJson);
  if (f.logs.length > 0) out.logs = f.logs;
  if (f.value !== undefined) out.value = hexQuantity(f.value);
  out.type = f.type;
  return out as unknown as CallFrameJson;
}
