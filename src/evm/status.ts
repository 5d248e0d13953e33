/**
 * How a frame ends. Grouped so that the kind is a range check: success < Revert < exceptional halts.
 * Continue (0) is what handlers return to keep the loop going; Suspend (-1), that the frame waits for the
 * message it has just sent (a CALL/CREATE-family instruction): neither ever ends a frame.
 */
export const enum Status {
  Suspend = -1,
  Continue = 0,
  // success
  Stop = 1,
  Return = 2,
  SelfDestruct = 3,
  // revert
  Revert = 4,
  // exceptional halts: every one consumes all gas of the frame
  OutOfGas = 5,
  StackUnderflow = 6,
  StackOverflow = 7,
  InvalidJump = 8,
  UndefinedInstruction = 9,
  InvalidInstruction = 10, // the designated 0xFE
  StaticViolation = 11,
  ReturnDataOutOfBounds = 12,
  CallDepthExceeded = 13, // reported for a failed call attempt, never ends a frame
  InsufficientBalance = 14, // likewise
  CreateCollision = 15,
  CodeSizeExceeded = 16, // EIP-170
  InitcodeSizeExceeded = 17, // EIP-3860
  InvalidCodePrefix = 18, // EIP-3541
  NonceOverflow = 19,
  PrecompileFailure = 20,
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
