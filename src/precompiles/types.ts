/** The shape every precompiled contract has. */

/** Outcome of running a precompile. On failure all gas given to it is consumed and output is empty. */
export interface PrecompileResult {
  readonly success: boolean;
  /** Gas charged (≤ the limit given). On failure the caller consumes the whole limit regardless. */
  readonly gasUsed: number;
  readonly output: Uint8Array;
}

/**
 * A precompiled contract: pure function of input and gas limit. Never throws for any input. A fork that
 * reprices or changes a precompile registers its own version (see index.ts), so none needs the fork.
 */
export type Precompile = (input: Uint8Array, gasLimit: number) => PrecompileResult;

/** Shared failure result (out of gas or invalid input). */
export const PRECOMPILE_FAILURE: PrecompileResult = { success: false, gasUsed: 0, output: new Uint8Array(0) };
