/**
 * EIP-1186 proofs: present and absent accounts and slots, our proofs through @ethereumjs/statemanager's
 * verifier and theirs (from a MerkleStateManager holding the same state) through ours, tampering rejected.
 */
import { MerkleStateManager, getMerkleStateProof, verifyMerkleStateProof } from '@ethereumjs/statemanager';
import { Trie as ReferenceTrie } from '@ethereumjs/trie';
import { createAccount, createAddressFromString } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import { bigIntToBytes, bigIntToMinimalBytes, bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { rlpDecode, rlpEncode } from '../../src/primitives/rlp.js';
import { getProof, proofError, verifyProof, type AccountProof } from '../../src/state/proof.js';
import { stateRoot } from '../../src/state/root.js';
import type { WorldState } from '../../src/state/world.js';
import { makeState, type AccountSpec } from '../helpers/run.js';

const CONTRACT = '0xcccccccccccccccccccccccccccccccccccccccc';
const EOA = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const ABSENT = '0x00000000000000000000000000000000000000ab';

/** A state with 60 accounts, some with code and storage, and a contract of 200 slots. */
function accounts(): Record<string, AccountSpec> {
  const pre: Record<string, AccountSpec> = {
    [EOA]: { balance: 10n ** 18n, nonce: 3n },
    [CONTRACT]: { balance: 1n, nonce: 1n, code: '0x6001600055', storage: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [String(i * 7 + 1), BigInt(i + 1) * 0x1234567n])) },
  };
  for (let i = 0; i < 58; i++) {
    const address = '0x' + (0x1000 + i * 0x3779).toString(16).padStart(40, '0');
    pre[address] = { balance: BigInt(i) * 1000n, nonce: BigInt(i % 3), code: i % 4 === 0 ? `0x60${(i % 256).toString(16).padStart(2, '0')}00` : undefined, storage: i % 5 === 0 ? { '1': BigInt(i + 1), '2': 7n } : {} };
  }
  return pre;
}

/** The same state in @ethereumjs/statemanager. */
async function referenceOf(pre: Record<string, AccountSpec>): Promise<MerkleStateManager> {
  const sm = new MerkleStateManager();
  for (const [addr, spec] of Object.entries(pre)) {
    const address = createAddressFromString(addr);
    await sm.putAccount(address, createAccount({ nonce: spec.nonce ?? 0n, balance: spec.balance ?? 0n }));
    if (spec.code !== undefined) await sm.putCode(address, typeof spec.code === 'string' ? Uint8Array.from(Buffer.from(spec.code.slice(2), 'hex')) : spec.code);
    for (const [key, value] of Object.entries(spec.storage ?? {})) {
      await sm.putStorage(address, bigIntToBytes(BigInt(key), 32), bigIntToMinimalBytes(value as bigint));
    }
  }
  await sm.flush();
  return sm;
}

const pre = accounts();
const state: WorldState = makeState(pre);
const root = stateRoot(state);

describe('getProof / verifyProof', () => {
  it('proves a contract with present and absent slots', () => {
    const proof = getProof(state, CONTRACT, [1n, 8n, 2n, 1n << 200n]);
    expect(proof.balance).toBe('0x1');
    expect(proof.nonce).toBe('0x1');
    expect(proof.storageProof.map((p) => p.value)).toEqual(['0x1234567', '0x2468ace', '0x0', '0x0']);
    expect(proof.storageProof[0]!.key).toBe('0x' + '0'.repeat(63) + '1');
    expect(proof.accountProof.length).toBeGreaterThan(1);
    expect(verifyProof(root, proof)).toBe(true);
    expect(proofError(bytesToHex(root), proof)).toBeUndefined();
  });

  it('proves an absent account: zero fields, empty code hash and storage root', () => {
    const proof = getProof(state, ABSENT, [1n]);
    expect(proof).toMatchObject({
      balance: '0x0',
      nonce: '0x0',
      codeHash: '0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470',
      storageHash: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421',
    });
    expect(proof.storageProof).toEqual([{ key: '0x' + '0'.repeat(63) + '1', value: '0x0', proof: [] }]);
    expect(verifyProof(root, proof)).toBe(true);
    // Claiming a balance for it does not verify.
    expect(proofError(root, { ...proof, balance: '0x1' })).toMatch(/^balance: the proof gives 0x0, the claim 0x1/);
  });

  it('rejects tampered proofs and claims', () => {
    const proof = getProof(state, CONTRACT, [1n, 8n]);
    const tamperedNode = (hex: string): string => hex.slice(0, -2) + (hex.endsWith('00') ? '01' : '00');
    const cases: [string, AccountProof, RegExp][] = [
      ['a changed node', { ...proof, accountProof: [...proof.accountProof.slice(0, -1), tamperedNode(proof.accountProof.at(-1)!)] }, /missing node/],
      ['a dropped node', { ...proof, accountProof: proof.accountProof.slice(0, 1) }, /missing node/],
      ['a wrong nonce', { ...proof, nonce: '0x2' }, /^nonce/],
      ['a wrong code hash', { ...proof, codeHash: '0x' + '11'.repeat(32) }, /^codeHash/],
      ['a wrong slot value', { ...proof, storageProof: [{ ...proof.storageProof[0]!, value: '0x5' }] }, /^storageProof\[0\]: the proof gives 0x1234567, the claim 0x5/],
      ['a slot proven with another slot’s nodes', { ...proof, storageProof: [{ ...proof.storageProof[1]!, proof: proof.storageProof[0]!.proof }] }, /storageProof\[0\]|missing node/],
      ['a malformed field', { ...proof, balance: '12' }, /^balance: expected a 0x-hex quantity/],
    ];
    for (const [name, bad, why] of cases) {
      expect(verifyProof(root, bad), name).toBe(false);
      expect(proofError(root, bad), name).toMatch(why);
    }
    // The right proof against another root.
    expect(verifyProof('0x' + '22'.repeat(32), proof)).toBe(false);
  });

  it('proves the state after a change (the root and proof follow the incremental trie)', () => {
    const s = makeState(pre);
    stateRoot(s);
    s.setStorage(CONTRACT, 8n, 0n);
    s.setBalance(EOA, 5n);
    s.finalizeTransaction(true);
    const newRoot = stateRoot(s);
    const proof = getProof(s, CONTRACT, [8n]);
    expect(proof.storageProof[0]!.value).toBe('0x0');
    expect(verifyProof(newRoot, proof)).toBe(true);
    expect(verifyProof(root, proof)).toBe(false);
    expect(verifyProof(newRoot, getProof(s, EOA))).toBe(true);
  });
});

