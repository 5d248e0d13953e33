/** What one EVM made of one case, in a form both sides produce and the comparison reads. */

/** How the transaction ended; 'invalid' means it was rejected before execution. */
export type Status = 'success' | 'revert' | 'halt' | 'invalid';

/** The compared result of one case on one EVM. */
export interface Outcome {
  readonly status: Status;
  /** Rejection reason or halt reason, for messages only (never compared: the wording differs per EVM). */
  readonly error?: string;
  /** Gas used by the transaction (after refund); 0 for a rejected one. */
  readonly gasUsed: bigint;
  /** keccak256(rlp(logs)), lower-case 0x hex. */
  readonly logsHash: string;
  /** Post-state root after the state-test coinbase convention, lower-case 0x hex. */
  readonly stateRoot: string;
}

/** One account of a post-state dump; storage keyed by the 0x hex of keccak256(slot), as tries store it. */
export interface DumpAccount {
  readonly balance: bigint;
  readonly nonce: bigint;
  readonly codeHash: string;
  readonly storage: ReadonlyMap<string, bigint>;
}

/** A post-state dump: lower-case address → account. */
export type Dump = ReadonlyMap<string, DumpAccount>;

/** One EIP-3155 step, reduced to the fields both EVMs define the same way. */
export interface TraceStep {
  readonly pc: number;
  readonly op: number;
  readonly gas: bigint;
  /** Bottom first, minimal hex. */
  readonly stack: readonly string[];
  /** From 1 (the transaction's own frame). */
  readonly depth: number;
}

/** The extras collected when a case diverged: dumps and traces of both sides. */
export interface Details {
  readonly dump: Dump;
  readonly trace: readonly TraceStep[];
}
