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
import { isAddress, parseAddress, type Address } from '../primitives/address.js';
import { EMPTY_BYTES, bytesEqual } from '../primitives/bytes.js';
import { Account, type StorageSlot } from './account.js';
import type { AccountInit, Alloc } from './alloc.js';
import { diffOf, markChanged, type StateDiff } from './diff.js';
import type { Log } from './logs.js';
import type { Checkpoint, JournalEntry } from './journal.js';
import { EMPTY_TRIE_ROOT } from './mpt.js';
import { SourceReader } from './reader.js';
import { MissingStateError, missingKey, type MissingState, type StateSource } from './source.js';
import { StateTrie, type TrieWorld } from './state-trie.js';

/**
 * RIPEMD-160's address. In block 2675119 a call to it ran out of gas after touching it; clients disagreed
 * and the outcome that stuck is that its touch survives the revert (see execution-specs, EIP-716 note).
 */
const RIPEMD_ADDRESS = parseAddress('0x0000000000000000000000000000000000000003');

/** A point between transactions to roll back to (see WorldState.savepoint). */
export type Savepoint = number;

/** The outcome of WorldState.speculate: the value, or the state that was missing (then nothing was kept). */
export type Speculation<T> = { readonly value: T; readonly misses: readonly [] } | { readonly value: undefined; readonly misses: readonly MissingState[] };

/** The world state one transaction at a time runs against. */
export class WorldState {
  private readonly accounts = new Map<Address, Account>();
  private journal: JournalEntry[] = [];
  /** Where the running transaction's entries start; earlier ones are kept while a savepoint is open. */
  private txStart = 0;
  private readonly savepoints: Savepoint[] = [];
  /** Accounts (and their slots) changed since the trie last saw them; null while there is nothing to track. */
  private pending: Map<Address, Set<bigint>> | null;
  private trie: StateTrie | null = null;
  /** Reads misses from the source (null without one: then a miss means no account). */
  private readonly reader: SourceReader | null;
  private transient = new Map<Address, Map<bigint, bigint>>();
  private warmAccounts = new Set<Address>();
  private warmSlots = new Map<Address, Set<bigint>>();
  private touched = new Set<Address>();
  private destructed = new Set<Address>();
  private created = new Set<Address>();
  private logList: Log[] = [];
  /** True between beginTransaction() and finalizeTransaction(). */
  private active = false;
  /** Refund counter of the running transaction (journaled through 'refund' entries of the frame). */
  refund = 0;

  /** An empty state, or one that reads what it lacks from `source`. */
  constructor(readonly source: StateSource | null = null) {
    this.pending = source === null ? null : new Map();
    this.reader = source === null ? null : new SourceReader(source, this.accounts);
  }

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

  /** True while a transaction runs (between beginTransaction() and finalizeTransaction()). */
  get inTransaction(): boolean {
    return this.active;
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

  /**
   * After a write between transactions: the trie learns of it, and its journal entry is kept only for an
   * open savepoint.
   */
  private settle(): void {
    const journal = this.journal;
    if (this.pending !== null) markChanged(journal, this.txStart, journal.length, this.pending);
    if (this.savepoints.length === 0) journal.length = 0;
    this.txStart = journal.length;
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────────────────

  /** The account at `address`, or undefined when none exists. Do not mutate it directly. */
  getAccount(address: Address): Account | undefined {
    const a = this.accounts.get(address);
    // Only a miss costs more than the lookup, and only with a source.
    return a !== undefined || this.reader === null ? a : this.reader.account(address);
  }

  /** Every account held in memory: all of them without a source, the ones read or written so far with one. */
  allAccounts(): IterableIterator<[Address, Account]> {
    return this.accounts.entries();
  }

  /** True when an account exists at `address` (empty or not). */
  exists(address: Address): boolean {
    return this.getAccount(address) !== undefined;
  }

  /** EIP-161 "dead": no account, or an empty one. */
  isDead(address: Address): boolean {
    const a = this.getAccount(address);
    return a === undefined || a.isEmpty();
  }

  getBalance(address: Address): bigint {
    return this.getAccount(address)?.balance ?? 0n;
  }

  getNonce(address: Address): bigint {
    return this.getAccount(address)?.nonce ?? 0n;
  }

  getCode(address: Address): Uint8Array {
    return this.getAccount(address)?.code ?? EMPTY_BYTES;
  }

  /** Code hash, KECCAK_EMPTY for an account without code; undefined when no account exists. */
  getCodeHash(address: Address): Uint8Array | undefined {
    return this.getAccount(address)?.codeHash;
  }

  /** Current value of a storage slot. */
  getStorage(address: Address, key: bigint): bigint {
    const a = this.getAccount(address);
    if (a === undefined) return 0n;
    const slot = a.storage.get(key);
    if (slot !== undefined) return slot.current;
    return a.sourceRoot === null ? 0n : this.reader!.slot(address, a, key).current;
  }

  /** Value of the slot at the start of the transaction (EIP-1283/2200 "original value"). */
  getOriginalStorage(address: Address, key: bigint): bigint {
    const a = this.getAccount(address);
    if (a === undefined) return 0n;
    const slot = a.storage.get(key);
    if (slot !== undefined) return slot.original;
    return a.sourceRoot === null ? 0n : this.reader!.slot(address, a, key).original;
  }

  /** True when the account has a non-zero storage slot (EIP-7610), asking the trie for storage in a source. */
  hasStorage(address: Address): boolean {
    const a = this.getAccount(address);
    if (a === undefined) return false;
    if (a.hasStorage()) return true;
    if (a.sourceRoot === null) return false;
    return !bytesEqual(this.engine().storageRoot(address, a, this.pending?.get(address), this.reader!.misses), EMPTY_TRIE_ROOT);
  }

  /** BLOCKHASH through the source (plug in with `blockEnv({ blockHash: (n) => state.blockHash(n) })`). */
  blockHash(number: bigint): bigint {
    if (this.reader === null) throw new Error('WorldState.blockHash: this state has no source of block hashes');
    return this.reader.blockHash(number);
  }

  getTransient(address: Address, key: bigint): bigint {
    return this.transient.get(address)?.get(key) ?? 0n;
  }

  /** Logs emitted so far in this transaction (reverted frames' logs are gone). */
  get logs(): readonly Log[] {
    return this.logList;
  }

  /** True when the account was created in the running transaction (EIP-6780). */
  createdInTransaction(address: Address): boolean {
    return this.created.has(address);
  }

  /** True when the account is scheduled for destruction at the end of the transaction. */
  isDestructed(address: Address): boolean {
    return this.destructed.has(address);
  }

  // ── journaled writes ─────────────────────────────────────────────────────────────────────────────────

  private getOrCreate(address: Address): Account {
    let a = this.getAccount(address);
    if (a === undefined) {
      a = new Account();
      this.accounts.set(address, a);
      this.journal.push({ kind: 'account', address, previous: undefined });
    }
    return a;
  }

  /** Sets the balance, creating the account if needed. */
  setBalance(address: Address, balance: bigint): void {
    if (!this.active) checkedAddress(address, 'setBalance');
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'balance', address, previous: a.balance });
    a.balance = balance;
    if (!this.active) this.settle();
  }

