/**
 * The journaled in-memory world state: accounts, storage (current and original values), transient storage,
 * EIP-2929 warm sets, touched accounts, self-destruct schedule, logs and the refund counter. Every change is
 * recorded in one undo log; a checkpoint is the log's length.
 */
import type { Address } from '../primitives/address.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import type { Alloc, Log } from './types.js';
import { Account, type StorageSlot } from './account.js';
import type { Checkpoint, JournalEntry } from './journal.js';

/**
 * RIPEMD-160's address. In block 2675119 a call to it ran out of gas after touching it; clients disagreed
 * and the outcome that stuck is that its touch survives the revert (see execution-specs, EIP-716 note).
 */
const RIPEMD_ADDRESS = '0x0000000000000000000000000000000000000003';

/** The world state one transaction at a time runs against. */
export class WorldState {
  private readonly accounts = new Map<Address, Account>();
  private journal: JournalEntry[] = [];
  private transient = new Map<Address, Map<bigint, bigint>>();
  private warmAccounts = new Set<Address>();
  private warmSlots = new Map<Address, Set<bigint>>();
  private touched = new Set<Address>();
  private destructed = new Set<Address>();
  private created = new Set<Address>();
  /** Accounts whose storage was written this transaction (a superset is fine: finalisation only tidies). */
  private storageWritten = new Set<Address>();
  private logList: Log[] = [];
  /** Refund counter of the running transaction (journaled through 'refund' entries of the frame). */
  refund = 0;

  /** A state holding the accounts of a genesis-style allocation. */
  static fromAlloc(alloc: Alloc): WorldState {
    const state = new WorldState();
    for (const [address, init] of alloc) {
      const storage = new Map<bigint, StorageSlot>();
      for (const [key, value] of init.storage) if (value !== 0n) storage.set(key, { current: value, original: value });
      state.accounts.set(address, new Account(init.nonce, init.balance, init.code, storage));
    }
    return state;
  }

  // ── reads ────────────────────────────────────────────────────────────────────────────────────────────

  /** The account at `address`, or undefined when none exists. Do not mutate it directly. */
  getAccount(address: Address): Account | undefined {
    return this.accounts.get(address);
  }

  /** Every existing account (for the state root and dumps). */
  allAccounts(): IterableIterator<[Address, Account]> {
    return this.accounts.entries();
  }

  /** True when an account exists at `address` (empty or not). */
  exists(address: Address): boolean {
    return this.accounts.has(address);
  }

  /** EIP-161 "dead": no account, or an empty one. */
  isDead(address: Address): boolean {
    const a = this.accounts.get(address);
    return a === undefined || a.isEmpty();
  }

  getBalance(address: Address): bigint {
    return this.accounts.get(address)?.balance ?? 0n;
  }

  getNonce(address: Address): bigint {
    return this.accounts.get(address)?.nonce ?? 0n;
  }

  getCode(address: Address): Uint8Array {
    return this.accounts.get(address)?.code ?? EMPTY_BYTES;
  }

  /** Code hash, KECCAK_EMPTY for an account without code; undefined when no account exists. */
  getCodeHash(address: Address): Uint8Array | undefined {
    return this.accounts.get(address)?.codeHash;
  }

  /** Current value of a storage slot. */
  getStorage(address: Address, key: bigint): bigint {
    return this.accounts.get(address)?.storage.get(key)?.current ?? 0n;
  }

  /** Value of the slot at the start of the transaction (EIP-1283/2200 "original value"). */
  getOriginalStorage(address: Address, key: bigint): bigint {
    const slot = this.accounts.get(address)?.storage.get(key);
    return slot === undefined ? 0n : slot.original;
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
    let a = this.accounts.get(address);
    if (a === undefined) {
      a = new Account();
      this.accounts.set(address, a);
      this.journal.push({ kind: 'account', address, previous: undefined });
    }
    return a;
  }

  /** Sets the balance, creating the account if needed. */
  setBalance(address: Address, balance: bigint): void {
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'balance', address, previous: a.balance });
    a.balance = balance;
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
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'nonce', address, previous: a.nonce });
    a.nonce = nonce;
  }

  setCode(address: Address, code: Uint8Array): void {
    const a = this.getOrCreate(address);
    this.journal.push({ kind: 'code', address, previous: a.code });
    a.setCode(code);
  }

  /**
   * Makes a fresh account for a contract being created at `address`, keeping any balance already sent
   * there; storage and code start empty (a collision check has already ruled out code, nonce and storage).
   */
  createContractAccount(address: Address, nonce: bigint): void {
    const previous = this.accounts.get(address);
    const fresh = new Account(nonce, previous?.balance ?? 0n);
    this.accounts.set(address, fresh);
    this.journal.push({ kind: 'account', address, previous });
    if (!this.created.has(address)) {
      this.created.add(address);
      this.journal.push({ kind: 'created', address });
    }
  }

  setStorage(address: Address, key: bigint, value: bigint): void {
    const a = this.getOrCreate(address);
    let slot = a.storage.get(key);
    if (slot === undefined) {
      slot = { current: 0n, original: 0n };
      a.storage.set(key, slot);
    }
    this.journal.push({ kind: 'storage', address, key, previous: slot.current });
    slot.current = value;
    this.storageWritten.add(address);
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

  /** A checkpoint to revert to. */
  checkpoint(): Checkpoint {
    return this.journal.length;
  }

  /** Undoes every change made since `checkpoint`. */
  revert(checkpoint: Checkpoint): void {
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
      case 'storage':
        this.accounts.get(e.address)!.storage.get(e.key)!.current = e.previous;
        return;
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
   */
  finalizeTransaction(deleteEmptyTouched: boolean): void {
    for (const address of this.destructed) this.accounts.delete(address);
    if (deleteEmptyTouched) {
      for (const address of this.touched) {
        const a = this.accounts.get(address);
        if (a !== undefined && a.isEmpty()) this.accounts.delete(address);
      }
    }
    for (const address of this.storageWritten) {
      const account = this.accounts.get(address);
      if (account === undefined) continue;
      for (const [key, slot] of account.storage) {
        if (slot.current === 0n) account.storage.delete(key);
        else slot.original = slot.current;
      }
    }
    this.storageWritten = new Set();
    this.journal = [];
    this.transient = new Map();
    this.warmAccounts = new Set();
    this.warmSlots = new Map();
    this.touched = new Set();
    this.destructed = new Set();
    this.created = new Set();
    this.logList = [];
    this.refund = 0;
  }
}
