/**
 * The one-shot trie builder against @ethereumjs/trie (put one key at a time) and known roots. Keys here are
 * the trie's own keys (useKeyHashing false), so both sides see the same paths.
 */
import { Trie } from '@ethereumjs/trie';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bigIntToMinimalBytes, bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { rlpEncode } from '../../src/primitives/rlp.js';
import { EMPTY_TRIE_ROOT, trieRoot } from '../../src/state/mpt.js';
import { stateRoot } from '../../src/state/root.js';
import type { WorldState } from '../../src/state/world.js';
import { makeState, type AccountSpec } from '../helpers/run.js';
import { randomBytes, rng } from '../helpers/random.js';

type Entry = [Uint8Array, Uint8Array];

/** The root @ethereumjs/trie computes for the same puts, in the given order. */
async function reference(entries: Entry[], useKeyHashing = false): Promise<string> {
  const trie = new Trie({ useKeyHashing });
  for (const [key, value] of entries) await trie.put(key, value);
  return bytesToHex(trie.root());
}

const root = (entries: Entry[]): string => bytesToHex(trieRoot(entries));
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (s: string): Uint8Array => hexToBytes(s);

describe('trieRoot', () => {
  it('of no entries is the empty root', async () => {
    expect(root([])).toBe('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421');
    expect(bytesToHex(EMPTY_TRIE_ROOT)).toBe(root([]));
    expect(root([])).toBe(await reference([]));
  });

  it('of the well-known doe/dog/dogglesworth example', () => {
    const entries: Entry[] = [
      [utf8('doe'), utf8('reindeer')],
      [utf8('dog'), utf8('puppy')],
      [utf8('dogglesworth'), utf8('cat')],
    ];
    expect(root(entries)).toBe('0x8aad789dff2f538bca5d8ea56e8abe10f4c7ba3a5dea95fea4cd6e7c3a1168d3');
  });

  const cases: Record<string, Entry[]> = {
    'one key': [[hex('0x' + '12'.repeat(32)), hex('0x01')]],
    'one key, long value': [[hex('0x' + '12'.repeat(32)), new Uint8Array(100).fill(7)]],
    'one short key, short value (root RLP < 32 bytes, still hashed)': [[hex('0x01'), hex('0x02')]],
    'two keys sharing a long prefix': [
      [hex('0x' + 'ab'.repeat(31) + '01'), hex('0x0a')],
      [hex('0x' + 'ab'.repeat(31) + '02'), hex('0x0b')],
    ],
    'two keys sharing an odd number of nibbles': [
      [hex('0x' + 'ab'.repeat(15) + 'a1' + '00'.repeat(16)), hex('0x0a')],
      [hex('0x' + 'ab'.repeat(15) + 'a2' + '00'.repeat(16)), hex('0x0b')],
    ],
    'keys differing in the first nibble': [
      [hex('0x1' + '0'.repeat(63)), hex('0x01')],
      [hex('0x2' + '0'.repeat(63)), hex('0x02')],
      [hex('0xf' + '0'.repeat(63)), hex('0x03')],
    ],
    'embedded nodes (short keys and values)': [
      [hex('0x0100'), hex('0x01')],
      [hex('0x0101'), hex('0x02')],
      [hex('0x0102'), hex('0x03')],
      [hex('0x0200'), hex('0x04')],
      [hex('0x1000'), hex('0x7f')],
    ],
    'long values (hashed nodes), values of 55 and 56 bytes': [
      [hex('0x0100'), new Uint8Array(55).fill(0xaa)],
      [hex('0x0101'), new Uint8Array(56).fill(0xbb)],
      [hex('0x0200'), new Uint8Array(300).fill(0xcc)],
    ],
    'a key that is a prefix of others (branch value)': [
      [utf8('do'), utf8('verb')],
      [utf8('dog'), utf8('puppy')],
      [utf8('doge'), utf8('coin')],
      [utf8('horse'), utf8('stallion')],
    ],
    'a repeated key keeps its last value, an empty value is absent': [
      [hex('0x0100'), hex('0x01')],
      [hex('0x0200'), hex('0x02')],
      [hex('0x0100'), hex('0x03')],
      [hex('0x0300'), new Uint8Array(0)],
    ],
  };
  for (const [name, entries] of Object.entries(cases)) {
    it(`matches @ethereumjs/trie: ${name}`, async () => {
      expect(root(entries)).toBe(await reference(entries));
    });
  }

  it('matches @ethereumjs/trie on 300 random 32-byte keys with 0..80-byte values', async () => {
    for (const seed of [1, 2, 3]) {
      const next = rng(seed);
      const entries: Entry[] = [];
      for (let i = 0; i < 300; i++) entries.push([randomBytes(next, 32), randomBytes(next, Math.floor(next() * 81))]);
      expect(root(entries)).toBe(await reference(entries));
      // Every prefix size, so small and sparse tries are covered too.
      for (const n of [2, 3, 5, 17, 50]) expect(root(entries.slice(0, n))).toBe(await reference(entries.slice(0, n)));
    }
  });

  it('matches @ethereumjs/trie on 20-byte keys (unhashed addresses), some sharing prefixes', async () => {
    const next = rng(42);
    const entries: Entry[] = [];
    for (let i = 0; i < 200; i++) {
      const key = randomBytes(next, 20);
      if (i % 4 === 0 && i > 0) key.set(entries[i - 1]![0].subarray(0, 1 + (i % 19))); // share a prefix
      entries.push([key, randomBytes(next, 1 + Math.floor(next() * 40))]);
    }
    expect(root(entries)).toBe(await reference(entries));
  });

  it('matches @ethereumjs/trie with key hashing (the secure trie) when fed keccak256 keys', async () => {
    const next = rng(7);
    const entries: Entry[] = [];
    for (let i = 0; i < 100; i++) entries.push([randomBytes(next, 20), randomBytes(next, 1 + Math.floor(next() * 70))]);
    const hashed = entries.map(([k, v]): Entry => [keccak256(k), v]);
    expect(root(hashed)).toBe(await reference(entries, true));
  });
});

