/**
 * The journal: an undo log of tagged entries. A checkpoint is the journal's length; reverting pops entries
 * back to it and undoes each. Every state change goes through WorldState, which records the entry.
 */
import type { Address } from '../primitives/address.js';
import type { Account } from './account.js';

/** One undoable change; each kind documents what it did and what undoing it restores. */
export type JournalEntry =
  /** An account was created or replaced; restore `previous` (undefined: the address had no account). */
  | { kind: 'account'; address: Address; previous: Account | undefined }
  /** Balance changed; restore `previous`. */
  | { kind: 'balance'; address: Address; previous: bigint }
  /** Nonce changed; restore `previous`. */
  | { kind: 'nonce'; address: Address; previous: bigint }
  /** Code was set; restore the previous code. */
  | { kind: 'code'; address: Address; previous: Uint8Array }
  /** A storage slot changed; restore `previous` as its current value. */
  | { kind: 'storage'; address: Address; key: bigint; previous: bigint }
  /** A transient slot changed (EIP-1153); restore `previous`. */
  | { kind: 'transient'; address: Address; key: bigint; previous: bigint }
  /** The account was marked touched (EIP-161); unmark it. */
  | { kind: 'touch'; address: Address }
  /** The account became warm (EIP-2929); make it cold again. */
  | { kind: 'warmAccount'; address: Address }
  /** The slot became warm (EIP-2929); make it cold again. */
  | { kind: 'warmSlot'; address: Address; key: bigint }
  /** The account was scheduled for destruction; unschedule it. */
  | { kind: 'destruct'; address: Address }
  /** A log was appended; drop it. */
  | { kind: 'log' }
  /** The account was recorded as created in this transaction (EIP-6780); forget that. */
  | { kind: 'created'; address: Address }
  /** The refund counter changed; restore `previous`. */
  | { kind: 'refund'; previous: number };

/** A position in the journal to revert to. */
export type Checkpoint = number;
