/**
 * What a span of the journal changed. The journal holds, for every surviving change, the value it replaced,
 * so the first entry for an account (or a slot) in the span gives its value at the span's start, and the
 * world state gives the value now. Nothing is recorded per write beyond the journal entry itself.
 */
import type { Address } from '../primitives/address.js';
import { bytesEqual } from '../primitives/bytes.js';
import { keccak256, KECCAK_EMPTY } from '../primitives/keccak.js';
import type { Account } from './account.js';
import type { JournalEntry } from './journal.js';
import type { StateSource } from './source.js';

/** An account's own fields at one point. */
export interface AccountValues {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly codeHash: Uint8Array;
  readonly code: Uint8Array;
}

/** A storage slot before and after. */
export interface SlotChange {
  readonly before: bigint;
  readonly after: bigint;
}

/** How one account changed. */
export interface AccountChange {
  /** null: the account did not exist. */
  readonly before: AccountValues | null;
  /** null: the account does not exist (any more). */
  readonly after: AccountValues | null;
  /**
   * The account was deleted or replaced by a new contract in between, so its storage was wiped: every slot it
   * had is gone, including any not listed in `storage` (those of an account read from a source).
   */
  readonly storageCleared: boolean;
  /** Changed slots (a slot written back to its old value is not listed). */
  readonly storage: ReadonlyMap<bigint, SlotChange>;
}

/** Accounts and slots a committed transaction (or a span of them) changed, before and after. */
export type StateDiff = ReadonlyMap<Address, AccountChange>;

/** What diffOf reads of the world state: its accounts now, and its source (for a replaced account's slots). */
interface DiffWorld {
  readonly accounts: ReadonlyMap<Address, Account>;
  readonly source: StateSource | null;
}

/** The state of an account at the span's start, filled in as the walk meets its first entries. */
interface Start {
  exists: boolean;
  nonce: bigint | undefined;
  balance: bigint | undefined;
  code: Uint8Array | undefined;
  /** An 'account' entry was met: every field above is the start value, and so are `replaced`'s slots. */
  sealed: boolean;
  replaced: Account | undefined;
  readonly slots: Map<bigint, bigint>;
}

/** The diff of journal[from, to) against the world state now (its accounts, and its source if any). */
export function diffOf(
  journal: readonly JournalEntry[],
  from: number,
  to: number,
  accounts: ReadonlyMap<Address, Account>,
  source: StateSource | null,
): StateDiff {
  const world: DiffWorld = { accounts, source };
  const starts = new Map<Address, Start>();
  for (let i = from; i < to; i++) {
    const e = journal[i]!;
    if (e.kind !== 'account' && e.kind !== 'balance' && e.kind !== 'nonce' && e.kind !== 'code' && e.kind !== 'storage') continue;
    let s = starts.get(e.address);
    if (s === undefined) {
      s = { exists: true, nonce: undefined, balance: undefined, code: undefined, sealed: false, replaced: undefined, slots: new Map() };
      starts.set(e.address, s);
    }
    if (e.kind === 'account') {
      if (s.sealed) continue;
      // The replaced account was not changed after this entry, so its fields are the start values of
      // whatever the walk has not met yet (nothing, when this is the address's first entry).
      const p = e.previous;
      if (p === undefined) s.exists = s.nonce !== undefined || s.balance !== undefined || s.code !== undefined || s.slots.size > 0;
      s.nonce ??= p?.nonce ?? 0n;
      s.balance ??= p?.balance ?? 0n;
      s.code ??= p?.code ?? new Uint8Array(0);
      s.sealed = true;
      s.replaced = p;
    } else if (e.kind === 'storage') {
      if (s.slots.has(e.key)) continue;
      // After a replacement the entry is about the new account's slot; the start value is the old one's.
      s.slots.set(e.key, s.sealed ? (s.replaced === undefined ? 0n : slotOf(world, s.replaced, e.address, e.key)) : e.previous);
    } else if (!s.sealed) {
      if (e.kind === 'balance') s.balance ??= e.previous;
      else if (e.kind === 'nonce') s.nonce ??= e.previous;
      else s.code ??= e.previous;
    }
  }
  const diff = new Map<Address, AccountChange>();
  for (const [address, s] of starts) {
    const change = accountChange(address, s, world);
    if (change !== undefined) diff.set(address, change);
  }
  return diff;
}

/** A slot's value in a replaced account: in its map, else (an account read from a source) in the source. */
function slotOf(world: DiffWorld, account: Account, address: Address, key: bigint): bigint {
  const slot = account.storage.get(key);
  if (slot !== undefined || account.sourceRoot === null) return slot?.current ?? 0n;
  return world.source!.storage(address, key);
}

function accountChange(address: Address, s: Start, world: DiffWorld): AccountChange | undefined {
  const now = world.accounts.get(address);
  // Not sealed: the account object is the one the span started with, so unmet fields are unchanged.
  const before: AccountValues | null = !s.exists
    ? null
    : values(s.nonce ?? now!.nonce, s.balance ?? now!.balance, s.code ?? now!.code, s.code === undefined ? now!.codeHash : undefined);
  const after: AccountValues | null = now === undefined ? null : values(now.nonce, now.balance, now.code, now.codeHash);
  const replaced = s.replaced;
  const storageCleared = replaced !== undefined && (replaced.sourceRoot !== null || replaced.hasStorage());
  const storage = new Map<bigint, SlotChange>();
  if (storageCleared && replaced.sourceRoot === null) {
    for (const [key, slot] of replaced.storage) if (slot.current !== 0n && !s.slots.has(key)) s.slots.set(key, slot.current);
  }
  for (const [key, start] of s.slots) {
    const current = now?.storage.get(key)?.current ?? 0n;
    if (current !== start) storage.set(key, { before: start, after: current });
  }
  if (storage.size === 0 && !storageCleared && sameValues(before, after)) return undefined;
  return { before, after, storageCleared, storage };
}

function values(nonce: bigint, balance: bigint, code: Uint8Array, codeHash: Uint8Array | undefined): AccountValues {
  return { nonce, balance, code, codeHash: codeHash ?? (code.length === 0 ? KECCAK_EMPTY : keccak256(code)) };
}

function sameValues(a: AccountValues | null, b: AccountValues | null): boolean {
  if (a === null || b === null) return a === b;
  return a.nonce === b.nonce && a.balance === b.balance && (a.code === b.code || bytesEqual(a.codeHash, b.codeHash));
}

/** Adds every account and slot journal[from, to) touches to `into` (address → slots), for the trie. */
export function markChanged(journal: readonly JournalEntry[], from: number, to: number, into: Map<Address, Set<bigint>>): void {
  for (let i = from; i < to; i++) {
    const e = journal[i]!;
    if (e.kind !== 'account' && e.kind !== 'balance' && e.kind !== 'nonce' && e.kind !== 'code' && e.kind !== 'storage') continue;
    let slots = into.get(e.address);
    if (slots === undefined) into.set(e.address, (slots = new Set()));
    if (e.kind === 'storage') slots.add(e.key);
  }
}
