/**
 * The interpreter loop. It checks, once per instruction and from the tables alone, that the opcode is defined
 * in this fork, that the stack has enough items and room, and that the base gas is there; handlers then only
 * do their work and charge dynamic gas. Synchronous; returns statuses, never throws for EVM-level failures.
 */
import { gasSchedule } from '../forks/gas.js';
import { STACK_MAX, STACK_MIN, baseGasTable } from './opcodes.js';
import { analyze } from './analysis.js';
import { Frame } from './frame.js';
import type { CallResult, Host, Message } from './host.js';
import { HANDLERS } from './instructions/index.js';
import { type InstructionSet, defaultInstructionSet } from './instruction-set.js';
import { resumeCall } from './instructions/system.js';
import { Status, isExceptional } from './status.js';
import {
  MAX_U256, TWO_256, addmod256, byte256, toSmallNumber, mulmod256, readWordAt, sar256, sdiv256, signExtend256, slt256, smod256, writeWordAt,
} from '../primitives/word.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import type { Tracer } from './tracer.js';
import { frameStarts, hotThreshold, programOf, runTranslated, wholeProgramOf } from './translate/tier.js';

/** Memory offsets below this are converted to numbers by the inlined MLOAD/MSTORE (beyond, the handler). */
const FAST_OFFSET_LIMIT = 1n << 32n;

/**
 * Runs `code` for `message` to its end, nested calls and creates included, and returns the status, gas left
 * and output. `message` is one the host has already begun (as beginCall would, or a transaction's own
 * message); the messages its instructions send go through host.beginCall and host.endCall.
 *
 * Frames form an explicit stack (each frame points to its parent), so call depth costs no JavaScript stack:
 * a CALL/CREATE-family instruction suspends its frame (Status.Suspend, the message in `pendingCall`), this
 * loop starts the child frame the host asks for, and when the child ends, resumes the parent with the
 * result. The runner (`run` or `runTraced`) is chosen once per frame run; it starts at `frame.pc`, so a
 * resumed frame simply runs again from the instruction after its call.
 *
 * `instructions` is the instruction set the frames run: the fork's default, or an EVM instance's own with
 * custom opcodes (buildInstructionSet, for the same fork). The plain loop keeps the fork's tables and hands
 * the bytes they leave undefined to the set; the traced loop reads everything from the set.
 */
export function execute(
  host: Host,
  message: Message,
  code: Uint8Array,
  tracer: Tracer | null = null,
  instructions: InstructionSet = defaultInstructionSet(host.context.fork),
): CallResult {
  const fork = host.context.fork;
  const schedule = gasSchedule(fork);
  const gasTable = baseGasTable(fork);
  const custom = instructions.custom ? instructions : null;
  let frame = new Frame(message, analyze(code), host, schedule, tracer, instructions);
  for (;;) {
    const status = tracer === null ? runPlain(frame, gasTable, custom) : runTraced(frame, instructions, tracer);
    if (status === Status.Suspend) {
      const begun = host.beginCall(frame.pendingCall!);
      if ('status' in begun) resume(frame, begun, tracer); // ended at once: depth, balance, precompile, …
      else frame = new Frame(begun.message, analyze(begun.code), host, schedule, tracer, instructions, frame, begun);
      continue;
    }
    const result = frameResult(frame, status);
    const parent = frame.parent;
    frame.release();
    if (parent === null) return result;
    const ended = host.endCall(frame.begun!, result);
    frame = parent;
    resume(frame, ended, tracer);
  }
}

/**
 * What an ended frame returns to its caller (before the host's endCall). No output is the shared empty
 * array: a fresh `new Uint8Array(0)` per call was a fifth of the time of a call to code that just STOPs.
 */
function frameResult(frame: Frame, status: Status): CallResult {
  const result = {
    status,
    gasLeft: isExceptional(status) ? 0n : frame.totalGas(),
    output: status === Status.Return || status === Status.Revert ? frame.output : EMPTY_BYTES,
  };
  // A halt in the loop's checks leaves pc at the opcode: say which, for geth's message (statusText()).
  const atChecks =
    status === Status.StackUnderflow || status === Status.StackOverflow || status === Status.UndefinedInstruction || status === Status.InvalidInstruction;
  if (!atChecks) return result;
  const op = frame.code.padded[frame.pc];
  const set = frame.instructions;
  const bound = status === Status.StackUnderflow ? set.stackMin[op] : set.stackMax[op];
  return { ...result, halt: { op, height: frame.sp, bound } };
}

