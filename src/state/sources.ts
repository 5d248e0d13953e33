/**
 * Two StateSources. `MemorySource`: a whole state in memory, shared read-only by any number of world states
 * built over it (each with its own journal: a fresh state over a large base costs nothing to make).
 * `LazySource`: answers only what has been put into it and throws MissingStateError for the rest, to be
 * filled by a fetch (from a node's eth_getProof / eth_getCode, a database, …) between runs of withStateFetch.
 */
import { parseAddress, type Address } from '../primitives/address.js';
import { bytesEqual, bytesToHex, hexToBytes } from '../primitives/bytes.js';
import { KECCAK_EMPTY, keccak256 } from '../primitives/keccak.js';
import { getProof, proofError, type AccountProof } from './proof.js';
import { MissingStateError, type SourceAccount, type StateSource } from './source.js';
import { verifyTrieProof } from './trie.js';
import type { Alloc } from './alloc.js';
import { WorldState } from './world.js';

/** A whole state held in memory, as a source. */
export class MemorySource implements StateSource {
  private readonly state: WorldState;
  private readonly codes = new Map<string, Uint8Array>();
  private nodeIndex: Map<string, Uint8Array> | null = null;

  /** The state of a genesis-style allocation. */
  constructor(alloc: Alloc) {
    this.state = WorldState.fromAlloc(alloc);
    for (const [, account] of this.state.allAccounts()) {
      if (account.code.length > 0) this.codes.set(bytesToHex(account.codeHash), account.code);
    }
  }

  account(address: Address): SourceAccount | undefined {
    const a = this.state.getAccount(address);
    if (a === undefined) return undefined;
    this.state.root(); // the storage roots below come from the built tries
    const storageRoot = this.state.engine().storageRoot(address, a, undefined, null);
    return { nonce: a.nonce, balance: a.balance, codeHash: a.codeHash, storageRoot };
  }

  storage(address: Address, slot: bigint): bigint {
    return this.state.getStorage(address, slot);
  }

  code(codeHash: Uint8Array): Uint8Array {
    const code = this.codes.get(bytesToHex(codeHash));
    if (code !== undefined) return code;
    if (bytesEqual(codeHash, KECCAK_EMPTY)) return new Uint8Array(0);
    throw new Error(`MemorySource: no code with hash ${bytesToHex(codeHash)}`);
  }

  stateRoot(): Uint8Array {
    return this.state.root();
  }

  /** Trie nodes by hash, from an index built on the first call (every hashed node of every trie). */
  trieNode(hash: Uint8Array): Uint8Array | undefined {
    if (this.nodeIndex === null) {
      this.state.root();
      this.nodeIndex = new Map();
      for (const [h, node] of this.state.engine().nodes()) this.nodeIndex.set(bytesToHex(h), node);
    }
    return this.nodeIndex.get(bytesToHex(hash));
  }

  /** The EIP-1186 proof of an account and slots of this state (what a node's eth_getProof returns). */
  proof(address: Address, slots: readonly bigint[] = []): AccountProof {
    return getProof(this.state, address, slots);
  }
}

/** A source that knows only what was added to it; everything else is a MissingStateError. */
export class LazySource implements StateSource {
  private readonly accounts = new Map<Address, SourceAccount | null>();
  private readonly slots = new Map<Address, Map<bigint, bigint>>();
  private readonly codes = new Map<string, Uint8Array>();
  private readonly nodes = new Map<string, Uint8Array>();
  private readonly blockHashes = new Map<bigint, bigint>();

  /** A source for the state whose root is `root` (proofs added are checked against it). */
  constructor(readonly root: Uint8Array) {}

  account(address: Address): SourceAccount | undefined {
    const a = this.accounts.get(address);
    if (a === undefined) throw new MissingStateError({ kind: 'account', address });
    return a ?? undefined;
  }

  storage(address: Address, slot: bigint): bigint {
    const value = this.slots.get(address)?.get(slot);
    if (value === undefined) throw new MissingStateError({ kind: 'storage', address, slot });
    return value;
  }

  code(codeHash: Uint8Array): Uint8Array {
    if (bytesEqual(codeHash, KECCAK_EMPTY)) return new Uint8Array(0);
    const code = this.codes.get(bytesToHex(codeHash));
    // The world state names the account when it records the miss.
    if (code === undefined) throw new MissingStateError({ kind: 'code', codeHash });
    return code;
  }

  stateRoot(): Uint8Array {
    return this.root;
  }

  trieNode(hash: Uint8Array): Uint8Array | undefined {
    return this.nodes.get(bytesToHex(hash));
  }

  blockHash(number: bigint): bigint {
    const hash = this.blockHashes.get(number);
    if (hash === undefined) throw new MissingStateError({ kind: 'blockHash', number });
    return hash;
  }

  /** Records the account at `address` (undefined: there is none). */
  addAccount(address: Address, account: SourceAccount | undefined): void {
    this.accounts.set(address, account ?? null);
  }

  /** Records a slot's value. */
  addStorage(address: Address, slot: bigint, value: bigint): void {
    let slots = this.slots.get(address);
    if (slots === undefined) this.slots.set(address, (slots = new Map()));
    slots.set(slot, value);
  }

  /** Records code (found by its hash). */
  addCode(code: Uint8Array): void {
    this.codes.set(bytesToHex(keccak256(code)), code);
  }

  /** Records trie nodes (found by their hash): what roots and proofs over this source walk through. */
  addNodes(nodes: Iterable<Uint8Array | string>): void {
    for (const node of nodes) {
      const bytes = typeof node === 'string' ? hexToBytes(node) : node;
      this.nodes.set(bytesToHex(keccak256(bytes)), bytes);
    }
  }

  /** Records BLOCKHASH of block `number`. */
  addBlockHash(number: bigint, hash: bigint): void {
    this.blockHashes.set(number, hash);
  }

  /**
   * Records what an EIP-1186 proof (e.g. a node's eth_getProof answer) shows: the account or its absence,
   * the slots, and the nodes of every path. Throws when the proof does not prove against this source's root.
   */
  addProof(proof: AccountProof): void {
    const error = proofError(this.root, proof);
    if (error !== undefined) throw new Error(`LazySource.addProof(${proof.address}): ${error}`);
    const address = parseAddress(proof.address);
    const nonce = BigInt(proof.nonce);
    const balance = BigInt(proof.balance);
    const codeHash = hexToBytes(proof.codeHash);
    const storageRoot = hexToBytes(proof.storageHash);
    // An empty account can exist (before EIP-161): the proof, not the fields, tells presence from absence.
    const accountProof = proof.accountProof.map((node) => hexToBytes(node));
    const present = verifyTrieProof(this.root, keccak256(hexToBytes(address)), accountProof) !== null;
    this.addAccount(address, present ? { nonce, balance, codeHash, storageRoot } : undefined);
    this.addNodes(proof.accountProof);
    for (const sp of proof.storageProof) {
      this.addStorage(address, BigInt(sp.key), BigInt(sp.value));
      this.addNodes(sp.proof);
    }
  }
}
