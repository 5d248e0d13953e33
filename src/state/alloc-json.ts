/** A world state as genesis-style alloc JSON: what `run --dump` and `statetest --dump` print. */
import { bytesToHex } from '../primitives/bytes.js';
import type { WorldState } from './world.js';

/** One account of an alloc dump: hex quantities and code, storage as 32-byte words (non-zero slots only). */
export interface AllocJsonAccount {
  readonly balance: string;
  readonly nonce: string;
  readonly code: string;
  readonly storage: Readonly<Record<string, string>>;
}

/** The state's accounts by address, addresses and storage keys sorted; `--prestate` reads it back. */
export function allocJson(state: WorldState): Record<string, AllocJsonAccount> {
  const accounts = [...state.allAccounts()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, AllocJsonAccount> = {};
  for (const [address, account] of accounts) {
    const storage: Record<string, string> = {};
    const slots = [...account.storage].filter(([, slot]) => slot.current !== 0n).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [key, slot] of slots) storage[word(key)] = word(slot.current);
    out[address] = { balance: '0x' + account.balance.toString(16), nonce: '0x' + account.nonce.toString(16), code: bytesToHex(account.code), storage };
  }
  return out;
}

function word(value: bigint): string {
  return '0x' + value.toString(16).padStart(64, '0');
}
