/**
 * The step-by-step tracer shared by the trace formats (EIP-3155 JSON lines, the Markdown table): which lines
 * an execution prints, with which gas cost, in geth's order. A format only turns a captured step into text.
 *
 * The line of an instruction is captured before it runs (`onStep`) and printed after it ran (`onStepEnd`),
 * so that `gasCost` is the full cost, dynamic parts included. A CALL/CREATE-family instruction prints its
 * line when it has sent its message (`onStepSuspend`), before any line of the child, with the cost charged
 * so far, whatever the host then answers: a call that fails at once (too deep, too poor) shows the full
 * cost, as geth's does, not what is left after the gas came back. As in geth, the cost of CALL, CALLCODE,
 * DELEGATECALL and STATICCALL includes the gas handed to the child (without the stipend); that of CREATE
 * and CREATE2 does not.
 *
 * Failing instructions follow geth's interpreter loop (core/vm/interpreter.go, Run): an instruction that
 * fails before its gas is paid (stack under- or overflow, out of gas, a memory range beyond 64 bits) prints
 * one line with `error`, costing its base gas, or base plus dynamic gas when the dynamic part could not be
 * paid; one that fails while executing (REVERT, a bad jump, an undefined opcode, a write in a static frame,
 * RETURNDATACOPY out of bounds) prints its line and then a fault line: the same pc, op, gas and cost, the
 * stack and memory as the instruction left them, no return data, and the error.
 */
import type { Frame } from '../evm/frame.js';
import { CallKind, type CallResult, type Message } from '../evm/host.js';
import { opcodeNameIn } from '../evm/instruction-set.js';
import { Status, haltMessage, isSuccess, statusText } from '../evm/status.js';
import type { Tracer } from '../evm/tracer.js';

/** What a trace shows besides pc, op, gas, cost, depth and refund. */
export interface TraceContent {
  /** The stack (bottom first); geth's --trace.nostack turns it off. Default: shown. */
  readonly stack?: boolean;
  /** The active memory (hex); off by default, as in geth. */
  readonly memory?: boolean;
  /** The return data of the last call; off by default, as in geth. */
  readonly returnData?: boolean;
}

/** How a StepTracer writes and what it adds to each line. */
export interface StepTracerOptions extends TraceContent {
  /** Receives complete lines (each ends with '\n'); the tracer batches them. */
  readonly write: (text: string) => void;
  /** The transaction's refund counter, read before each instruction (0 when not given). */
  readonly refund?: () => number;
}

/** The closing summary of a traced run. */
export interface TraceSummary {
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  /** Why execution failed, when it did ('execution reverted', 'out of gas', …). */
  readonly error?: string;
}

/** One step as a format prints it. */
export interface Step {
  readonly pc: number;
  readonly op: number;
  readonly opName: string;
  /** Gas before the instruction: a number, or a bigint when the frame holds more than 2^53. */
  readonly gas: number | bigint;
  readonly cost: bigint;
  /** Call depth, from 1. */
  readonly depth: number;
  readonly refund: number;
  /** What the format captured of the frame (stack, memory, …), in its own text. */
  readonly captured: string;
  readonly error: string | undefined;
}

/** A trace format: how a frame's contents and each step become text. */
export interface StepFormat {
  /** Captures what a line shows of the frame (stack, memory, return data), as the format prints it. */
  capture(frame: Frame, content: Required<TraceContent>): string;
  /** One step, without the trailing newline. */
  step(s: Step): string;
  /** The closing summary, without the trailing newline. */
  summary(s: TraceSummary): string;
  /** Text before the first line of the transaction's own frame (a table header), or ''. */
  begin(message: Message): string;
}

/** An instruction seen by onStep whose line is not printed yet. */
interface PendingStep {
  readonly frame: Frame;
  readonly pc: number;
  readonly op: number;
  readonly gas: number | bigint;
  readonly depth: number;
  readonly refund: number;
  readonly captured: string;
  readonly opName: string;
}

/** Lines are written in batches of about this many characters. */
const FLUSH_AT = 1 << 16;

/**
 * Halts geth reports from inside an instruction's execution (after its line was printed): they get a line
 * of their own. Every other halt happens before the line, in the loop's checks or the dynamic gas.
 */
const FAULTS = new Set<Status>([
  Status.Revert,
  Status.InvalidJump,
  Status.UndefinedInstruction,
  Status.InvalidInstruction,
  Status.StaticViolation,
  Status.ReturnDataOutOfBounds,
]);

/** Prints one line per executed instruction in a given format; attach it as the interpreter's tracer. */
export class StepTracer implements Tracer {
  private pending: PendingStep | null = null;
  private buffer = '';
  private readonly content: Required<TraceContent>;
  /**
   * The outcome of the last depth-0 frame (the transaction's own call or creation): its output and the gas
   * it used (gas given minus gas left, before any refund), as geth's summary reports them.
   */
  topLevel: TraceSummary | undefined;

  constructor(
    private readonly format: StepFormat,
    private readonly options: StepTracerOptions,
  ) {
    this.content = { stack: options.stack ?? true, memory: options.memory ?? false, returnData: options.returnData ?? false };
  }

