/** Per-fork tables built as deltas: each fork's value is the previous fork's with that fork's changes applied. */
import { Fork, LATEST_FORK } from './fork.js';

/** The value of every fork, indexed by Fork, from Frontier's and the changes each later fork makes. */
export function perFork<T extends object>(frontier: T, changes: Partial<Record<Fork, Partial<T>>>): readonly T[] {
  const list: T[] = [];
  let current = frontier;
  for (let fork = Fork.Frontier; fork <= LATEST_FORK; fork++) {
    current = { ...current, ...changes[fork] };
    list.push(current);
  }
  return list;
}
