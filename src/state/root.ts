/** The state root, computed once at the edge with the one-shot trie builder of mpt.ts. */
import { bigIntToBytes, bigIntToMinimalBytes, hexToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode } from '../primitives/rlp.js';
import type { Account } from './account.js';
import { EMPTY_TRIE_ROOT, trieRoot } from './mpt.js';
import type { WorldState } from './world.js';

export { EMPTY_TRIE_ROOT };

/**
 * Trie keys by address and slot. keccak256 is most of a root's cost and the same addresses and slots recur
 * in every case of a fixture file (a third of underflowTest's hashes); cleared when large, never mutated.
 */
const addressKeys = new Map<string, Uint8Array>();
const slotKeys = new Map<bigint, Uint8Array>();
const KEY_CACHE_LIMIT = 1 << 16;

function addressKey(address: string): Uint8Array {
  let key = addressKeys.get(address);
  if (key === undefined) {
    if (addressKeys.size >= KEY_CACHE_LIMIT) addressKeys.clear();
    key = keccak256(hexToBytes(address));
    addressKeys.set(address, key);
  }
  return key;
}

function slotKey(slot: bigint): Uint8Array {
  let key = slotKeys.get(slot);
  if (key === undefined) {
    if (slotKeys.size >= KEY_CACHE_LIMIT) slotKeys.clear();
    key = keccak256(bigIntToBytes(slot, 32));
    slotKeys.set(slot, key);
  }
  return key;
}

/** Root of one account's storage trie (keys hashed, values RLP of their minimal big-endian bytes). */
export function storageRoot(account: Account): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [key, slot] of account.storage) {
    if (slot.current === 0n) continue; // a zero slot is absent from the trie
    entries.push([slotKey(key), rlpEncode(bigIntToMinimalBytes(slot.current))]);
  }
  return trieRoot(entries);
}

/** The state root of `state`: hashed address → rlp([nonce, balance, storage root, code hash]). */
export function stateRoot(state: WorldState): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [address, account] of state.allAccounts()) {
    const leaf = rlpEncode([
      bigIntToMinimalBytes(account.nonce),
      bigIntToMinimalBytes(account.balance),
      storageRoot(account),
      account.codeHash,
    ]);
    entries.push([addressKey(address), leaf]);
  }
  return trieRoot(entries);
}