  onStep(frame: Frame, op: number, pc: number, _gasBefore: number): void {
    this.flushPending(); // never the case in a sane loop, but keeps lines in order whatever the hooks do
    // Empty code runs nothing in geth, so it prints no line (non-empty code does show the implicit STOP
    // after its last byte).
    if (frame.code.length === 0) return;
    this.pending = {
      frame,
      pc,
      op,
      gas: frame.reserve === 0n ? frame.gas : frame.totalGas(),
      depth: frame.message.depth + 1,
      refund: this.refund(),
      captured: this.format.capture(frame, this.content),
      opName: opcodeNameIn(frame.instructions, op), // custom opcodes of the EVM instance included
    };
  }

  onStepEnd(frame: Frame, _op: number, _pc: number, _gasBefore: number, status: Status): void {
    const p = this.pending;
    if (p === null || p.frame !== frame) return; // already printed when a child frame started
    this.pending = null;
    if (status === Status.Continue || isSuccess(status)) {
      this.emit(p, gasDifference(p.gas, frame), undefined);
      return;
    }
    const set = frame.instructions; // custom opcodes have their own stack bounds
    const message = haltMessage(status, p.op, frame.sp, status === Status.StackUnderflow ? set.stackMin[p.op] : set.stackMax[p.op]);
    if (FAULTS.has(status)) {
      const cost = gasDifference(p.gas, frame);
      this.emit(p, cost, undefined);
      // geth's OnFault passes no return data, so the fault line has none.
      const after = { ...p, refund: this.refund(), captured: this.format.capture(frame, { ...this.content, returnData: false }) };
      this.emit(after, cost, message);
    } else {
      this.emit(p, failedCost(p, frame, status), message);
    }
  }

  onStepSuspend(_frame: Frame, message: Message): void {
    this.flushPending(forwardedGas(message));
  }

  onCallEnter(message: Message): void {
    if (message.depth === 0) {
      const header = this.format.begin(message);
      if (header !== '') this.line(header);
    }
    this.flushPending(forwardedGas(message)); // printed already at onStepSuspend, where the loop has one
  }

  onCallExit(message: Message, result: CallResult): void {
    if (message.depth !== 0) return;
    this.topLevel = { output: result.output, gasUsed: message.gas - result.gasLeft, error: isSuccess(result.status) ? undefined : statusText(result) };
  }

  /** Prints the summary line (in JSON: `{"output":"…","gasUsed":"0x…"[,"error":"…"]}`) and flushes. */
  summary(s: TraceSummary): void {
    this.flushPending();
    this.line(this.format.summary(s));
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

  private refund(): number {
    return this.options.refund ? this.options.refund() : 0;
  }

  /** Prints the pending line with the gas charged so far, less `forwarded` (the parent's line when a child starts). */
  private flushPending(forwarded = 0n): void {
    const p = this.pending;
    if (p === null) return;
    this.pending = null;
    const cost = gasDifference(p.gas, p.frame) - forwarded;
    this.emit(p, cost > 0n ? cost : 0n, undefined);
  }

  private emit(p: PendingStep, cost: bigint, error: string | undefined): void {
    const { pc, op, opName, gas, depth, refund, captured } = p;
    this.line(this.format.step({ pc, op, opName, gas, cost, depth, refund, captured, error }));
  }
}

/**
 * The gas a message's instruction must not count in its cost: geth counts the gas handed to the child in
 * the cost of CALL-family instructions, but not in that of CREATE/CREATE2 (it deducts that while
 * executing them, after the line was printed).
 */
function forwardedGas(message: Message): bigint {
  return message.kind === CallKind.Create || message.kind === CallKind.Create2 ? message.gas : 0n;
}

/**
 * The gasCost of an instruction that failed before it was paid for, as geth reports it: its base gas when
 * the base could not be paid or the checks before it failed; base plus the whole dynamic part when that
 * could not be paid (what was charged, and the charge that failed).
 */
function failedCost(p: PendingStep, frame: Frame, status: Status): bigint {
  const base = BigInt(Math.max(frame.instructions.gasTable[p.op], 0));
  if (status !== Status.OutOfGas || BigInt(p.gas) < base) return base;
  return gasDifference(p.gas, frame) + BigInt(frame.unpaid);
}

/** Gas before minus the frame's gas now, never negative. */
function gasDifference(before: number | bigint, frame: Frame): bigint {
  if (typeof before === 'number' && frame.reserve === 0n) return BigInt(Math.max(before - frame.gas, 0));
  const d = BigInt(before) - frame.totalGas();
  return d > 0n ? d : 0n;
}

const HEX_PAIRS: string[] = [];
for (let i = 0; i < 256; i++) HEX_PAIRS.push(i.toString(16).padStart(2, '0'));

/** '0x' + hex of bytes[0, length). */
export function hexOf(bytes: Uint8Array, length: number): string {
  let out = '0x';
  for (let i = 0; i < length; i++) out += HEX_PAIRS[bytes[i]];
  return out;
}
