/** The record of one blockchain test, as `evmkit blocktest --json` prints it. */
import type { CaseRecord } from '../statetest/types.js';

/** `{name, file, fork, pass, lastblockhash, stateRoot, error}`: `fork` is the test's network. */
export interface BlockTestRecord extends CaseRecord {
  /** The head's hash after the import (when the genesis could be set up). */
  readonly lastblockhash?: string;
}
