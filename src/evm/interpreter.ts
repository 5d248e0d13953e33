/**
 * The interpreter loop. It checks, once per instruction and from the tables alone, that the opcode is defined
 * in this fork, that the stack has enough items and room, and that the base gas is there; handlers then only
 * do their work and charge dynamic gas. Synchronous; returns statuses, never throws for EVM-level failures.
 */
import { gasSchedule } from '../forks/gas.js';
import { OPCODES, baseGasTable } from './opcodes.js';
import { analyze } from './analysis.js';
import { Frame, STACK_LIMIT } from './frame.js';
import type { CallResult, Host, Message } from './host.js';
import { HANDLERS } from './instructions/index.js';
import { Status, isExceptional } from './status.js';
import type { Tracer } from './tracer.js';

/** Minimum stack height per opcode, and the height above which the opcode would overflow. */
const STACK_MIN = new Int32Array(256);
const STACK_MAX = new Int32Array(256);
for (let op = 0; op < 256; op++) {
  const info = OPCODES[op];
  STACK_MIN[op] = info ? info.stackIn : 0;
  STACK_MAX[op] = info ? STACK_LIMIT - (info.stackOut - info.stackIn) : STACK_LIMIT;
}

/** Runs `code` for `message` and returns the status, gas left and output. */
export function execute(host: Host, message: Message, code: Uint8Array, tracer: Tracer | null = null): CallResult {
  const fork = host.context.fork;
  const frame = new Frame(message, analyze(code), host, gasSchedule(fork), tracer);
  const status = tracer === null ? run(frame, baseGasTable(fork)) : runTraced(frame, baseGasTable(fork), tracer);
  return {
    status,
    gasLeft: isExceptional(status) ? 0n : frame.totalGas(),
    output: status === Status.Return || status === Status.Revert ? frame.output : new Uint8Array(0),
  };
}

/** The hot loop, without tracing. */
function run(frame: Frame, gasTable: Int32Array): Status {
  const code = frame.code.padded;
  const handlers = HANDLERS;
  for (;;) {
    const op = code[frame.pc];
    const cost = gasTable[op];
    if (cost < 0) return op === 0xfe ? Status.InvalidInstruction : Status.UndefinedInstruction;
    const sp = frame.sp;
    if (sp < STACK_MIN[op]) return Status.StackUnderflow;
    if (sp > STACK_MAX[op]) return Status.StackOverflow;
    if (frame.gas < cost && !frame.refill(cost)) return Status.OutOfGas;
    frame.gas -= cost;
    frame.pc++;
    const status = handlers[op](frame);
    if (status !== Status.Continue) return status;
  }
}

/** The same loop with tracer hooks (kept separate so the plain loop pays nothing for tracing). */
function runTraced(frame: Frame, gasTable: Int32Array, tracer: Tracer): Status {
  const code = frame.code.padded;
  for (;;) {
    const pc = frame.pc;
    const op = code[pc];
    const gasBefore = frame.gas;
    tracer.onStep?.(frame, op, pc, gasBefore);
    const status = step(frame, gasTable, op);
    if (status !== Status.Continue || tracer.onStepEnd) tracer.onStepEnd?.(frame, op, pc, gasBefore, status);
    if (status !== Status.Continue) return status;
  }
}

function step(frame: Frame, gasTable: Int32Array, op: number): Status {
  const cost = gasTable[op];
  if (cost < 0) return op === 0xfe ? Status.InvalidInstruction : Status.UndefinedInstruction;
  if (frame.sp < STACK_MIN[op]) return Status.StackUnderflow;
  if (frame.sp > STACK_MAX[op]) return Status.StackOverflow;
  if (frame.gas < cost && !frame.refill(cost)) return Status.OutOfGas;
  frame.gas -= cost;
  frame.pc++;
  return HANDLERS[op](frame);
}
