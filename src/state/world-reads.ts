/**
 * The read side of the world state (world.ts): what it holds — accounts in memory, the source reader behind
 * them, the running transaction's warm sets, touched and destructed accounts, logs and refund — and every
 * question asked of it, the trie behind the root included. Writes and the journal are in world-journal.ts.
 */
import { isAddress, type Address } from '../primitives/address.js';
import { EMPTY_BYTES, bytesEqual } from '../primitives/bytes.js';
import type { Account, StorageSlot } from './account.js';
import type { Log } from './logs.js';
import { EMPTY_TRIE_ROOT } from './mpt.js';
import { SourceReader } from './reader.js';
import type { StateSource } from './source.js';
import { StateTrie, type TrieWorld } from './state-trie.js';

/** The reads of a WorldState (use WorldState; this layer exists to keep each file to one job). */
export class WorldReads {
  protected readonly accounts = new Map<Address, Account>();
  /** Accounts (and their slots) changed since the trie last saw them; null while there is nothing to track. */
  protected pending: Map<Address, Set<bigint>> | null;
  private trie: StateTrie | null = null;
  /** Reads misses from the source (null without one: then a miss means no account). */
  protected readonly reader: SourceReader | null;
  protected transient = new Map<Address, Map<bigint, bigint>>();
  protected warmAccounts = new Set<Address>();
  protected warmSlots = new Map<Address, Set<bigint>>();
  protected touched = new Set<Address>();
  protected destructed = new Set<Address>();
  protected created = new Set<Address>();
  protected logList: Log[] = [];
  /** True between beginTransaction() and finalizeTransaction(). */
  protected active = false;
  /** Refund counter of the running transaction (journaled through 'refund' entries of the frame). */
  refund = 0;

  /** An empty state, or one that reads what it lacks from `source`. */
  constructor(readonly source: StateSource | null = null) {
    this.pending = source === null ? null : new Map();
    this.reader = source === null ? null : new SourceReader(source, this.accounts);
  }

  /** True while a transaction runs (between beginTransaction() and finalizeTransaction()). */
  get inTransaction(): boolean {
    return this.active;
  }

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
    return this.slotOf(address, key)?.current ?? 0n;
  }

  /** Value of the slot at the start of the transaction (EIP-1283/2200 "original value"). */
  getOriginalStorage(address: Address, key: bigint): bigint {
    return this.slotOf(address, key)?.original ?? 0n;
  }

  /** The slot in memory, else read from the account's source; undefined for a slot that holds zero without one. */
  private slotOf(address: Address, key: bigint): StorageSlot | undefined {
    const a = this.getAccount(address);
    if (a === undefined) return undefined;
    return a.storage.get(key) ?? (a.sourceRoot === null ? undefined : this.reader!.slot(address, a, key));
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

  /** True when the account is warm. */
  isWarmAccount(address: Address): boolean {
    return this.warmAccounts.has(address);
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

/** Setup entry points take only canonical addresses: a checksummed spelling would name a second account. */
export function checkedAddress(address: Address, method: string): Address {
  if (!isAddress(address)) {
    throw new TypeError(`WorldState.${method}: '${String(address).slice(0, 60)}' is not an Address (lower-case 0x + 40 hex digits): pass it through parseAddress()`);
  }
  return address;
}
