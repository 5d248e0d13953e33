/**
 * EIP-3155 tracer: one JSON line per executed instruction, geth's field order and formatting
 * (`pc, op, gas, gasCost, [memory,] memSize, stack, [returnData,] depth, refund, opName[, error]`),
 * and a closing summary `{"output","gasUsed"[,"error"]}`.
 *
 * The line of an instruction is captured before it runs (`onStep`) and printed after it ran (`onStepEnd`),
 * so that `gasCost` is the full cost, dynamic parts included. A CALL/CREATE-family instruction prints its
 * line when the child frame starts (`onCallEnter`), before the child's own lines, with the cost charged so
 * far. As in geth, the cost of CALL, CALLCODE, DELEGATECALL and STATICCALL includes the gas handed to the
 * child (without the stipend); that of CREATE and CREATE2 does not.
 */
import type { Frame } from '../evm/frame.js';
import { CallKind, type CallResult, type Message } from '../evm/host.js';
import { baseGasTable, opcodeName } from '../evm/opcodes.js';
import { Status, isSuccess, statusMessage } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';

/** How an Eip3155Tracer writes and what it adds to each line. */
export interface Eip3155Options {
  /** Receives complete lines (each ends with '\n'); the tracer batches them. */
  readonly write: (text: string) => void;
  /** The transaction's refund counter, read before each instruction (0 when not given). */
  readonly refund?: () => number;
  /** Add `memory` (hex of the active memory) to every line. */
  readonly memory?: boolean;
  /** Add `returnData` (hex of the last call's return data) to every line. */
  readonly returnData?: boolean;
  /** false: leave the stack out, printed as `"stack":null` as geth's --trace.nostack does. Default: shown. */
  readonly stack?: boolean;
}

/** The closing summary of a traced run. */
export interface TraceSummary {
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  /** Why execution failed, when it did ('execution reverted', 'out of gas', …). */
  readonly error?: string;
}

/** An instruction seen by onStep whose line is not printed yet. */
interface PendingStep {
  readonly frame: Frame;
  readonly pc: number;
  readonly op: number;
  /** Gas before the instruction: a number, or a bigint when the frame holds more than 2^53. */
  readonly gas: number | bigint;
  /** The JSON text of every field after gasCost up to (and including) the depth and refund fields. */
  readonly middle: string;
  readonly opName: string;
}

/** Lines are written in batches of about this many characters. */
const FLUSH_AT = 1 << 16;

/** Writes EIP-3155 JSON lines; attach it as the interpreter's tracer. Call `flush()` (or `summary()`) at the end. */
export class Eip3155Tracer implements Tracer {
  private pending: PendingStep | null = null;
  private buffer = '';
  /**
   * The outcome of the last depth-0 frame (the transaction's own call or creation): its output and the gas
   * it used (gas given minus gas left, before any refund), as geth's summary reports them.
   */
  topLevel: TraceSummary | undefined;

  constructor(private readonly options: Eip3155Options) {}

  onStep(frame: Frame, op: number, pc: number, _gasBefore: number): void {
    this.flushPending(); // never the case in a sane loop, but keeps lines in order whatever the hooks do
    // Empty code runs nothing in geth, so it prints no line (non-empty code does show the implicit STOP
    // after its last byte).
    if (frame.code.length === 0) return;
    const o = this.options;
    let middle = '';
    if (o.memory === true) middle += `"memory":"${hex(frame.memory, frame.memSize)}",`;
    middle += `"memSize":${frame.memSize},"stack":${o.stack === false ? 'null' : stackJson(frame)},`;
    if (o.returnData === true) middle += `"returnData":"${hex(frame.returnData, frame.returnData.length)}",`;
    middle += `"depth":${frame.message.depth + 1},"refund":${o.refund ? o.refund() : 0}`;
    this.pending = {
      frame,
      pc,
      op,
      gas: frame.reserve === 0n ? frame.gas : frame.totalGas(),
      middle,
      opName: opcodeName(op, frame.fork),
    };
  }

