/**
 * The journaled world state: accounts, storage (current and original values), transient storage, EIP-2929
 * warm sets, touched accounts, self-destruct schedule, logs and the refund counter. Every change is recorded
 * in one undo log; a checkpoint is the log's length.
 *
 * A transaction runs from beginTransaction() (a StateHost calls it) to finalizeTransaction(). Writes between
 * transactions are setup: committed at once, so a storage slot's original value is the value written, and
 * undone only by rolling back to a savepoint. Between transactions checkpoint()/revert() are savepoints.
 *
 * The accounts live in memory. A state built over a StateSource reads what it lacks from the source on the
 * first access and caches it; a state without one holds everything (a miss means "no such account").
 * Savepoints reach across transactions (a block rolled back), and the state root is kept incrementally by a
 * StateTrie that learns from the journal which accounts and slots changed.
 */
import { type Address } from '../primitives/address.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import { Account, type StorageSlot } from './account.js';
import type { AccountInit, Alloc } from './alloc.js';
import { diffOf, markChanged, type StateDiff } from './diff.js';
import type { Checkpoint } from './journal.js';
import { MissingStateError, missingKey, type MissingState } from './source.js';
import { JournaledWorld, type Savepoint } from './world-journal.js';
import { checkedAddress } from './world-reads.js';

export type { Savepoint } from './world-journal.js';

/** The outcome of WorldState.speculate: the value, or the state that was missing (then nothing was kept). */
export type Speculation<T> = { readonly value: T; readonly misses: readonly [] } | { readonly value: undefined; readonly misses: readonly MissingState[] };

/**
 * The world state one transaction at a time runs against. Its reads are in world-reads.ts and its journaled
 * writes in world-journal.ts; here are the transaction boundaries, checkpoints, savepoints and the root.
 */
export class WorldState extends JournaledWorld {
  /** A state holding the accounts of a genesis-style allocation (keys as parseAlloc makes them). */
  static fromAlloc(alloc: Alloc): WorldState {
    const state = new WorldState();
    for (const [address, init] of alloc) state.accounts.set(checkedAddress(address, 'fromAlloc'), accountOf(init));
    return state;
  }

