/**
 * EIP-1186 proofs (`eth_getProof`): an account's Merkle proof in the state trie and its slots' proofs in its
 * storage trie, in the JSON-RPC shape (hex strings), so a proof from a node verifies here and ours verify
 * there. A missing account or slot is proven absent: the path ends before reaching it.
 */
import type { Address } from '../primitives/address.js';
import { bigIntToBytes, bytesEqual, bytesToBigInt, bytesToHex, hexToBytes } from '../primitives/bytes.js';
import { KECCAK_EMPTY, keccak256 } from '../primitives/keccak.js';
import { rlpDecode, type RlpItem } from '../primitives/rlp.js';
import { EMPTY_TRIE_ROOT } from './mpt.js';
import { ProofError, verifyTrieProof } from './trie.js';
import type { WorldState } from './world.js';

/** A slot's proof: the key as asked, its value (a quantity; "0x0" when unset) and the storage-trie nodes. */
export interface StorageProof {
  readonly key: string;
  readonly value: string;
  readonly proof: readonly string[];
}

/** The EIP-1186 proof of an account and some of its slots. */
export interface AccountProof {
  readonly address: string;
  readonly accountProof: readonly string[];
  readonly balance: string;
  readonly codeHash: string;
  readonly nonce: string;
  readonly storageHash: string;
  readonly storageProof: readonly StorageProof[];
}

const quantity = (n: bigint): string => '0x' + n.toString(16);
const word = (n: bigint): string => bytesToHex(bigIntToBytes(n, 32));

/**
 * The proof of `address` and `slots` in `state` as it is now (the root is brought up to date first). An
 * absent account has zero nonce and balance, the empty code hash and the empty storage root, as
 * eth_getProof reports it; its slots come with empty proofs.
 */
export function getProof(state: WorldState, address: Address, slots: readonly bigint[] = []): AccountProof {
  state.root();
  const engine = state.engine();
  const account = state.getAccount(address);
  const accountProof = engine.proveAccount(address).map(bytesToHex);
  if (account === undefined) {
    return {
      address,
      accountProof,
      balance: '0x0',
      codeHash: bytesToHex(KECCAK_EMPTY),
      nonce: '0x0',
      storageHash: bytesToHex(EMPTY_TRIE_ROOT),
      storageProof: slots.map((slot) => ({ key: word(slot), value: '0x0', proof: [] })),
    };
  }
  const storageHash = engine.storageRoot(address, account, undefined, null);
  return {
    address,
    accountProof,
    balance: quantity(account.balance),
    codeHash: bytesToHex(account.codeHash),
    nonce: quantity(account.nonce),
    storageHash: bytesToHex(storageHash),
    storageProof: slots.map((slot) => ({
      key: word(slot),
      value: quantity(state.getStorage(address, slot)),
      proof: engine.proveSlot(address, account, slot).map(bytesToHex),
    })),
  };
}

/** True when `proof` proves its account and slots against the state root `root`. */
export function verifyProof(root: Uint8Array | string, proof: AccountProof): boolean {
  return proofError(root, proof) === undefined;
}

/** Why `proof` does not prove its account and slots against `root`, or undefined when it does. */
export function proofError(root: Uint8Array | string, proof: AccountProof): string | undefined {
  try {
    const stateRoot = typeof root === 'string' ? field(root, 'root', 32) : root;
    const address = field(proof.address, 'address', 20);
    const claimed = {
      nonce: number(proof.nonce, 'nonce'),
      balance: number(proof.balance, 'balance'),
      codeHash: field(proof.codeHash, 'codeHash', 32),
      storageHash: field(proof.storageHash, 'storageHash', 32),
    };
    const leaf = verifyTrieProof(stateRoot, keccak256(address), nodes(proof.accountProof, 'accountProof'));
    const proven = leaf === null ? absentAccount() : decodeAccount(leaf);
    for (const name of ['nonce', 'balance'] as const) {
      if (proven[name] !== claimed[name]) return `${name}: the proof gives ${quantity(proven[name])}, the claim ${proof[name]}`;
    }
    for (const name of ['codeHash', 'storageHash'] as const) {
      if (!bytesEqual(proven[name], claimed[name])) return `${name}: the proof gives ${bytesToHex(proven[name])}, the claim ${proof[name]}`;
    }
    for (const [i, sp] of proof.storageProof.entries()) {
      const where = `storageProof[${i}]`;
      const key = number(sp.key, `${where}.key`);
      const value = verifyTrieProof(claimed.storageHash, keccak256(bigIntToBytes(key, 32)), nodes(sp.proof, `${where}.proof`));
      const provenValue = value === null ? 0n : slotValueOf(value, where);
      if (provenValue !== number(sp.value, `${where}.value`)) return `${where}: the proof gives ${quantity(provenValue)}, the claim ${sp.value}`;
    }
    return undefined;
  } catch (e) {
    if (e instanceof ProofError || e instanceof MalformedProof) return e.message;
    throw e;
  }
}

/** A proof field that is not what EIP-1186 says it is. */
class MalformedProof extends Error {}

function field(text: unknown, name: string, length: number): Uint8Array {
  if (typeof text !== 'string' || !/^0x[0-9a-fA-F]*$/.test(text) || text.length !== 2 + 2 * length) {
    throw new MalformedProof(`${name}: expected ${length} bytes of 0x-hex, got ${JSON.stringify(text)}`);
  }
  return hexToBytes(text);
}

function number(text: unknown, name: string): bigint {
  if (typeof text !== 'string' || !/^0x[0-9a-fA-F]{1,64}$/.test(text)) throw new MalformedProof(`${name}: expected a 0x-hex quantity, got ${JSON.stringify(text)}`);
  return BigInt(text);
}

function nodes(list: unknown, name: string): Uint8Array[] {
  if (!Array.isArray(list)) throw new MalformedProof(`${name}: expected an array of 0x-hex nodes`);
  return list.map((node, i) => {
    if (typeof node !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(node)) throw new MalformedProof(`${name}[${i}]: expected 0x-hex bytes`);
    return hexToBytes(node);
  });
}

interface ProvenAccount {
  nonce: bigint;
  balance: bigint;
  codeHash: Uint8Array;
  storageHash: Uint8Array;
}

function absentAccount(): ProvenAccount {
  return { nonce: 0n, balance: 0n, codeHash: KECCAK_EMPTY, storageHash: EMPTY_TRIE_ROOT };
}

function decodeAccount(leaf: Uint8Array): ProvenAccount {
  const item = decode(leaf, 'the account leaf');
  if (!Array.isArray(item) || item.length !== 4 || item.some((x) => Array.isArray(x))) throw new ProofError('proof: the account leaf is not rlp([nonce, balance, storageRoot, codeHash])');
  const [nonce, balance, storageHash, codeHash] = item as Uint8Array[];
  return { nonce: bytesToBigInt(nonce!), balance: bytesToBigInt(balance!), storageHash: storageHash!, codeHash: codeHash! };
}

function slotValueOf(value: Uint8Array, where: string): bigint {
  const item = decode(value, `${where}: the slot leaf`);
  if (Array.isArray(item) || item.length > 32) throw new ProofError(`${where}: the slot leaf is not an RLP string of at most 32 bytes`);
  return bytesToBigInt(item);
}

function decode(bytes: Uint8Array, what: string): RlpItem {
  try {
    return rlpDecode(bytes);
  } catch (e) {
    throw new ProofError(`proof: ${what} is not valid RLP (${(e as Error).message})`);
  }
}
