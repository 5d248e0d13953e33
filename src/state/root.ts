/**
 * The Merkle-Patricia state root, the only door to @ethereumjs/trie. Computed once, at the edge (async).
 * The trie library is loaded on first use: it is a quarter of the CLI's start-up time and `run` rarely needs it.
 */
import type { Trie as TrieType } from '@ethereumjs/trie';
import { bigIntToBytes, bigIntToMinimalBytes, hexToBytes } from '../primitives/bytes.js';
import { rlpEncode } from '../primitives/rlp.js';
import type { Account } from './account.js';
import type { WorldState } from './world.js';

/** Root of the empty trie: keccak256(rlp('')). */
export const EMPTY_TRIE_ROOT = hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');

/** Root of one account's storage trie (keys hashed, values RLP of their minimal big-endian bytes). */
export async function storageRoot(account: Account): Promise<Uint8Array> {
  const { Trie } = await import('@ethereumjs/trie');
  let trie: TrieType | undefined;
  for (const [key, slot] of account.storage) {
    if (slot.current === 0n) continue;
    trie ??= new Trie({ useKeyHashing: true });
    await trie.put(bigIntToBytes(key, 32), rlpEncode(bigIntToMinimalBytes(slot.current)));
  }
  return trie === undefined ? EMPTY_TRIE_ROOT : trie.root();
}

/** The state root of every account in `state`. */
export async function stateRoot(state: WorldState): Promise<Uint8Array> {
  const { Trie } = await import('@ethereumjs/trie');
  const trie = new Trie({ useKeyHashing: true });
  for (const [address, account] of state.allAccounts()) {
    const leaf = rlpEncode([
      bigIntToMinimalBytes(account.nonce),
      bigIntToMinimalBytes(account.balance),
      await storageRoot(account),
      account.codeHash,
    ]);
    await trie.put(hexToBytes(address), leaf);
  }
  return trie.root();
}
