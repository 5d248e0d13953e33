/**
 * The `alloc` of a transition: geth's genesis-alloc JSON, read by state/alloc.ts's parseAlloc (address with
 * or without 0x, any letter case → {balance, nonce, code, storage}, numbers in hex or decimal, only `balance`
 * required, as geth's `types.Account`). Written as geth's t8n dumps it: `code`, `storage` and `nonce` left
 * out when empty or zero, keys sorted.
 */
import { bytesToHex } from '../primitives/bytes.js';
import { parseAlloc, type Alloc } from '../state/alloc.js';
import type { WorldState } from '../state/world.js';

/** One account of an alloc as geth's t8n writes it. */
export interface T8nAccountJson {
  readonly code?: string;
  readonly storage?: Readonly<Record<string, string>>;
  readonly balance: string;
  readonly nonce?: string;
}

/** Address → account, as geth's t8n writes it (state/alloc.ts's AllocJson keeps every field). */
export type T8nAllocJson = Readonly<Record<string, T8nAccountJson>>;

/**
 * Reads a transition's alloc (absent or null: no accounts); throws FieldError naming the field
 * (`alloc.0x…aa.balance: …`). Letter case is not checked: geth's t8n reads any.
 */
export function parseT8nAlloc(value: unknown): Alloc {
  return parseAlloc(value ?? {}, { where: 'alloc', checksum: 'ignore' });
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
