/**
 * State roots. `stateRoot` is the world state's own, kept incrementally (state-trie.ts). `oneShotStateRoot`
 * hashes the whole state once with the bytes-only builder of mpt.ts and keeps nothing: for a state whose
 * root is asked once and then thrown away (a state-test case), where keeping nodes would be wasted.
 */
import type { Account } from './account.js';
import { EMPTY_TRIE_ROOT, trieRoot } from './mpt.js';
import { accountLeaf, addressKey, slotKey, slotValue } from './state-trie.js';
import type { WorldState } from './world.js';

export { EMPTY_TRIE_ROOT };

/** The state root of `state` (incremental after the first; see WorldState.root). */
export function stateRoot(state: WorldState): Uint8Array {
  return state.root();
}

/** Root of one account's storage trie from its slots in memory (keys hashed, values RLP of minimal bytes). */
export function storageRoot(account: Account): Uint8Array {
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [key, slot] of account.storage) {
    if (slot.current === 0n) continue; // a zero slot is absent from the trie
    entries.push([slotKey(key), slotValue(slot.current)]);
  }
  return trieRoot(entries);
}

/** The state root of a state held wholly in memory, computed from scratch and not kept. */
export function oneShotStateRoot(state: WorldState): Uint8Array {
  if (state.source !== null) throw new Error('oneShotStateRoot: the state reads from a source; use stateRoot');
  const entries: [Uint8Array, Uint8Array][] = [];
  for (const [address, account] of state.allAccounts()) entries.push([addressKey(address), accountLeaf(account, storageRoot(account))]);
  return trieRoot(entries);
}
