/**
 * Known divergence classes (fuzz/KNOWN_ORACLE_BUGS.md has each rule, the evidence and the reduced case). A
 * divergence that one of these recognises is counted under its id instead of being reported: each class is
 * reported once per campaign as known. Classifiers look at the case and at both outcomes, and match narrowly,
 * so that anything else in the same area still shows up.
 */
import type { Checked } from './check.js';
import type { StateTestJson } from './statetest.js';

/** Who is wrong: the oracle, or evmkit's state-test harness with a fix under way (not the engine). */
export type KnownSide = 'oracle' | 'evmkit-harness';

/** A recognised class. */
export interface KnownBug {
  readonly id: string;
  readonly side: KnownSide;
  readonly title: string;
  readonly matches: (test: StateTestJson, checked: Checked) => boolean;
}

const PRE_EIP158 = new Set(['Frontier', 'Homestead', 'EIP150']);

/** Every known class. */
export const KNOWN_BUGS: readonly KnownBug[] = [
  {
    // The three divergences of issue 16. evmkit's `statetest` runner skips the coinbase's 0-value touch after
    // a rejected transaction; before EIP-158 that leaves an absent coinbase absent instead of empty. The
    // engine under the convention agrees with the oracle; only the runner's root differs.
    id: 'statetest-rejected-tx-coinbase-touch',
    side: 'evmkit-harness',
    title: "evmkit statetest: no coinbase touch after a rejected transaction (before EIP-158 the absent coinbase must appear empty)",
    matches: (test, c) => {
      const fork = Object.keys(test.post)[0];
      const coinbase = test.env.currentCoinbase.toLowerCase();
      return (
        c.divergence?.kind === 'runner' &&
        c.evmkit?.outcome.status === 'invalid' &&
        PRE_EIP158.has(fork) &&
        !Object.keys(test.pre).some((a) => a.toLowerCase() === coinbase)
      );
    },
  },
];

/** The id of the known class this divergence belongs to, if any. */
export function knownBug(test: StateTestJson, checked: Checked): string | undefined {
  return KNOWN_BUGS.find((b) => b.matches(test, checked))?.id;
}