describe('proofs against @ethereumjs/statemanager', () => {
  it('computes the same state root', async () => {
    const sm = await referenceOf(pre);
    expect(bytesToHex(await sm.getStateRoot())).toBe(bytesToHex(root));
  });

  it('their verifier accepts our proofs: present and absent accounts and slots', async () => {
    const sm = new MerkleStateManager();
    for (const [address, slots] of [[CONTRACT, [1n, 8n, 3n]], [EOA, []], [ABSENT, []], [Object.keys(pre)[7]!, [1n, 2n, 3n]]] as const) {
      const proof = getProof(state, address, slots);
      await expect(verifyMerkleStateProof(sm, proof as never), address).resolves.toBe(true);
    }
  });

  it('our verifier accepts theirs: present and absent accounts and slots', async () => {
    const sm = await referenceOf(pre);
    for (const [address, slots] of [[CONTRACT, [1n, 8n, 3n]], [EOA, []], [ABSENT, []], [Object.keys(pre)[7]!, [1n, 2n, 3n]]] as const) {
      const theirs = await getMerkleStateProof(sm, createAddressFromString(address), slots.map((s) => bigIntToBytes(s, 32)));
      expect(proofError(root, theirs as AccountProof), address).toBeUndefined();
      // Same nodes as ours (the storage values differ only in how the quantity is written).
      expect(theirs.accountProof).toEqual(getProof(state, address, slots).accountProof);
    }
  });

  // verifyMerkleStateProof checks a proof against the root its first node hashes to; @ethereumjs/trie's
  // verifyProof takes the root to check against, so this pins our proofs to our root.
  it('@ethereumjs/trie proves our nodes against our root: accounts and slots, present and absent', async () => {
    const trie = new ReferenceTrie({ useKeyHashing: true });
    const nodes = (list: readonly string[]): Uint8Array[] => list.map((n) => hexToBytes(n));
    for (const [address, slots] of [[CONTRACT, [1n, 8n, 3n]], [EOA, []], [ABSENT, [1n]], [Object.keys(pre)[7]!, [1n, 2n, 3n]]] as const) {
      const proof = getProof(state, address, slots);
      const leaf = await trie.verifyProof(root, hexToBytes(address), nodes(proof.accountProof));
      if (address === ABSENT) expect(leaf, address).toBeNull();
      else {
        const [nonce, balance, storageHash, codeHash] = rlpDecode(leaf!) as Uint8Array[];
        expect([nonce, balance].map((b) => '0x' + (bytesToHex(b!).slice(2).replace(/^0+/, '') || '0')), address).toEqual([proof.nonce, proof.balance]);
        expect([bytesToHex(storageHash!), bytesToHex(codeHash!)], address).toEqual([proof.storageHash, proof.codeHash]);
      }
      for (const sp of proof.storageProof) {
        if (sp.proof.length === 0) continue; // the empty storage trie: nothing to walk
        const value = await trie.verifyProof(hexToBytes(proof.storageHash), hexToBytes(sp.key), nodes(sp.proof));
        // The trie holds RLP(the value's minimal bytes); an absent slot proves as null.
        const want = sp.value === '0x0' ? null : bytesToHex(rlpEncode(bigIntToMinimalBytes(BigInt(sp.value))));
        expect(value === null ? null : bytesToHex(value), `${address} ${sp.key}`).toBe(want);
      }
    }
    // Our proof against another root, and a proof with a changed node, are rejected by their verifier too.
    const proof = getProof(state, CONTRACT, [1n]);
    await expect(trie.verifyProof(hexToBytes('0x' + '22'.repeat(32)), hexToBytes(CONTRACT), nodes(proof.accountProof))).rejects.toThrow();
    const changed = [...proof.accountProof];
    changed[changed.length - 1] = changed.at(-1)!.slice(0, -2) + (changed.at(-1)!.endsWith('00') ? '01' : '00');
    await expect(trie.verifyProof(root, hexToBytes(CONTRACT), nodes(changed))).rejects.toThrow();
  });

  it('their verifier rejects a tampered proof of ours', async () => {
    const proof = getProof(state, CONTRACT, [1n]);
    const sm = new MerkleStateManager();
    await expect(verifyMerkleStateProof(sm, { ...proof, balance: '0x2' } as never)).rejects.toThrow(/balance/);
    await expect(
      verifyMerkleStateProof(sm, { ...proof, storageProof: [{ ...proof.storageProof[0]!, value: '0x99' }] } as never),
    ).rejects.toThrow(/does not match/);
  });
});
