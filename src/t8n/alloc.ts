/**
 * The `alloc` of a transition: geth's genesis-alloc JSON. Read: address (with or without 0x) → {balance,
 * nonce, code, storage}, numbers in hex or decimal, only `balance` required (geth's `types.Account`). Written
 * as geth's t8n dumps it: `code`, `storage` and `nonce` left out when empty or zero, keys sorted.
 */
import { bytesToHex } from '../primitives/bytes.js';
import { address, bytes, object, u256, u64 } from '../primitives/fields.js';
import type { WorldState } from '../state/world.js';
import type { Address } from '../primitives/address.js';
import type { AccountInit, Alloc } from '../transition/types.js';

/** One account of an alloc as geth's t8n writes it. */
export interface T8nAccountJson {
  readonly code?: string;
  readonly storage?: Readonly<Record<string, string>>;
  readonly balance: string;
  readonly nonce?: string;
}

/** Address → account, as geth's t8n writes it (state/alloc.ts's AllocJson keeps every field). */
export type T8nAllocJson = Readonly<Record<string, T8nAccountJson>>;

/** Reads an alloc; throws FieldError naming the field (`alloc.0x…balance`). Zero storage values are dropped. */
export function parseAllocJson(value: unknown): Alloc {
  const alloc = new Map<Address, AccountInit>();
  for (const [key, raw] of Object.entries(object(value ?? {}, 'alloc'))) {
    const where = `alloc.${key}`;
    const addr = address(key, where);
    const account = object(raw, where);
    const storage = new Map<bigint, bigint>();
    for (const [slot, v] of Object.entries(object(account.storage ?? {}, `${where}.storage`))) {
      const k = u256(slot, `${where}.storage.${slot}`);
      const n = u256(v, `${where}.storage.${slot}`);
      if (n !== 0n) storage.set(k, n);
    }
    alloc.set(addr, {
      balance: u256(account.balance, `${where}.balance`),
      nonce: account.nonce === undefined ? 0n : u64(account.nonce, `${where}.nonce`), // EIP-2681
      code: account.code === undefined || account.code === null ? new Uint8Array(0) : bytes(account.code, `${where}.code`),
      storage,
    });
  }
  return alloc;
}

/** The state's accounts as geth's t8n dumps them. */
export function t8nAllocJson(state: WorldState): T8nAllocJson {
  const out: Record<string, T8nAccountJson> = {};
  const accounts = [...state.allAccounts()].sort(([a], [b]) => (a < b ? -1 : 1));
  for (const [addr, account] of accounts) {
    const slots = [...account.storage].filter(([, slot]) => slot.current !== 0n).sort(([a], [b]) => (a < b ? -1 : 1));
    const storage: Record<string, string> = {};
    for (const [key, slot] of slots) storage[word(key)] = word(slot.current);
    out[addr] = {
      ...(account.code.length > 0 ? { code: bytesToHex(account.code) } : {}),
      ...(slots.length > 0 ? { storage } : {}),
      balance: quantityHex(account.balance),
      ...(account.nonce !== 0n ? { nonce: quantityHex(account.nonce) } : {}),
    };
  }
  return out;
}

/** A number as geth writes a quantity: 0x and minimal hex digits. */
export function quantityHex(n: bigint): string {
  return '0x' + n.toString(16);
}

/** A 32-byte word in hex. */
export function word(n: bigint): string {
  return '0x' + n.toString(16).padStart(64, '0');
}
