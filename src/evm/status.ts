/**
 * How a frame ends. Grouped so that the kind is a range check: success < Revert < exceptional halts.
 * Continue (0) is what handlers return to keep the loop going; Suspend (-1), that the frame waits for the
 * message it has just sent (a CALL/CREATE-family instruction): neither ever ends a frame.
 */
import { STACK_MAX, STACK_MIN, opcodeName } from './opcodes.js';

export const Status = {
  Suspend: -1,
  Continue: 0,
  // success
  Stop: 1,
  Return: 2,
  SelfDestruct: 3,
  // revert
  Revert: 4,
  // exceptional halts: every one consumes all gas of the frame
  OutOfGas: 5,
  StackUnderflow: 6,
  StackOverflow: 7,
  InvalidJump: 8,
  UndefinedInstruction: 9,
  InvalidInstruction: 10, // the designated 0xFE
  StaticViolation: 11,
  ReturnDataOutOfBounds: 12,
  CallDepthExceeded: 13, // reported for a failed call attempt, never ends a frame
  InsufficientBalance: 14, // likewise
  CreateCollision: 15,
  CodeSizeExceeded: 16, // EIP-170
  InitcodeSizeExceeded: 17, // EIP-3860
  InvalidCodePrefix: 18, // EIP-3541
  NonceOverflow: 19,
  PrecompileFailure: 20,
  // Out of gas in a form geth names apart (the same halt, a different message in traces and errors):
  GasUintOverflow: 21, // a memory range that does not fit in 64 bits
  MemoryGasOverflow: 22, // a memory size whose price does not fit in 64 bits (over 0x1FFFFFFFE0 bytes)
  ReentrancySentry: 23, // EIP-2200: SSTORE with no more than the call stipend left
} as const;
/** One of the values of `Status`. */
export type Status = (typeof Status)[keyof typeof Status];

const STATUS_NAMES = new Map<number, string>(Object.entries(Status).map(([name, value]) => [value, name]));

/** The name of a status value (`statusName(Status.Revert)` is `'Revert'`); throws on a value that is none. */
export function statusName(status: Status): keyof typeof Status {
  const name = STATUS_NAMES.get(status);
  if (name === undefined) throw new RangeError(`not a Status value: ${String(status)}`);
  return name as keyof typeof Status;
}

/** True for Stop, Return and SelfDestruct. */
export function isSuccess(status: Status): boolean {
  return status >= Status.Stop && status <= Status.SelfDestruct;
}

/** True for the exceptional halts (all gas consumed). */
export function isExceptional(status: Status): boolean {
  return status >= Status.OutOfGas;
}

const MESSAGES: Record<number, string> = {
  [Status.OutOfGas]: 'out of gas',
  [Status.StackUnderflow]: 'stack underflow',
  [Status.StackOverflow]: 'stack limit reached 1024',
  [Status.InvalidJump]: 'invalid jump destination',
  [Status.UndefinedInstruction]: 'invalid opcode',
  [Status.GasUintOverflow]: 'gas uint64 overflow',
  // geth wraps the errors of its dynamic-gas functions in 'out of gas: …'.
  [Status.MemoryGasOverflow]: 'out of gas: gas uint64 overflow',
  [Status.ReentrancySentry]: 'out of gas: not enough gas for reentrancy sentry',
  [Status.InvalidInstruction]: 'invalid opcode: INVALID',
  [Status.StaticViolation]: 'write protection',
  [Status.ReturnDataOutOfBounds]: 'return data out of bounds',
  [Status.CallDepthExceeded]: 'max call depth exceeded',
  [Status.InsufficientBalance]: 'insufficient balance for transfer',
  [Status.CreateCollision]: 'contract address collision',
  [Status.CodeSizeExceeded]: 'max code size exceeded',
  [Status.InitcodeSizeExceeded]: 'max initcode size exceeded',
  [Status.InvalidCodePrefix]: 'invalid code: must not begin with 0xef',
  [Status.NonceOverflow]: 'nonce uint64 overflow',
  [Status.PrecompileFailure]: 'precompile failed',
  [Status.Revert]: 'execution reverted',
};

/** A short human-readable reason (geth's wording where it has one); '' for success. */
export function statusMessage(status: Status): string {
  return MESSAGES[status] ?? '';
}

/** The message for a call's outcome: haltMessage when the result says where it halted, else statusMessage. */
export function statusText(result: { readonly status: Status; readonly halt?: { readonly op: number; readonly height: number; readonly bound?: number } }): string {
  return result.halt === undefined ? statusMessage(result.status) : haltMessage(result.status, result.halt.op, result.halt.height, result.halt.bound);
}

/**
 * geth's message for a frame that halted at `op` with `height` items on its stack, where the status alone
 * does not say it all: `stack underflow (1 <=> 2)` (height, items needed), `stack limit reached 1024 (1023)`
 * (height, the highest height the op accepts), `invalid opcode: opcode 0xc not defined`. `bound` is the height the
 * frame's instruction set required, when it has its own (custom opcodes); else the opcode table's.
 */
export function haltMessage(status: Status, op: number, height: number, bound?: number): string {
  switch (status) {
    case Status.StackUnderflow:
      return `stack underflow (${height} <=> ${bound ?? STACK_MIN[op]})`;
    case Status.StackOverflow:
      return `stack limit reached ${height} (${bound ?? STACK_MAX[op]})`;
    case Status.UndefinedInstruction:
    case Status.InvalidInstruction:
      return `invalid opcode: ${opcodeName(op)}`;
    default:
      return statusMessage(status);
  }
}
