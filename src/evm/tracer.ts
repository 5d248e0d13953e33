/** Hooks a tracer attaches to; the interpreter checks for a tracer once per step and pays nothing without. */
import type { Address } from '../primitives/address.js';
import type { Frame } from './frame.js';
import type { CallResult, Message } from './host.js';
import type { Status } from './status.js';

/** Observer of execution. Every hook is optional. */
export interface Tracer {
  /** Before an instruction runs: `gasBefore` is the frame's gas before anything for `op` was charged. */
  onStep?(frame: Frame, op: number, pc: number, gasBefore: number): void;
  /** After an instruction ran (or failed with `status`). */
  onStepEnd?(frame: Frame, op: number, pc: number, gasBefore: number, status: Status): void;
  /**
   * A CALL/CREATE-family instruction has paid its gas and sent `message`; its frame waits for the result
   * (the host may answer at once: too deep, too poor, a precompile). onStepEnd follows when it resumes.
   */
  onStepSuspend?(frame: Frame, message: Message): void;
  /** A new frame starts (depth 0 is the transaction's own frame). */
  onCallEnter?(message: Message): void;
  /** A frame ended. */
  onCallExit?(message: Message, result: CallResult): void;
  /**
   * A message ended before its frame began, without onCallEnter/onCallExit: call depth, insufficient
   * balance, nonce overflow or address collision (geth reports these as frames that failed at once).
   */
  onCallRejected?(message: Message, result: CallResult): void;
  /** A LOG instruction emitted a log (it is dropped again if its frame or a caller's fails). */
  onLog?(log: TracedLog): void;
}

/** A log as onLog sees it. */
export interface TracedLog {
  readonly address: Address;
  readonly topics: readonly bigint[];
  readonly data: Uint8Array;
}
