/**
 * Genesis-style alloc JSON: what `run --dump`, `statetest --dump` and `blocktest --dump` print, what
 * `parseAlloc` and `--prestate` read back. The one place that writes it.
 */
import type { Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/bytes.js';
import type { Alloc } from './types.js';
import type { WorldState } from './world.js';

/** One account of an alloc dump: hex quantities and code, storage as 32-byte words (non-zero slots only). */
export interface GenesisAccount {
  readonly balance: string;
  readonly nonce: string;
  readonly code: string;
  readonly storage: Readonly<Record<string, string>>;
}

/** The alloc as genesis JSON, addresses and storage keys sorted; `parseAlloc` reads it back. */
export function allocToJson(alloc: Alloc): Record<Address, GenesisAccount> {
  const out: Record<Address, GenesisAccount> = {};
  for (const address of [...alloc.keys()].sort()) {
    const account = alloc.get(address)!;
    const storage: Record<string, string> = {};
    const keys = [...account.storage.keys()].filter((k) => account.storage.get(k) !== 0n).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const key of keys) storage[word(key)] = word(account.storage.get(key)!);
    out[address] = { balance: '0x' + account.balance.toString(16), nonce: '0x' + account.nonce.toString(16), code: bytesToHex(account.code), storage };
  }
  return out;
}

/** A state held wholly in memory as genesis JSON (see WorldState.toAlloc). */
export function allocJson(state: WorldState): Record<Address, GenesisAccount> {
  return allocToJson(state.toAlloc());
}

function word(value: bigint): string {
  return '0x' + value.toString(16).padStart(64, '0');
}