  /**
   * The whole state as an allocation (accounts by address, non-zero slots by key), as fromAlloc takes it and
   * allocToJson writes it; not for a state over a source, which holds only what it has read.
   */
  toAlloc(): Alloc {
    if (this.source !== null) throw new Error('WorldState.toAlloc: this state reads from a source, so only what it has read is in memory');
    const alloc = new Map<Address, AccountInit>();
    for (const address of [...this.accounts.keys()].sort()) {
      const account = this.accounts.get(address)!;
      const slots = [...account.storage].filter(([, slot]) => slot.current !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      alloc.set(address, { nonce: account.nonce, balance: account.balance, code: account.code, storage: new Map(slots.map(([k, slot]) => [k, slot.current])) });
    }
    return alloc;
  }

  /** Starts a transaction: from here storage writes keep their original values until finalizeTransaction(). */
  beginTransaction(): void {
    if (this.active) return;
    this.active = true;
    this.txStart = this.journal.length;
  }

  /**
   * Between transactions: sets the whole account (nonce, balance, code, storage; omitted fields zero or empty),
   * replacing any there. Storage values are current and original at once. Throws while a transaction runs.
   */
  putAccount(address: Address, init: Partial<AccountInit> = {}): void {
    if (this.active) throw new Error('WorldState.putAccount: a transaction is running (set up accounts between transactions)');
    const at = checkedAddress(address, 'putAccount');
    const previous = this.getAccount(at); // over a source, the account it replaces (a rollback brings it back)
    this.accounts.set(at, accountOf({ nonce: 0n, balance: 0n, code: EMPTY_BYTES, storage: new Map(), ...init }));
    this.journal.push({ kind: 'account', address: at, previous });
    this.settle();
  }

  // ── checkpoints ──────────────────────────────────────────────────────────────────────────────────────

  /**
   * A checkpoint to revert to. Between transactions it is a savepoint (see savepoint()): revert() then undoes
   * whole transactions, and release() keeps them.
   */
  checkpoint(): Checkpoint {
    if (!this.active) return this.savepoint();
    return this.journal.length;
  }

  /** Undoes every change made since `checkpoint`; between transactions, rollback(checkpoint). */
  revert(checkpoint: Checkpoint): void {
    if (!this.active) return this.rollback(checkpoint);
    if (checkpoint < this.txStart) {
      throw new Error('WorldState.revert: the checkpoint is from before this transaction (revert to it after finalizeTransaction)');
    }
    const journal = this.journal;
    while (journal.length > checkpoint) this.undo(journal.pop()!);
  }

  // ── transaction boundaries ───────────────────────────────────────────────────────────────────────────

  /**
   * Ends the transaction: deletes self-destructed accounts and, when `deleteEmptyTouched` (EIP-161), the
   * touched accounts that are empty; makes current storage the new original; clears per-transaction data.
   * Returns what the transaction changed.
   */
  finalizeTransaction(deleteEmptyTouched: boolean): StateDiff {
    for (const address of this.destructed) this.deleteAccount(address);
    if (deleteEmptyTouched) {
      for (const address of this.touched) {
        const a = this.accounts.get(address);
        if (a !== undefined && a.isEmpty()) this.deleteAccount(address);
      }
    }
    const journal = this.journal;
    const start = this.txStart;
    const end = journal.length;
    for (let i = start; i < end; i++) {
      const e = journal[i]!;
      if (e.kind !== 'storage') continue;
      const account = this.accounts.get(e.address);
      const slot = account?.storage.get(e.key);
      if (slot === undefined) continue;
      // A zero slot is the same as none, unless it hides a value the source still holds.
      if (slot.current === 0n && account!.sourceRoot === null) account!.storage.delete(e.key);
      else slot.original = slot.current;
    }
    const diff = diffOf(journal, start, end, this.accounts, this.source);
    if (this.pending !== null) markChanged(journal, start, end, this.pending);
    if (this.savepoints.length === 0) {
      this.journal = [];
      this.txStart = 0;
    } else {
      // A savepoint may roll back to before this transaction: keep its state changes, drop the rest.
      let kept = start;
      for (let i = start; i < end; i++) {
        const kind = journal[i]!.kind;
        if (kind === 'account' || kind === 'balance' || kind === 'nonce' || kind === 'code' || kind === 'storage') journal[kept++] = journal[i]!;
      }
      journal.length = kept;
      this.txStart = kept;
    }
    this.active = false;
    this.clearTransaction();
    return diff;
  }

  /** Deletes an account (journaled, so a savepoint can bring it back). */
  private deleteAccount(address: Address): void {
    const previous = this.accounts.get(address);
    if (previous === undefined) return;
    this.journal.push({ kind: 'account', address, previous });
    this.accounts.delete(address);
    this.reader?.absent.add(address);
  }

  // ── savepoints: rolling back whole transactions ──────────────────────────────────────────────────────

  /** A savepoint between transactions (e.g. before a block); the journal is kept until it is released. */
  savepoint(): Savepoint {
    if (this.active || this.journal.length !== this.txStart) throw new Error('WorldState.savepoint: a transaction is running (take savepoints between transactions)');
    this.savepoints.push(this.txStart);
    return this.txStart;
  }

  /** Undoes every transaction committed since `savepoint`, and the running one; the savepoint is released. */
  rollback(savepoint: Savepoint): void {
    const at = this.savepoints.lastIndexOf(savepoint);
    if (at < 0) throw new Error('WorldState.rollback: unknown or released savepoint');
    this.savepoints.length = at;
    const journal = this.journal;
    if (this.pending !== null) markChanged(journal, savepoint, journal.length, this.pending);
    const slots: { address: Address; key: bigint }[] = [];
    while (journal.length > savepoint) {
      const e = journal.pop()!;
      if (e.kind === 'storage') slots.push(e);
      this.undo(e);
    }
    // Back between transactions, where every slot's original value is its current one.
    for (const { address, key } of slots) {
      const slot = this.accounts.get(address)?.storage.get(key);
      if (slot !== undefined) slot.original = slot.current;
    }
    this.txStart = savepoint;
    this.active = false;
    this.clearTransaction();
    if (this.savepoints.length === 0) this.journal = [];
    if (this.savepoints.length === 0) this.txStart = 0;
  }

  /** Keeps everything since `savepoint` (and any later savepoint) for good. */
  release(savepoint: Savepoint): void {
    const at = this.savepoints.lastIndexOf(savepoint);
    if (at < 0) throw new Error('WorldState.release: unknown or released savepoint');
    this.savepoints.length = at;
    if (this.savepoints.length === 0 && this.journal.length === this.txStart) {
      this.journal = [];
      this.txStart = 0;
    }
  }

  /** What the transactions committed since `savepoint` changed (a block's diff). */
  diffSince(savepoint: Savepoint): StateDiff {
    if (!this.savepoints.includes(savepoint)) throw new Error('WorldState.diffSince: unknown or released savepoint');
    return diffOf(this.journal, savepoint, this.txStart, this.accounts, this.source);
  }

  // ── the source ───────────────────────────────────────────────────────────────────────────────────────

  /**
   * Runs `fn` between transactions, recording every read the source cannot answer instead of throwing
   * (a stand-in — no account, a zero slot, no code — lets it go on and find the others). If anything was
   * missing, the state is rolled back to where it was, the stand-ins are forgotten and the misses returned;
   * fetch them and run again (withStateFetch does that).
   */
  speculate<T>(fn: () => T): Speculation<T> {
    const reader = this.reader;
    if (reader === null) return { value: fn(), misses: [] }; // everything is in memory: nothing can miss
    const savepoint = this.savepoint();
    const misses = reader.beginSpeculation();
    let value: T | undefined;
    let failed = false;
    let failure: unknown;
    try {
      value = fn();
    } catch (e) {
      if (e instanceof MissingStateError) misses.push(e.missing);
      else [failed, failure] = [true, e];
    }
    if (misses.length === 0 && !failed) {
      reader.endSpeculation(false);
      this.release(savepoint);
      return { value: value as T, misses: [] };
    }
    this.rollback(savepoint);
    reader.endSpeculation(true);
    if (failed) throw failure;
    const unique = new Map(misses.map((m) => [missingKey(m), m]));
    return { value: undefined, misses: [...unique.values()] };
  }

  // ── the state root ───────────────────────────────────────────────────────────────────────────────────

  /**
   * The state root. The first one over a state without a source is built in one pass; after that, and over a
   * source from its root on, only the accounts and slots changed since the previous root are re-hashed.
   */
  root(): Uint8Array {
    const engine = this.engine();
    const pending = (this.pending ??= new Map());
    const journal = this.journal;
    markChanged(journal, this.txStart, journal.length, pending);
    const root = engine.root(pending, this.reader?.misses ?? null);
    // Changes of the running transaction are in the trie now, but a revert may still undo them.
    markChanged(journal, this.txStart, journal.length, pending);
    return root;
  }
}

/** An account from its allocation entry; zero storage values leave no slot. */
function accountOf(init: AccountInit): Account {
  const storage = new Map<bigint, StorageSlot>();
  for (const [key, value] of init.storage) if (value !== 0n) storage.set(key, { current: value, original: value });
  return new Account(init.nonce, init.balance, init.code, storage);
}