  onStepEnd(frame: Frame, _op: number, _pc: number, _gasBefore: number, status: Status): void {
    const p = this.pending;
    if (p === null || p.frame !== frame) return; // already printed when a child frame started
    this.pending = null;
    let cost = gasDifference(p.gas, frame);
    // The loop checks base gas before charging it: an instruction that cannot pay it charged nothing.
    // geth reports the base cost it could not pay; do the same.
    if (status === Status.OutOfGas && cost === 0n) cost = BigInt(Math.max(baseGasTable(frame.fork)[p.op], 0));
    const error = status === Status.Continue || status === Status.Stop || status === Status.Return || status === Status.SelfDestruct
      ? undefined
      : statusMessage(status);
    this.emit(p, cost, error);
  }

  onCallEnter(message: Message): void {
    // geth counts the gas handed to the child in the cost of CALL-family instructions, but not in that of
    // CREATE/CREATE2 (it deducts it while executing them, after the line was printed).
    const isCreate = message.kind === CallKind.Create || message.kind === CallKind.Create2;
    this.flushPending(isCreate ? message.gas : 0n);
  }

  onCallExit(message: Message, result: CallResult): void {
    if (message.depth !== 0) return;
    this.topLevel = {
      output: result.output,
      gasUsed: message.gas - result.gasLeft,
      error: isSuccess(result.status) ? undefined : statusMessage(result.status),
    };
  }

  /** Prints the summary line `{"output":"…","gasUsed":"0x…"[,"error":"…"]}` and flushes. */
  summary(s: TraceSummary): void {
    this.flushPending();
    let line = `{"output":"${hex(s.output, s.output.length).slice(2)}","gasUsed":"0x${s.gasUsed.toString(16)}"`;
    if (s.error !== undefined && s.error !== '') line += `,"error":${JSON.stringify(s.error)}`;
    this.line(line + '}');
    this.flush();
  }

  /** Writes a line of its own (e.g. `{"stateRoot":"0x…"}`) in order with the trace. */
  line(text: string): void {
    this.buffer += text + '\n';
    if (this.buffer.length >= FLUSH_AT) this.flush();
  }

  /** Writes out everything buffered. */
  flush(): void {
    this.flushPending();
    if (this.buffer === '') return;
    const text = this.buffer;
    this.buffer = '';
    this.options.write(text);
  }

  /** Prints the pending line with the gas charged so far, less `forwarded` (the parent's line when a child starts). */
  private flushPending(forwarded = 0n): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const cost = gasDifference(p.gas, p.frame) - forwarded;
    this.emit(p, cost > 0n ? cost : 0n, undefined);
  }

  private emit(p: PendingStep, cost: bigint | number, error: string | undefined): void {
    let line = `{"pc":${p.pc},"op":${p.op},"gas":"0x${p.gas.toString(16)}","gasCost":"0x${cost.toString(16)}",${p.middle},"opName":"${p.opName}"`;
    if (error !== undefined) line += `,"error":${JSON.stringify(error)}`;
    this.line(line + '}');
  }
}

/** Gas before minus the frame's gas now, never negative. */
function gasDifference(before: number | bigint, frame: Frame): bigint {
  if (typeof before === 'number' && frame.reserve === 0n) return BigInt(Math.max(before - frame.gas, 0));
  const d = BigInt(before) - frame.totalGas();
  return d > 0n ? d : 0n;
}

/** The stack as a JSON array of minimal hex words, bottom first. */
function stackJson(frame: Frame): string {
  const sp = frame.sp;
  if (sp === 0) return '[]';
  const s = frame.stack;
  let out = '["0x' + s[0].toString(16);
  for (let i = 1; i < sp; i++) out += '","0x' + s[i].toString(16);
  return out + '"]';
}

const HEX_PAIRS: string[] = [];
for (let i = 0; i < 256; i++) HEX_PAIRS.push(i.toString(16).padStart(2, '0'));

/** '0x' + hex of bytes[0, length). */
function hex(bytes: Uint8Array, length: number): string {
  let out = '0x';
  for (let i = 0; i < length; i++) out += HEX_PAIRS[bytes[i]];
  return out;
}
