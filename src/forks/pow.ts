/**
 * Proof-of-work rules per fork, as data built fork by fork: the block reward, the difficulty formula and the
 * difficulty-bomb delay. From Paris (EIP-3675) there is no proof of work, no reward and no bomb.
 */
import { perFork } from './deltas.js';
import { Fork } from './fork.js';

/** Which difficulty adjustment a fork uses: Frontier's, Homestead's (EIP-2) or Byzantium's (EIP-100, uncle-aware). */
export type DifficultyFormula = 'frontier' | 'homestead' | 'byzantium';

/** The proof-of-work rules of one fork. */
export interface PowRules {
  /** Wei paid to the miner per block (uncles get a share on top). */
  readonly blockReward: bigint;
  readonly formula: DifficultyFormula;
  /** Blocks the difficulty bomb is pushed back by (its "fake block number" is the number less this). */
  readonly bombDelay: bigint;
}

const ETHER = 10n ** 18n;

const RULES = perFork<PowRules>({ blockReward: 5n * ETHER, formula: 'frontier', bombDelay: 0n }, {
  [Fork.Homestead]: { formula: 'homestead' }, // EIP-2
  [Fork.Byzantium]: { blockReward: 3n * ETHER, formula: 'byzantium', bombDelay: 3_000_000n }, // EIP-649, EIP-100
  [Fork.Constantinople]: { blockReward: 2n * ETHER, bombDelay: 5_000_000n }, // EIP-1234
  [Fork.MuirGlacier]: { bombDelay: 9_000_000n }, // EIP-2384
  [Fork.London]: { bombDelay: 9_700_000n }, // EIP-3554
  [Fork.ArrowGlacier]: { bombDelay: 10_700_000n }, // EIP-4345
  [Fork.GrayGlacier]: { bombDelay: 11_400_000n }, // EIP-5133
  [Fork.Paris]: { blockReward: 0n }, // EIP-3675: no proof of work
});

/** The proof-of-work rules of `fork`. */
export function powRules(fork: Fork): PowRules {
  return RULES[fork];
}
