/** Typed state-test cases, the filter that selects them, and the records a run produces. */
import type { Fork } from '../forks/fork.js';
import type { Alloc, BlockEnv, Transaction } from '../transition/types.js';

/** Which element of `data[]`, `gasLimit[]` and `value[]` a case uses. */
export interface CaseIndex {
  readonly data: number;
  readonly gas: number;
  readonly value: number;
}

/** One (test, fork, post entry) of a fixture file: everything needed to run and check it. */
export interface StateTestCase {
  /** The fixture file as the user named it (or as the directory walk found it). */
  readonly file: string;
  readonly name: string;
  /** The fork name as the fixture spells it. */
  readonly forkName: string;
  readonly fork: Fork;
  /** Position of this entry in `post[forkName]`. */
  readonly postIndex: number;
  readonly index: CaseIndex;
  readonly pre: Alloc;
  readonly env: BlockEnv;
  /** null when the loader already knows the transaction cannot be valid (e.g. value over 2^256). */
  readonly tx: Transaction | null;
  /** Why `tx` is null. */
  readonly txError?: string;
  /** Expected state root and logs hash, lower-case '0x' hex. */
  readonly expectedHash: string;
  readonly expectedLogs: string;
  /**
   * The block reward the fixture's filler paid after the transaction (its state tests carry none): 0 for
   * ethereum/tests fills (retesteth ran the transition tool with a zero reward, which touches the coinbase
   * even after a rejected transaction), null for execution-spec-tests fills (no reward step at all).
   */
  readonly blockReward: bigint | null;
  /** The fixture's exception name(s), several joined by `|` when any of them is right. */
  readonly expectException?: string;
  /**
   * execution-spec-tests' full expected post-state (`post[fork][i].state`), as raw JSON in the `pre` format;
   * parsed only when the root differs, to name the first difference.
   */
  readonly expectedState?: unknown;
}

/** A case the loader found but will not run. */
export interface SkippedCase {
  readonly file: string;
  readonly name: string;
  readonly forkName: string;
  readonly reason: string;
}

/** Selects cases: by fork, by test-name pattern, by position in the fork's post list. */
export interface CaseFilter {
  readonly fork?: Fork;
  readonly run?: RegExp;
  readonly index?: number;
}

/** The filter in a form that can be posted to a worker thread. */
export interface CaseFilterData {
  readonly fork?: number;
  readonly run?: string;
  readonly index?: number;
}

/** The result of one case (or of a fixture file that could not be loaded), as `--json` prints it. */
export interface CaseRecord {
  readonly name: string;
  readonly file: string;
  /** Empty for a file-level failure. */
  readonly fork: string;
  readonly index?: CaseIndex;
  readonly pass: boolean;
  readonly stateRoot?: string;
  readonly logsHash?: string;
  readonly error?: string;
  /** The post-state as alloc JSON (statetest --dump). */
  readonly state?: Readonly<Record<string, unknown>>;
  /** Timing of repeated runs of the case (statetest --bench). */
  readonly bench?: BenchStats;
}

/** What `statetest --bench` measures for a case: every run is the whole case, pre-state to state root. */
export interface BenchStats {
  readonly runs: number;
  /** Total time of the timed runs, in nanoseconds. */
  readonly nanos: number;
  /** Gas the transaction used (intrinsic gas included, refund deducted), as in the receipt. */
  readonly gasUsed: string;
}

/** What a run produces besides the verdict: the post-state dump, bench timings. */
export interface CaseExtras {
  readonly dump: boolean;
  /** Seconds of repeated runs per case, 0 for none. */
  readonly benchSeconds: number;
}

/** Converts a filter to its postable form. */
export function filterToData(filter: CaseFilter): CaseFilterData {
  return { fork: filter.fork, run: filter.run?.source, index: filter.index };
}

/** Rebuilds a filter from its postable form. */
export function filterFromData(data: CaseFilterData): CaseFilter {
  return {
    fork: data.fork,
    run: data.run === undefined ? undefined : new RegExp(data.run),
    index: data.index,
  };
}