  /** Adds `amount` (may be zero: the account is still created). */
  addBalance(address: Address, amount: bigint): void {
    this.setBalance(address, this.getBalance(address) + amount);
  }

  /** Subtracts `amount`; the caller has checked that the balance suffices. */
  subBalance(address: Address, amount: bigint): void {
    this.setBalance(address, this.getBalance(address) - amount);
  }

  setNonce(address: Address, nonce: bigint): void {
    if (!this.active) checkedAddress(address, 'setNonce');
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'nonce', address, previous: a.nonce });
    a.nonce = nonce;
    if (!this.active) this.settle();
  }

  setCode(address: Address, code: Uint8Array): void {
    if (!this.active) checkedAddress(address, 'setCode');
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'code', address, previous: a.code });
    a.setCode(code);
    if (!this.active) this.settle();
  }

  /**
   * Makes a fresh account for a contract being created at `address`, keeping any balance already sent
   * there; storage and code start empty (a collision check has already ruled out code, nonce and storage).
   */
  createContractAccount(address: Address, nonce: bigint): void {
    const previous = this.getAccount(address);
    const fresh = new Account(nonce, previous?.balance ?? 0n);
    this.accounts.set(address, fresh);
    this.journal.push({ kind: 'account', address, previous });
    if (!this.created.has(address)) {
      this.created.add(address);
      this.journal.push({ kind: 'created', address });
    }
  }

  /**
   * Writes a storage slot. In a transaction (SSTORE) the original value stays as the transaction found it
   * (EIP-1283/2200); between transactions the write is setup, so the value is current and original at once.
   */
  setStorage(address: Address, key: bigint, value: bigint): void {
    if (!this.active) return this.setupStorage(checkedAddress(address, 'setStorage'), key, value);
    const a = this.getOrCreate(address);
    let slot = a.storage.get(key);
    if (slot === undefined) {
      if (a.sourceRoot !== null) slot = this.reader!.slot(address, a, key);
      else {
        slot = { current: 0n, original: 0n };
        a.storage.set(key, slot);
      }
    }
    this.journal.push({ kind: 'storage', address, key, previous: slot.current });
    slot.current = value;
    if (a.written !== null) a.written.add(key);
  }

  /**
   * A storage write between transactions: committed, and a zero value leaves no slot (as finalisation does),
   * unless it hides a value the account's source still holds.
   */
  private setupStorage(address: Address, key: bigint, value: bigint): void {
    const a = this.getOrCreate(address);
    let slot = a.storage.get(key);
    if (slot === undefined && a.sourceRoot !== null) slot = this.reader!.slot(address, a, key);
    this.journal.push({ kind: 'storage', address, key, previous: slot?.current ?? 0n });
    if (value === 0n && a.sourceRoot === null) a.storage.delete(key);
    else if (slot === undefined) a.storage.set(key, { current: value, original: value });
    else slot.current = slot.original = value;
    if (a.written !== null) a.written.add(key);
    this.settle();
  }

  setTransient(address: Address, key: bigint, value: bigint): void {
    let slots = this.transient.get(address);
    if (slots === undefined) this.transient.set(address, (slots = new Map()));
    this.journal.push({ kind: 'transient', address, key, previous: slots.get(key) ?? 0n });
    slots.set(key, value);
  }

  /** Marks the account touched (EIP-161: a touched empty account is deleted at the end of the tx). */
  touch(address: Address): void {
    if (this.touched.has(address)) return;
    if (this.source !== null) this.getAccount(address); // finalisation must know whether it exists and is empty
    this.touched.add(address);
    this.journal.push({ kind: 'touch', address });
  }

  /** Makes the account warm; returns true when it was cold (EIP-2929). */
  warmAccount(address: Address): boolean {
    if (this.warmAccounts.has(address)) return false;
    this.warmAccounts.add(address);
    this.journal.push({ kind: 'warmAccount', address });
    return true;
  }

  /** Makes the slot warm; returns true when it was cold (EIP-2929). */
  warmSlot(address: Address, key: bigint): boolean {
    let set = this.warmSlots.get(address);
    if (set === undefined) this.warmSlots.set(address, (set = new Set()));
    if (set.has(key)) return false;
    set.add(key);
    this.journal.push({ kind: 'warmSlot', address, key });
    return true;
  }

  /** True when the account is warm. */
  isWarmAccount(address: Address): boolean {
    return this.warmAccounts.has(address);
  }

  /** Schedules the account for deletion at the end of the transaction. */
  markDestructed(address: Address): void {
    if (this.destructed.has(address)) return;
    this.destructed.add(address);
    this.journal.push({ kind: 'destruct', address });
  }

  /** Appends a log. */
  addLog(log: Log): void {
    this.logList.push(log);
    this.journal.push({ kind: 'log' });
  }

  /** Sets the refund counter. */
  setRefund(value: number): void {
    this.journal.push({ kind: 'refund', previous: this.refund });
    this.refund = value;
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

  private undo(e: JournalEntry): void {
    switch (e.kind) {
      case 'account':
        if (e.previous === undefined) this.accounts.delete(e.address);
        else this.accounts.set(e.address, e.previous);
        return;
      case 'created':
        this.created.delete(e.address);
        return;
      case 'balance':
        this.accounts.get(e.address)!.balance = e.previous;
        return;
      case 'nonce':
        this.accounts.get(e.address)!.nonce = e.previous;
        return;
      case 'code':
        this.accounts.get(e.address)!.setCode(e.previous);
        return;
      case 'storage': {
        // The slot may have gone at a finalisation since (a zero slot is dropped), when rolling back to a savepoint.
        const storage = this.accounts.get(e.address)!.storage;
        const slot = storage.get(e.key);
        if (slot !== undefined) slot.current = e.previous;
        else storage.set(e.key, { current: e.previous, original: e.previous });
        return;
      }
      case 'transient':
        this.transient.get(e.address)!.set(e.key, e.previous);
        return;
      case 'touch':
        // The one place of the RIPEMD-160 quirk: its touch is never undone.
        if (e.address !== RIPEMD_ADDRESS) this.touched.delete(e.address);
        return;
      case 'warmAccount':
        this.warmAccounts.delete(e.address);
        return;
      case 'warmSlot':
        this.warmSlots.get(e.address)!.delete(e.key);
        return;
      case 'destruct':
        this.destructed.delete(e.address);
        return;
      case 'log':
        this.logList.pop();
        return;
      case 'refund':
        this.refund = e.previous;
        return;
      default: {
        const never: never = e;
        throw new Error(`unknown journal entry ${JSON.stringify(never)}`);
      }
    }
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

  private clearTransaction(): void {
    this.transient = new Map();
    this.warmAccounts = new Set();
    this.warmSlots = new Map();
    this.touched = new Set();
    this.destructed = new Set();
    this.created = new Set();
    this.logList = [];
    this.refund = 0;
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

  /** The trie behind root() and proofs (see state-trie.ts). */
  engine(): StateTrie {
    return (this.trie ??= new StateTrie(this.trieWorld()));
  }

  /** What the trie reads of this state (made with the trie: a plain state pays nothing for it). */
  private trieWorld(): TrieWorld {
    return {
      source: () => this.source,
      cached: (address) => this.accounts.get(address),
      knownAbsent: (address) => this.reader === null || this.reader.absent.has(address),
      accounts: () => this.accounts.entries(),
    };
  }
}

/** An account from its allocation entry; zero storage values leave no slot. */
function accountOf(init: AccountInit): Account {
  const storage = new Map<bigint, StorageSlot>();
  for (const [key, value] of init.storage) if (value !== 0n) storage.set(key, { current: value, original: value });
  return new Account(init.nonce, init.balance, init.code, storage);
}

/** Setup entry points take only canonical addresses: a checksummed spelling would name a second account. */
function checkedAddress(address: Address, method: string): Address {
  if (!isAddress(address)) {
    throw new TypeError(`WorldState.${method}: '${String(address).slice(0, 60)}' is not an Address (lower-case 0x + 40 hex digits): pass it through parseAddress()`);
  }
  return address;
}
