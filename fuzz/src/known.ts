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
    // a rejected transaction. Before EIP-158 an absent coinbase must then appear as an empty account; from
    // EIP-158 on an empty coinbase of the pre-state must be deleted. The engine under the convention agrees
    // with the oracle; only the runner's root differs, and only in exactly these two situations.
    id: 'statetest-rejected-tx-coinbase-touch',
    side: 'evmkit-harness',
    title: 'evmkit statetest: no coinbase touch after a rejected transaction',
    matches: (test, c) => {
      if (c.divergence?.kind !== 'runner' || c.evmkit?.outcome.status !== 'invalid') return false;
      const coinbase = test.env.currentCoinbase.toLowerCase();
      const pre = Object.entries(test.pre).find(([a]) => a.toLowerCase() === coinbase)?.[1];
      if (PRE_EIP158.has(Object.keys(test.post)[0])) return pre === undefined;
      return pre !== undefined && BigInt(pre.balance) === 0n && BigInt(pre.nonce) === 0n && (pre.code === '0x' || pre.code === '');
    },
  },
];

/** The id of the known class this divergence belongs to, if any. */
export function knownBug(test: StateTestJson, checked: Checked): string | undefined {
  return KNOWN_BUGS.find((b) => b.matches(test, checked))?.id;
}