/** The state root as it was computed before the one-shot builder: one put per slot and per account. */
async function referenceStateRoot(state: WorldState): Promise<string> {
  const trie = new Trie({ useKeyHashing: true });
  for (const [address, account] of state.allAccounts()) {
    const storage = new Trie({ useKeyHashing: true });
    for (const [key, slot] of account.storage) {
      if (slot.current !== 0n) await storage.put(bigIntToBytes(key, 32), rlpEncode(bigIntToMinimalBytes(slot.current)));
    }
    const leaf = rlpEncode([
      bigIntToMinimalBytes(account.nonce),
      bigIntToMinimalBytes(account.balance),
      storage.root(),
      account.codeHash,
    ]);
    await trie.put(hexToBytes(address), leaf);
  }
  return bytesToHex(trie.root());
}

describe('stateRoot', () => {
  it('matches the put-by-put root on a random state with storage', async () => {
    const next = rng(99);
    const pre: Record<string, AccountSpec> = {};
    for (let i = 0; i < 40; i++) {
      const storage = new Map<bigint, bigint>();
      const slots = i % 3 === 0 ? 0 : Math.floor(next() * 30);
      for (let j = 0; j < slots; j++) {
        const value = j % 5 === 0 ? 0n : BigInt(bytesToHex(randomBytes(next, 1 + Math.floor(next() * 32))));
        storage.set(j % 2 === 0 ? BigInt(j) : BigInt(bytesToHex(randomBytes(next, 32))), value);
      }
      pre[bytesToHex(randomBytes(next, 20))] = {
        nonce: BigInt(Math.floor(next() * 3)),
        balance: BigInt(Math.floor(next() * 1e9)),
        code: i % 2 === 0 ? randomBytes(next, Math.floor(next() * 50)) : new Uint8Array(0),
        storage,
      };
    }
    const state = makeState(pre);
    expect(bytesToHex(stateRoot(state))).toBe(await referenceStateRoot(state));
  });
});