/**
 * Completes the suspended instruction of `frame` with its message's result. When tracing, the instruction's
 * onStepEnd comes now, after the child's lines (the traced loop held it back when the frame suspended).
 */
function resume(frame: Frame, result: CallResult, tracer: Tracer | null): void {
  resumeCall(frame, result);
  if (tracer?.onStepEnd !== undefined) {
    const pc = frame.pc - 1; // the CALL/CREATE-family opcodes have no immediates
    tracer.onStepEnd(frame, frame.code.padded[pc], pc, frame.stepGas, Status.Continue);
  }
}

/** A heat no jump destination reaches. */
const NEVER_HOT = 0x7fffffff;

/**
 * Runs a frame without tracing, in the interpreter and in translated code (translate/tier.ts). The
 * interpreter counts taken jumps per destination; at a hot one (a loop) it stops there (Status.Continue)
 * and the frame goes on in translated code, which in turn hands back, at an instruction boundary, any
 * block it cannot run exactly and every jump to a destination that is not hot. A small code that has
 * started many frames is translated whole instead (wholeProgramOf): every destination hot, the
 * interpreter only for the blocks translated code hands back. An instance with custom opcodes (`custom`)
 * stays in the interpreter: translated code knows only the fork's own handlers.
 */
function runPlain(frame: Frame, gasTable: Int32Array, custom: InstructionSet | null): Status {
  if (custom !== null) return run(frame, gasTable, custom, NEVER_HOT);
  const code = frame.code;
  if (frame.pc === 0) frameStarts(code);
  const whole = wholeProgramOf(code, gasTable, HANDLERS);
  if (whole !== null) {
    for (;;) {
      const status = runTranslated(frame, whole);
      if (status !== Status.Continue) return status;
      // A block translated code handed back (an undefined opcode, gas or stack short at its entry): the
      // interpreter runs it, and on to its first taken jump.
      const interpreted = run(frame, gasTable, null, 0);
      if (interpreted !== Status.Continue) return interpreted;
    }
  }
  const hot = hotThreshold();
  for (;;) {
    const status = run(frame, gasTable, null, hot);
    if (status !== Status.Continue) return status;
    const program = programOf(code, gasTable, HANDLERS);
    if (program === null) return run(frame, gasTable, null, NEVER_HOT); // a code too large to translate
    const translated = runTranslated(frame, program);
    if (translated !== Status.Continue) return translated;
  }
}

/**
 * The interpreter's hot loop, without tracing. A taken jump adds to its destination's heat; at `hot` the
 * loop returns Status.Continue at the destination, for runPlain to continue in translated code.
 *
 * pc, sp and gas live in locals here and are written back to the frame only around a handler call and on
 * exit: field loads and stores on every instruction were the largest cost in the profile. The simplest,
 * most frequent opcodes are executed inline in the switch below; each case is a documented hot-path copy
 * of its handler in instructions/ (which stays the definition used by the traced loop and the tests), and
 * every other opcode goes through HANDLERS. The checks before the switch are the same as in step().
 * `custom` is an EVM instance's set with custom opcodes (else null): a byte the fork's table leaves undefined
 * is run through step() when the set defines it, so the tables of this loop stay the fork's own.
 */
