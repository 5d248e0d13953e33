/**
 * Genesis-style allocations (address → {balance, nonce, code, storage}), the format of geth's genesis `alloc`,
 * its `--prestate` files and the `pre` of state tests: the parsed form a WorldState starts from, the JSON
 * reader, and the dump of a state (or an allocation) back into JSON.
 */
import { parseAddress, type Address, type ParseAddressOptions } from '../primitives/address.js';
import { bytesToHex, type Hex } from '../primitives/bytes.js';
import { bytes, FieldError, object, u256, u64 } from '../primitives/fields.js';

/** One account of a pre-state allocation. */
export interface AccountInit {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly code: Uint8Array;
  readonly storage: ReadonlyMap<bigint, bigint>;
}

/** Address → account: a genesis-style allocation. */
export type Alloc = ReadonlyMap<Address, AccountInit>;

/** One account of an allocation in JSON: hex quantities, code and 32-byte storage words. */
export interface AccountJson {
  readonly balance: Hex;
  readonly nonce: Hex;
  readonly code: Hex;
  readonly storage: { readonly [key: Hex]: Hex };
}

/** An allocation in JSON, as allocToJson() writes it and parseAlloc() reads it. */
export type AllocJson = { readonly [address: Hex]: AccountJson };

/** Options for parseAlloc. */
export interface ParseAllocOptions {
  /** The name of the whole value in error messages (default 'alloc'; state tests say 'pre'). */
  readonly where?: string;
  /** Letter case of the address keys (see parseAddress; default: mixed case must be an EIP-55 checksum). */
  readonly checksum?: ParseAddressOptions['checksum'];
}

/**
 * Parses a genesis-style allocation. `balance` is required; `nonce`, `code` and `storage` default to zero and
 * empty when absent or null (as geth reads them). Numbers may be hex (any length, zero-padded) or decimal; storage keys
 * may be unpadded; zero storage values are dropped; nonces must fit 64 bits (EIP-2681); addresses go through
 * parseAddress, so a checksummed key and its lower-case form are the same account (both at once: an error).
 * Throws a FieldError naming the offending field, e.g. `alloc.0x…aa.balance: exceeds 256 bits`.
 */
export function parseAlloc(json: unknown, options: ParseAllocOptions = {}): Alloc {
  const where = options.where ?? 'alloc';
  const alloc = new Map<Address, AccountInit>();
  for (const [key, raw] of Object.entries(object(json, where))) {
    const at = `${where}.${key}`;
    let address: Address;
    try {
      address = parseAddress(key, options.checksum === undefined ? {} : { checksum: options.checksum });
    } catch (e) {
      throw new FieldError(at, e instanceof Error ? e.message : 'invalid address');
    }
    if (alloc.has(address)) throw new FieldError(at, `the account ${address} appears twice`);
    const account = object(raw, at);
    const storage = new Map<bigint, bigint>();
    for (const [slot, v] of Object.entries(object(account.storage ?? {}, `${at}.storage`))) {
      // The key is checked even when the value is zero and the slot is dropped.
      const k = u256(slot, `${at}.storage.${slot}`);
      const value = u256(v, `${at}.storage.${slot}`);
      if (value !== 0n) storage.set(k, value);
    }
    alloc.set(address, {
      nonce: account.nonce === undefined || account.nonce === null ? 0n : u64(account.nonce, `${at}.nonce`), // EIP-2681
      balance: u256(account.balance, `${at}.balance`), // required, as in geth's genesis format
      code: account.code === undefined || account.code === null ? new Uint8Array(0) : bytes(account.code, `${at}.code`),
      storage,
    });
  }
  return alloc;
}

/**
 * An allocation as genesis JSON: accounts sorted by address, storage by key, keys and values as 32-byte words,
 * zero slots left out. `allocToJson(state.toAlloc())` dumps a state; parseAlloc reads the JSON back.
 */
export function allocToJson(alloc: Alloc): AllocJson {
  const out: Record<Hex, AccountJson> = {};
  for (const address of [...alloc.keys()].sort()) {
    const account = alloc.get(address)!;
    const storage: Record<Hex, Hex> = {};
    const keys = [...account.storage.keys()].filter((k) => account.storage.get(k) !== 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) storage[word(key)] = word(account.storage.get(key)!);
    out[address] = {
      balance: `0x${account.balance.toString(16)}`,
      nonce: `0x${account.nonce.toString(16)}`,
      code: bytesToHex(account.code),
      storage,
    };
  }
  return out;
}

function word(value: bigint): Hex {
  return `0x${value.toString(16).padStart(64, '0')}`;
}
