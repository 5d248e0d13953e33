/** The shape every precompiled contract has. */
import type { Fork } from '../forks/fork.js';

/** Outcome of running a precompile. On failure all gas given to it is consumed and output is empty. */
export interface PrecompileResult {
  readonly success: boolean;
  /** Gas charged (≤ the limit given). On failure the caller consumes the whole limit regardless. */
  readonly gasUsed: number;
  readonly output: Uint8Array;
}

/** A precompiled contract: pure function of input, gas limit and fork. Never throws for any input. */
export type Precompile = (input: Uint8Array, gasLimit: number, fork: Fork) => PrecompileResult;

/** Shared failure result (out of gas or invalid input). */
export const PRECOMPILE_FAILURE: PrecompileResult = { success: false, gasUsed: 0, output: new Uint8Array(0) };