function run(frame: Frame, gasTable: Int32Array, custom: InstructionSet | null, hot: number): Status {
  const analyzed = frame.code;
  const code = analyzed.padded;
  const pushValues = analyzed.pushValues;
  const jumpdests = analyzed.jumpdests;
  const jumpdestRuns = analyzed.jumpdestRuns;
  const jumpTargets = analyzed.jumpTargets;
  const heat = analyzed.heat;
  const codeLength = BigInt(analyzed.length);
  const stack = frame.stack;
  const handlers = HANDLERS;
  let pc = frame.pc;
  let sp = frame.sp;
  let gas = frame.gas;
  for (;;) {
    const op = code[pc];
    const cost = gasTable[op];
    if (cost < 0) {
      if (custom === null || custom.gasTable[op] < 0) {
        return exit(frame, pc, sp, gas, op === 0xfe ? Status.InvalidInstruction : Status.UndefinedInstruction);
      }
      exit(frame, pc, sp, gas, Status.Continue);
      const status = step(frame, custom, op);
      if (status !== Status.Continue) return status;
      pc = frame.pc;
      sp = frame.sp;
      gas = frame.gas;
      continue;
    }
    if (sp < STACK_MIN[op]) return exit(frame, pc, sp, gas, Status.StackUnderflow);
    if (sp > STACK_MAX[op]) return exit(frame, pc, sp, gas, Status.StackOverflow);
    if (gas < cost) {
      frame.gas = gas;
      if (!frame.refill(cost)) return exit(frame, pc, sp, frame.gas, Status.OutOfGas);
      gas = frame.gas;
    }
    gas -= cost;
    pc++;
    switch (op) {
      // Hot-path copies (see instructions/stack.ts, control.ts, arithmetic.ts, bitwise.ts).
      case 0x5b: { // JUMPDEST, and the ones right after it when the gas pays for all of them (else one by one)
        const more = jumpdestRuns[pc - 1] - 1;
        if (more > 0 && gas >= more * cost) {
          gas -= more * cost;
          pc += more;
        }
        continue;
      }
      case 0x60: case 0x61: case 0x62: case 0x63: case 0x64: case 0x65: case 0x66: case 0x67:
      case 0x68: case 0x69: case 0x6a: case 0x6b: case 0x6c: case 0x6d: case 0x6e: case 0x6f:
      case 0x70: case 0x71: case 0x72: case 0x73: case 0x74: case 0x75: case 0x76: case 0x77:
      case 0x78: case 0x79: case 0x7a: case 0x7b: case 0x7c: case 0x7d: case 0x7e: case 0x7f:
      { // PUSHn
        stack[sp++] = pushValues[pc];
        const target = jumpTargets[pc];
        pc += op - 0x5f;
        // Static jump (analysis found "PUSH dest; JUMP(I)" with a valid dest): run the JUMP/JUMPI here, with
        // the same checks the loop would make, saving a dispatch and a bigint→number conversion. When a
        // check fails, the next iteration runs the jump the ordinary way and reports the exact error.
        if (target >= 0) {
          const jumpCost = gasTable[code[pc]];
          if (code[pc] === 0x56) {
            if (gas >= jumpCost) {
              gas -= jumpCost;
              sp--;
              pc = target;
              if (++heat[pc] >= hot) return exit(frame, pc, sp, gas, Status.Continue);
            }
          } else if (sp >= 2 && gas >= jumpCost) {
            gas -= jumpCost;
            sp -= 2;
            if (stack[sp] !== 0n) {
              pc = target;
              if (++heat[pc] >= hot) return exit(frame, pc, sp, gas, Status.Continue);
            } else pc++;
          }
        }
        continue;
      }
      case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0x85: case 0x86: case 0x87:
      case 0x88: case 0x89: case 0x8a: case 0x8b: case 0x8c: case 0x8d: case 0x8e: case 0x8f: // DUPn
        stack[sp] = stack[sp + 0x7f - op];
        sp++;
        continue;
      case 0x90: case 0x91: case 0x92: case 0x93: case 0x94: case 0x95: case 0x96: case 0x97:
      case 0x98: case 0x99: case 0x9a: case 0x9b: case 0x9c: case 0x9d: case 0x9e: case 0x9f: { // SWAPn
        const other = sp + 0x8e - op;
        const top = stack[sp - 1];
        stack[sp - 1] = stack[other];
        stack[other] = top;
        continue;
      }
      case 0x50: // POP
        sp--;
        continue;
      case 0x56: { // JUMP
        const destination = stack[--sp];
        const d = destination < codeLength ? toSmallNumber(destination) : -1;
        if (d < 0 || jumpdests[d] !== 1) return exit(frame, pc, sp, gas, Status.InvalidJump);
        pc = d;
        if (++heat[pc] >= hot) return exit(frame, pc, sp, gas, Status.Continue);
        continue;
      }
      case 0x57: { // JUMPI
        sp -= 2;
        if (stack[sp] === 0n) continue;
        const destination = stack[sp + 1];
        const d = destination < codeLength ? toSmallNumber(destination) : -1;
        if (d < 0 || jumpdests[d] !== 1) return exit(frame, pc, sp, gas, Status.InvalidJump);
        pc = d;
        if (++heat[pc] >= hot) return exit(frame, pc, sp, gas, Status.Continue);
        continue;
      }
      case 0x01: { // ADD: compare-and-subtract wraps without the allocation of a mask
        const r = stack[sp - 1] + stack[sp - 2];
        stack[sp - 2] = r > MAX_U256 ? r - TWO_256 : r;
        sp--;
        continue;
      }
      case 0x03: { // SUB
        const r = stack[sp - 1] - stack[sp - 2];
        stack[sp - 2] = r < 0n ? r + TWO_256 : r;
        sp--;
        continue;
      }
      case 0x10: // LT
        stack[sp - 2] = stack[sp - 1] < stack[sp - 2] ? 1n : 0n;
        sp--;
        continue;
      case 0x11: // GT
        stack[sp - 2] = stack[sp - 1] > stack[sp - 2] ? 1n : 0n;
        sp--;
        continue;
      case 0x14: // EQ
        stack[sp - 2] = stack[sp - 1] === stack[sp - 2] ? 1n : 0n;
        sp--;
        continue;
      case 0x15: // ISZERO
        stack[sp - 1] = stack[sp - 1] === 0n ? 1n : 0n;
        continue;
      case 0x16: // AND
        stack[sp - 2] = stack[sp - 1] & stack[sp - 2];
        sp--;
        continue;
      case 0x17: // OR
        stack[sp - 2] = stack[sp - 1] | stack[sp - 2];
        sp--;
        continue;
      case 0x1b: { // SHL
        const shift = stack[sp - 1];
        stack[sp - 2] = shift >= 256n ? 0n : (stack[sp - 2] << shift) & MAX_U256;
        sp--;
        continue;
      }
      case 0x1c: { // SHR
        const shift = stack[sp - 1];
        stack[sp - 2] = shift >= 256n ? 0n : stack[sp - 2] >> shift;
        sp--;
        continue;
      }
      // Pure word operations through the primitives the handlers use (one definition each; a handler call
      // writes and reloads pc, sp and gas around it, which costs as much as SIGNEXTEND or XOR itself).
      case 0x02: { // MUL: mask only when the product exceeds 256 bits
        const r = stack[sp - 1] * stack[sp - 2];
        stack[sp - 2] = r > MAX_U256 ? r & MAX_U256 : r;
        sp--;
        continue;
      }
      case 0x04: { // DIV
        const b = stack[sp - 2];
        stack[sp - 2] = b === 0n ? 0n : stack[sp - 1] / b;
        sp--;
        continue;
      }
      case 0x05: // SDIV
        stack[sp - 2] = sdiv256(stack[sp - 1], stack[sp - 2]);
        sp--;
        continue;
      case 0x06: { // MOD
        const b = stack[sp - 2];
        stack[sp - 2] = b === 0n ? 0n : stack[sp - 1] % b;
        sp--;
        continue;
      }
      case 0x07: // SMOD
        stack[sp - 2] = smod256(stack[sp - 1], stack[sp - 2]);
        sp--;
        continue;
      case 0x08: // ADDMOD
        stack[sp - 3] = addmod256(stack[sp - 1], stack[sp - 2], stack[sp - 3]);
        sp -= 2;
        continue;
      case 0x09: // MULMOD
        stack[sp - 3] = mulmod256(stack[sp - 1], stack[sp - 2], stack[sp - 3]);
        sp -= 2;
        continue;
      case 0x0b: // SIGNEXTEND
        stack[sp - 2] = signExtend256(stack[sp - 1], stack[sp - 2]);
        sp--;
        continue;
      case 0x12: // SLT
        stack[sp - 2] = slt256(stack[sp - 1], stack[sp - 2]) ? 1n : 0n;
        sp--;
        continue;
      case 0x13: // SGT
        stack[sp - 2] = slt256(stack[sp - 2], stack[sp - 1]) ? 1n : 0n;
        sp--;
        continue;
      case 0x18: // XOR
        stack[sp - 2] = stack[sp - 1] ^ stack[sp - 2];
        sp--;
        continue;
      case 0x19: // NOT
        stack[sp - 1] = MAX_U256 ^ stack[sp - 1];
        continue;
      case 0x1a: // BYTE
        stack[sp - 2] = byte256(stack[sp - 1], stack[sp - 2]);
        sp--;
        continue;
      case 0x1d: // SAR
        stack[sp - 2] = sar256(stack[sp - 1], stack[sp - 2]);
        sp--;
        continue;
      case 0x51: { // MLOAD; an expansion within the buffer is paid here, else the handler
        const offset = stack[sp - 1];
        if (offset >= FAST_OFFSET_LIMIT) break;
        const o = toSmallNumber(offset);
        if (o + 32 > frame.fastSize) {
          const size = frame.memSize;
          const left = frame.growWithin(o + 32, gas);
          if (left < 0) break;
          gas = left;
          if (o >= size) { // memory past the old size is zero (Frame keeps it so)
            stack[sp - 1] = 0n;
            continue;
          }
          if (o + 32 > frame.fastSize) break; // a resizable buffer: the handler reads it (already paid)
        }
        stack[sp - 1] = readWordAt(frame.memView, o);
        continue;
      }
      case 0x52: { // MSTORE, likewise
        const offset = stack[sp - 1];
        if (offset >= FAST_OFFSET_LIMIT) break;
        const o = toSmallNumber(offset);
        if (o + 32 > frame.fastSize) {
          const left = frame.growWithin(o + 32, gas);
          if (left < 0) break;
          gas = left;
          if (o + 32 > frame.fastSize) break; // a resizable buffer: the handler writes it (already paid)
        }
        writeWordAt(frame.memView, o, stack[sp - 2]);
        sp -= 2;
        continue;
      }
      case 0x00: // STOP
        return exit(frame, pc, sp, gas, Status.Stop);
    }
    // Every other opcode (and the slow paths of the inlined ones): its handler, on the frame's registers.
    frame.pc = pc;
    frame.sp = sp;
    frame.gas = gas;
    const status = handlers[op](frame);
    if (status !== Status.Continue) return status;
    pc = frame.pc;
    sp = frame.sp;
    gas = frame.gas;
  }
}

