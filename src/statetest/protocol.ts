/** Messages between the worker pool (main thread) and its workers (state tests' and blockchain tests' alike). */
import type { CaseIndex, CaseRecord, SkippedCase } from './types.js';

/** Main → worker: run the selected cases of `file`, beginning with the one at position `startAt`. */
export interface FileTask {
  readonly task: number;
  readonly file: string;
  readonly startAt: number;
}

/**
 * Worker → main. `ready` ends the worker's start-up (not timed); `loading` acknowledges a task; `loaded`
 * tells how many cases a file holds (once per file, for the progress line); `start` precedes each case so
 * the pool knows what to blame when a case hangs.
 */
export type WorkerMessage =
  | { readonly kind: 'ready'; readonly task: -1 }
  | { readonly kind: 'loading'; readonly task: number }
  | { readonly kind: 'loaded'; readonly task: number; readonly cases: number }
  | { readonly kind: 'start'; readonly task: number; readonly ordinal: number; readonly name: string; readonly fork: string; readonly index?: CaseIndex }
  | { readonly kind: 'record'; readonly task: number; readonly record: CaseRecord }
  | { readonly kind: 'skip'; readonly task: number; readonly cases: readonly SkippedCase[] }
  | { readonly kind: 'done'; readonly task: number };
