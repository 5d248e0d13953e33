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

/**
 * Every known class. Empty today: issue 16's coinbase-touch class of evmkit's statetest runner (recognised
 * here until the fix landed) now passes as regression fixtures; see KNOWN_ORACLE_BUGS.md for its record.
 */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** The id of the known class this divergence belongs to, if any. */
export function knownBug(test: StateTestJson, checked: Checked): string | undefined {
  return KNOWN_BUGS.find((b) => b.matches(test, checked))?.id;
}
