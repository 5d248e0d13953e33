/** Proof-of-work difficulty (Yellow Paper 4.4.3): the parent's, adjusted by the block time, plus the bomb. */
import { Fork } from '../forks/fork.js';
import { powRules } from '../forks/pow.js';

/** The least difficulty a proof-of-work block may have. */
export const MINIMUM_DIFFICULTY = 131072n;

/** What the difficulty of a block depends on, from itself and its parent. */
export interface DifficultyInput {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly parentTimestamp: bigint;
  readonly parentDifficulty: bigint;
  /** EIP-100: whether the parent has uncles (its ommers hash is not that of the empty list). */
  readonly parentHasUncles: boolean;
}

/** The difficulty a proof-of-work block of `fork` must have. */
export function calculateDifficulty(fork: Fork, d: DifficultyInput): bigint {
  const rules = powRules(fork);
  const step = d.parentDifficulty / 2048n;
  const elapsed = d.timestamp - d.parentTimestamp;
  let factor: bigint;
  if (rules.formula === 'frontier') factor = elapsed < 13n ? 1n : -1n;
  else if (rules.formula === 'homestead') factor = max(1n - elapsed / 10n, -99n); // EIP-2
  else factor = max((d.parentHasUncles ? 2n : 1n) - elapsed / 9n, -99n); // EIP-100
  let difficulty = d.parentDifficulty + step * factor;
  // The bomb: 2^(periods - 2) for every 100,000-block period of the (delayed) block number.
  const fakeNumber = max(d.number - rules.bombDelay, 0n);
  const periods = fakeNumber / 100_000n - 2n;
  if (periods >= 0n) difficulty += 1n << periods;
  return max(difficulty, MINIMUM_DIFFICULTY);
}

function max(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

/** True before Paris: blocks carry proof of work. */
export function isProofOfWork(fork: Fork): boolean {
  return fork < Fork.Paris;
}
