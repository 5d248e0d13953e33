/** Executing a transaction against state that a source supplies asynchronously (see state/fetch.ts). */
import type { Fork } from '../forks/fork.js';
import { withStateFetch, type StateFetch, type StateFetchOptions } from '../state/fetch.js';
import type { WorldState } from '../state/world.js';
import { executeTransaction, type ExecuteOptions } from './execute.js';
import type { BlockEnv, Transaction, TxResult } from './types.js';

/**
 * Applies `tx` like executeTransaction, over a state whose source may miss: each run that misses state is
 * undone, `fetch` is awaited for all its misses at once, and the transaction runs again; the result is that
 * of the run that found everything.
 */
export function executeWithFetch(
  state: WorldState,
  env: BlockEnv,
  tx: Transaction,
  fork: Fork,
  fetch: StateFetch,
  options: ExecuteOptions & StateFetchOptions = {},
): Promise<TxResult> {
  return withStateFetch(state, () => executeTransaction(state, env, tx, fork, options), fetch, options);
}
