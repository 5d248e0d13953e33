/**
 * Known oracle bugs (fuzz/KNOWN_ORACLE_BUGS.md has each rule, the evidence and the reduced case). A
 * divergence that one of these recognises is counted under its id, not reported as a divergence: each class
 * is reported once per campaign as known. Classifiers look at the case and both outcomes, never at evmkit's
 * answer alone, so an evmkit regression in the same area still shows up when its outcome differs otherwise.
 */
import type { Checked } from './check.js';
import type { StateTestJson } from './statetest.js';

/** A recognised class of oracle bug. */
export interface KnownBug {
  readonly id: string;
  readonly title: string;
  readonly matches: (test: StateTestJson, checked: Checked) => boolean;
}

/** Every known oracle bug class. */
export const KNOWN_BUGS: readonly KnownBug[] = [];

/** The id of the known oracle bug this divergence is an instance of, if any. */
export function knownBug(test: StateTestJson, checked: Checked): string | undefined {
  return KNOWN_BUGS.find((b) => b.matches(test, checked))?.id;
}
