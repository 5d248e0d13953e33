/**
 * The write side of the world state (world.ts): every change recorded in the journal, one undo log of tagged
 * entries (journal.ts) whose length is a checkpoint, and the undoing of each entry. Writes between
 * transactions are setup, committed at once (settle); world.ts adds the transaction boundaries, savepoints
 * and the root on top.
 */
import { parseAddress, type Address } from '../primitives/address.js';
import { Account } from './account.js';
import { markChanged } from './diff.js';
import type { JournalEntry } from './journal.js';
import type { Log } from './logs.js';
import { WorldReads, checkedAddress } from './world-reads.js';

/**
 * RIPEMD-160's address. In block 2675119 a call to it ran out of gas after touching it; clients disagreed
 * and the outcome that stuck is that its touch survives the revert (see execution-specs, EIP-716 note).
 */
const RIPEMD_ADDRESS = parseAddress('0x0000000000000000000000000000000000000003');

/** A point between transactions to roll back to (see WorldState.savepoint). */
export type Savepoint = number;

/** The journaled writes of a WorldState (use WorldState; this layer exists to keep each file to one job). */
export class JournaledWorld extends WorldReads {
  protected journal: JournalEntry[] = [];
  /** Where the running transaction's entries start; earlier ones are kept while a savepoint is open. */
  protected txStart = 0;
  protected readonly savepoints: Savepoint[] = [];

  /**
   * After a write between transactions: the trie learns of it, and its journal entry is kept only for an
   * open savepoint.
   */
  protected settle(): void {
    const journal = this.journal;
    if (this.pending !== null) markChanged(journal, this.txStart, journal.length, this.pending);
    if (this.savepoints.length === 0) journal.length = 0;
    this.txStart = journal.length;
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

  /** Undoes one journal entry (the caller has popped it). */
  protected undo(e: JournalEntry): void {
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

  /** Forgets the running transaction's warm sets, touched and destructed accounts, logs and refund. */
  protected clearTransaction(): void {
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
