/** Runs one state-test case: pre-state → transaction → compare state root and logs hash. */
import { Fork } from '../forks/fork.js';
import { bytesToHex } from '../primitives/bytes.js';
import { logsHash } from '../state/logs.js';
import { stateRoot } from '../state/root.js';
import { WorldState } from '../state/world.js';
import { executeTransaction } from '../transition/execute.js';
import type { TxResult } from '../transition/types.js';
import type { Tracer } from '../evm/tracer.js';
import { firstDifference } from './diff.js';
import { parsePre } from './pre.js';
import type { CaseRecord, StateTestCase } from './types.js';

/** Options for runCase. */
export interface RunCaseOptions {
  /** Builds a tracer for the case's state (EIP-3155 tracing reads the state's refund counter). */
  readonly tracerFor?: (state: WorldState) => Tracer;
  /** Sees the post-state and the transaction's result once the case has run (before the verdict). */
  readonly inspect?: (state: WorldState, result: TxResult) => void;
}

/** Runs one case and says whether it matches the fixture; never throws (an engine bug becomes a failure). */
export function runCase(c: StateTestCase, options: RunCaseOptions = {}): CaseRecord {
  const base = { name: c.name, file: c.file, fork: c.forkName, index: c.index };
  try {
    const state = WorldState.fromAlloc(c.pre);
    const result = applyCase(state, c, options.tracerFor?.(state) ?? null);
    const root = bytesToHex(stateRoot(state));
    const logs = bytesToHex(logsHash(result.logs));
    options.inspect?.(state, result);
    const error = verdict(c, result, root, logs, state);
    return { ...base, pass: error === undefined, stateRoot: root, logsHash: logs, ...(error === undefined ? {} : { error }) };
  } catch (e) {
    return { ...base, pass: false, error: `internal error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** The case's transaction and block-reward step applied to `state` (its pre-state). */
export function applyCase(state: WorldState, c: StateTestCase, tracer: Tracer | null = null): TxResult {
  const result: TxResult =
    c.tx === null
      ? { status: 'invalid', error: c.txError, gasUsed: 0n, output: new Uint8Array(0), logs: [] }
      : executeTransaction(state, c.env, c.tx, c.fork, { tracer });
  if (c.blockReward !== null && (result.status === 'invalid' || c.blockReward !== 0n)) payBlockReward(state, c, c.blockReward);
  return result;
}

/**
 * The filler's block-reward step after the transaction, valid or rejected: the coinbase is credited (0 for
 * ethereum/tests) and so touched. Before EIP-158 an absent coinbase thus appears as an empty account; from
 * EIP-158 on an empty coinbase is deleted as a touched empty account. geth's state-test runner does the same.
 * It belongs to the harness: executeTransaction leaves the state alone when it rejects a transaction. After a
 * valid one a 0 reward changes nothing more: the coinbase was already credited and touched before the
 * self-destructed accounts were deleted (as geth's runner, whose 0-credit comes before its Finalise); a
 * credit now would bring back, before EIP-158, a coinbase that destroyed itself (fuzz/regressions/).
 */
function payBlockReward(state: WorldState, c: StateTestCase, reward: bigint): void {
  state.addBalance(c.env.coinbase, reward);
  state.touch(c.env.coinbase);
  state.finalizeTransaction(c.fork >= Fork.SpuriousDragon); // EIP-161
}

/** Why the outcome does not match the fixture, or undefined when it does. */
function verdict(c: StateTestCase, result: TxResult, root: string, logs: string, state: WorldState): string | undefined {
  if (c.expectException !== undefined) {
    if (result.status !== 'invalid') return `expected exception ${c.expectException}, but the transaction was valid (${result.status})`;
  } else if (result.status === 'invalid') {
    return `transaction rejected: ${result.error ?? 'no reason given'}`;
  }
  if (root !== c.expectedHash) return `state root mismatch: got ${root}, want ${c.expectedHash}${stateDifference(c, state)}`;
  if (logs !== c.expectedLogs) return `logs hash mismatch: got ${logs}, want ${c.expectedLogs}`;
  return undefined;
}

/** `; first difference: …` from the fixture's full post-state, when it has one. */
function stateDifference(c: StateTestCase, state: WorldState): string {
  if (c.expectedState === undefined) return '';
  let expected;
  try {
    expected = parsePre(c.expectedState);
  } catch (e) {
    return `; post state unreadable: ${(e as Error).message.replace(/^pre/, 'state')}`;
  }
  const difference = firstDifference(state, expected);
  return difference === undefined ? '; the accounts match the fixture\'s post state' : `; first difference: ${difference}`;
}
