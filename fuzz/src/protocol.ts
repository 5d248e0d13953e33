/** Messages between the campaign (main thread) and its fuzz workers. */
import type { Coverage } from './evmkit.js';
import type { DivergenceKind } from './compare.js';
import type { Status } from './outcome.js';

/** What a worker is told to do: every index `i < cases` with `i % workers === worker`. */
export interface WorkerTask {
  readonly seed: string;
  readonly forks: readonly string[];
  readonly cases: number;
  readonly worker: number;
  readonly workers: number;
  readonly outDir: string;
  readonly shrink: boolean;
  /** Shrink at most this many divergences per kind (the rest are written as generated). */
  readonly shrinkPerKind: number;
}

/** A divergence as reported to the main thread. */
export interface DivergenceReport {
  readonly fork: string;
  readonly index: number;
  readonly kind: DivergenceKind;
  readonly summary: string;
  /** The written state-test file (reduced when shrinking was on). */
  readonly file: string;
  readonly details: readonly string[];
  readonly shrunk: { readonly checks: number; readonly codeBytes: number } | null;
}

/** Worker → main. */
export type WorkerMessage =
  | { readonly kind: 'case'; readonly fork: string; readonly status: Status | 'error'; readonly known?: string; readonly diverged: boolean }
  | { readonly kind: 'divergence'; readonly report: DivergenceReport }
  | { readonly kind: 'coverage'; readonly byFork: Record<string, Coverage> }
  | { readonly kind: 'done' };
