/**
 * How a world state reads from its StateSource: an account, its code and its slots on the first access,
 * cached in the world state's own maps; the addresses the source has no account for. While speculating,
 * a miss is recorded and answered by a stand-in (no account, no code, a zero slot) so the run can go on
 * and find the other misses; the stand-ins are forgotten afterwards.
 */
import type { Address } from '../primitives/address.js';
import { EMPTY_BYTES, bytesEqual } from '../primitives/bytes.js';
import { KECCAK_EMPTY, keccak256 } from '../primitives/keccak.js';
import { Account, type StorageSlot } from './account.js';
import { EMPTY_TRIE_ROOT } from './mpt.js';
import { MissingStateError, type MissingState, type StateSource } from './source.js';

/** The source side of one world state. */
export class SourceReader {
  /** Addresses known to have no account: none in the source, or deleted since. */
  readonly absent = new Set<Address>();
  /** While speculating: the misses so far (null otherwise). */
  misses: MissingState[] | null = null;
  private standIns: { readonly address: Address; readonly key?: bigint }[] = [];

  constructor(
    readonly source: StateSource,
    private readonly accounts: Map<Address, Account>,
  ) {}

  /** The account at `address` from the source (cached), or undefined when it has none. */
  account(address: Address): Account | undefined {
    if (this.absent.has(address)) return undefined;
    const source = this.source;
    let info;
    try {
      info = source.account(address);
    } catch (e) {
      this.missed(e);
      this.absent.add(address); // stand-in: no account
      this.standIns.push({ address });
      return undefined;
    }
    if (info === undefined) {
      this.absent.add(address);
      return undefined;
    }
    let code: Uint8Array = EMPTY_BYTES;
    if (!bytesEqual(info.codeHash, KECCAK_EMPTY)) {
      try {
        code = source.code(info.codeHash);
        if (!bytesEqual(keccak256(code), info.codeHash)) throw new Error(`state source: the code given for ${address} does not hash to its code hash`);
      } catch (e) {
        this.missed(e, { kind: 'code', address, codeHash: info.codeHash });
        this.standIns.push({ address }); // stand-in: the account without its code
      }
    }
    const storageRoot = bytesEqual(info.storageRoot, EMPTY_TRIE_ROOT) ? null : info.storageRoot;
    const account = Account.fromSource(info.nonce, info.balance, code, info.codeHash, storageRoot);
    this.accounts.set(address, account);
    return account;
  }

  /** A slot of an account whose storage is in the source, read and cached in the account. */
  slot(address: Address, account: Account, key: bigint): StorageSlot {
    let value: bigint;
    try {
      value = this.source.storage(address, key);
    } catch (e) {
      this.missed(e, { kind: 'storage', address, slot: key });
      value = 0n; // stand-in
      this.standIns.push({ address, key });
    }
    const slot = { current: value, original: value };
    account.storage.set(key, slot);
    return slot;
  }

  /** BLOCKHASH from the source (0 as a stand-in while speculating). */
  blockHash(number: bigint): bigint {
    const source = this.source;
    if (source.blockHash === undefined) throw new Error('WorldState.blockHash: the state source gives no block hashes');
    try {
      return source.blockHash(number);
    } catch (e) {
      this.missed(e);
      return 0n;
    }
  }

  /** Starts recording misses instead of throwing them. */
  beginSpeculation(): MissingState[] {
    if (this.misses !== null) throw new Error('WorldState.speculate: already speculating');
    this.standIns = [];
    return (this.misses = []);
  }

  /** Stops recording; with `forget`, drops every stand-in cached meanwhile (call after rolling back). */
  endSpeculation(forget: boolean): void {
    this.misses = null;
    if (!forget) return;
    for (const s of this.standIns) {
      if (s.key !== undefined) this.accounts.get(s.address)?.storage.delete(s.key);
      else {
        this.accounts.delete(s.address);
        this.absent.delete(s.address);
      }
    }
    this.standIns = [];
  }

  /** Rethrows `e` unless it is a miss to record; `as` names it (a source need not know the account). */
  private missed(e: unknown, as?: MissingState): void {
    if (!(e instanceof MissingStateError) || this.misses === null) throw e;
    this.misses.push(as ?? e.missing);
  }
}
