/**
 * Running against a source that answers asynchronously, with a synchronous core: run, collect every miss,
 * fetch them all at once, run again from the same starting point, until nothing is missing.
 */
import { describeMissing, missingKey, type MissingState } from './source.js';
import type { WorldState } from './world.js';

/** Makes the state's source able to answer `misses` (e.g. fills a LazySource); resolves when done. */
export type StateFetch = (misses: readonly MissingState[]) => Promise<void>;

/** Options of withStateFetch. */
export interface StateFetchOptions {
  /** Give up after this many runs (default 64: one per level of calls that reach new state is typical). */
  readonly maxRounds?: number;
}

/**
 * Runs `fn` (between transactions) against `state` until it runs without a miss, awaiting `fetch` for the
 * misses of each run; returns `fn`'s value from the complete run. Runs that missed state leave nothing behind
 * (see WorldState.speculate). Throws when a fetch does not supply what it was asked for.
 */
export async function withStateFetch<T>(state: WorldState, fn: () => T, fetch: StateFetch, options: StateFetchOptions = {}): Promise<T> {
  const maxRounds = options.maxRounds ?? 64;
  let asked = new Set<string>();
  for (let round = 1; ; round++) {
    const outcome = state.speculate(fn);
    if (outcome.misses.length === 0) return outcome.value as T;
    const keys = outcome.misses.map(missingKey);
    if (keys.every((k) => asked.has(k))) {
      throw new Error(`withStateFetch: the fetch did not supply ${list(outcome.misses)}`);
    }
    if (round >= maxRounds) throw new Error(`withStateFetch: state still missing after ${round} runs: ${list(outcome.misses)}`);
    asked = new Set(keys);
    await fetch(outcome.misses);
  }
}

function list(misses: readonly MissingState[]): string {
  const shown = misses.slice(0, 3).map(describeMissing).join(', ');
  return misses.length > 3 ? `${shown} and ${misses.length - 3} more` : shown;
}
