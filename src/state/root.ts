/** The state root, computed once at the edge with the one-shot trie builder of mpt.ts. */
import { bigIntToBytes, bigIntToMinimalBytes, hexToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { boundedMemo } from '../primitives/memo.js';
import { rlpEncode } from '../primitives/rlp.js';
import type { Account } from './account.js';
import { EMPTY_TRIE_ROOT, trieRoot } from './mpt.js';
import type { WorldState } from './world.js';

export { EMPTY_TRIE_ROOT };

/**
 * Trie keys by address and slot. keccak256 is most of a root's cost and the same addresses and slots recur
 * in every case of a fixture file (a third of underflowTest's hashes).
 */
const KEY_CACHE_LIMIT = 1 << 16;
const addressKey = boundedMemo(KEY_CACHE_LIMIT, (address: string) => keccak256(hexToBytes(address)));
const slotKey = boundedMemo(KEY_CACHE_LIMIT, (slot: bigint) => keccak256(bigIntToBytes(slot, 32)));

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