/** Writes the loop's registers back to the frame and returns `status`. */
function exit(frame: Frame, pc: number, sp: number, gas: number, status: Status): Status {
  frame.pc = pc;
  frame.sp = sp;
  frame.gas = gas;
  return status;
}

/** The same loop with tracer hooks (kept separate so the plain loop pays nothing for tracing). */
function runTraced(frame: Frame, instructions: InstructionSet, tracer: Tracer): Status {
  const code = frame.code.padded;
  for (;;) {
    const pc = frame.pc;
    const op = code[pc];
    const gasBefore = frame.gas;
    tracer.onStep?.(frame, op, pc, gasBefore);
    const status = step(frame, instructions, op);
    if (status === Status.Suspend) {
      frame.stepGas = gasBefore; // onStepEnd follows when the frame resumes (see resume())
      tracer.onStepSuspend?.(frame, frame.pendingCall!);
      return status;
    }
    if (status !== Status.Continue || tracer.onStepEnd) tracer.onStepEnd?.(frame, op, pc, gasBefore, status);
    if (status !== Status.Continue) return status;
  }
}

/** One instruction of `instructions` with the loop's checks (the traced loop, and custom opcodes). */
function step(frame: Frame, instructions: InstructionSet, op: number): Status {
  const cost = instructions.gasTable[op];
  if (cost < 0) return op === 0xfe ? Status.InvalidInstruction : Status.UndefinedInstruction;
  if (frame.sp < instructions.stackMin[op]) return Status.StackUnderflow;
  if (frame.sp > instructions.stackMax[op]) return Status.StackOverflow;
  if (frame.gas < cost && !frame.refill(cost)) return Status.OutOfGas;
  frame.gas -= cost;
  frame.pc++;
  return instructions.handlers[op](frame);
}
