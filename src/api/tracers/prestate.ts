/**
 * geth's `prestateTracer`: the accounts a transaction reads or writes, as they were before it (balance,
 * nonce, code, the slots it touched), or with `diffMode` what it changed: `{ post, pre }` with only the
 * accounts that changed, `post` holding only the fields that changed. Accounts are looked up where geth looks
 * them up: the sender, the recipient (or the created address) and the coinbase at the start, EIP-7702
 * authorities, and each account or slot an instruction names before it runs.
 */
import type { Frame } from '../../evm/frame.js';
import { delegateOf } from '../../evm/delegation.js';
import { Fork } from '../../forks/fork.js';
import { type Address, addressFromWord, create2Address, createAddress } from '../../primitives/address.js';
import { bigIntToBytes, bytesEqual, bytesToHex } from '../../primitives/bytes.js';
import { keccak256 } from '../../primitives/keccak.js';
import type { WorldState } from '../../state/world.js';
import { recoverAuthority } from '../../transition/authorization.js';
import type { TransactionTracer } from '../../transition/execute.js';
import type { BlockEnv, Transaction, TxResult } from '../../transition/types.js';

/** prestateTracer's options (geth's tracerConfig). */
export interface PrestateTracerOptions {
  /** Report `{ post, pre }`: what the transaction changed. */
  readonly diffMode?: boolean;
  /** Leave code out. */
  readonly disableCode?: boolean;
  /** Leave storage out. */
  readonly disableStorage?: boolean;
}

/** An account in geth's prestate JSON: empty fields are left out (balance always shows in `pre`). */
export interface PrestateAccountJson {
  readonly balance?: string;
  readonly code?: string;
  readonly nonce?: number;
  readonly storage?: Record<string, string>;
}

/** The tracer's result: address → account, or the diff. */
export type PrestateJson = Record<string, PrestateAccountJson> | { readonly post: Record<string, PrestateAccountJson>; readonly pre: Record<string, PrestateAccountJson> };

interface AccountState {
  balance: bigint;
  nonce: bigint;
  code: Uint8Array;
  storage: Map<bigint, bigint>;
  /** No account existed (nothing to report unless it changed). */
  empty: boolean;
}

const SLOAD = 0x54;
const SSTORE = 0x55;
const ADDRESS_ON_TOP = new Set([0x3c, 0x3f, 0x3b, 0x31, 0xff]); // EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE, SELFDESTRUCT
const CALLS = new Set([0xf1, 0xf2, 0xf4, 0xfa]);
const CREATE = 0xf0;
const CREATE2 = 0xf5;
const SELFDESTRUCT = 0xff;

const MEMORY_LIMIT = 1n << 32n;
const word = (n: bigint): string => '0x' + n.toString(16).padStart(64, '0');

/** Collects one transaction's pre-state (and post-state in diff mode); read it with result() or json(). */
export class PrestateTracer implements TransactionTracer {
  private readonly options: PrestateTracerOptions;
  private state: WorldState | undefined;
  private pre = new Map<Address, AccountState>();
  private post = new Map<Address, AccountState>();
  private created = new Set<Address>();
  private deleted = new Set<Address>();
  private done = false;

  constructor(options: PrestateTracerOptions = {}) {
    this.options = options;
  }

  onTxStart(tx: Transaction, state: WorldState, env: BlockEnv): void {
    this.state = state;
    this.pre = new Map();
    this.post = new Map();
    this.created = new Set();
    this.deleted = new Set();
    this.done = false;
    const to = tx.to ?? createAddress(tx.sender, tx.nonce);
    if (tx.to === null) this.created.add(to);
    this.lookupAccount(tx.sender);
    this.lookupAccount(to);
    this.lookupAccount(env.coinbase);
    if (tx.type === 4) {
      for (const auth of tx.authorizationList) {
        const authority = recoverAuthority(auth);
        if (authority !== null) this.lookupAccount(authority);
      }
    }
  }

  onStep(frame: Frame, op: number): void {
    if (this.state === undefined || this.done) return;
    const stack = frame.stack;
    const sp = frame.sp;
    if ((op === SLOAD || op === SSTORE) && sp >= 1) {
      this.lookupStorage(frame.address, stack[sp - 1]);
    } else if (ADDRESS_ON_TOP.has(op) && sp >= 1) {
      this.lookupAccount(addressFromWord(stack[sp - 1]));
      if (op === SELFDESTRUCT) this.deleted.add(frame.address);
    } else if (CALLS.has(op) && sp >= 5) {
      const target = addressFromWord(stack[sp - 2]);
      this.lookupAccount(target);
      const delegate = frame.fork >= Fork.Prague ? delegateOf(this.state.getCode(target)) : null; // EIP-7702
      if (delegate !== null) this.lookupAccount(delegate);
    } else if (op === CREATE) {
      const address = createAddress(frame.address, this.state.getNonce(frame.address));
      this.lookupAccount(address);
      this.created.add(address);
    } else if (op === CREATE2 && sp >= 4) {
      const offset = stack[sp - 2];
      const size = stack[sp - 3];
      // Memory is not expanded yet: the initcode is read zero-padded; a size no gas could pay is skipped.
      if (offset > MEMORY_LIMIT || size > MEMORY_LIMIT) return;
      const initcode = new Uint8Array(Number(size));
      const start = Number(offset);
      if (start < frame.memSize) initcode.set(frame.memory.subarray(start, Math.min(start + initcode.length, frame.memSize)));
      const address = create2Address(frame.address, bigIntToBytes(stack[sp - 4], 32), keccak256(initcode));
      this.lookupAccount(address);
      this.created.add(address);
    }
  }

  onTxEnd(result: TxResult, state: WorldState): void {
    if (result.status === 'invalid') return;
    if (this.options.diffMode === true) this.diff(state);
    // A contract this transaction created had no pre-state, unless something was there before.
    for (const address of this.created) if (this.pre.get(address)?.empty === true) this.pre.delete(address);
    this.done = true;
  }

  /** The pre-state (address → account), or `{ post, pre }` in diff mode, as geth's JSON. */
  result(): PrestateJson {
    const pre = this.accountsJson(this.pre, false);
    if (this.options.diffMode !== true) return pre;
    return { post: this.accountsJson(this.post, true), pre };
  }

  /** result() as JSON text. */
  json(): string {
    return JSON.stringify(this.result());
  }

  /** `pre` always shows the balance; `post` only the fields that changed (a zero nonce never shows). */
  private accountsJson(accounts: Map<Address, AccountState>, isPost: boolean): Record<string, PrestateAccountJson> {
    const out: Record<string, PrestateAccountJson> = {};
    for (const [address, a] of accounts) {
      const entry: { balance?: string; code?: string; nonce?: number; storage?: Record<string, string> } = {};
      if (!isPost || this.postBalance.has(address)) entry.balance = '0x' + a.balance.toString(16);
      if (a.code.length > 0 && this.options.disableCode !== true) entry.code = bytesToHex(a.code);
      if (a.nonce !== 0n) entry.nonce = Number(a.nonce);
      if (a.storage.size > 0 && this.options.disableStorage !== true) {
        const storage: Record<string, string> = {};
        for (const [key, value] of a.storage) storage[word(key)] = word(value);
        entry.storage = storage;
      }
      out[address] = entry;
    }
    return out;
  }

  private postBalance = new Set<Address>();

  /** geth's processDiffState: keep in `pre` only what changed, and the new values in `post`. */
  private diff(state: WorldState): void {
    this.postBalance = new Set();
    for (const [address, pre] of this.pre) {
      if (this.deleted.has(address)) continue; // destroyed: in `pre`, not in `post`
      const post: AccountState = { balance: 0n, nonce: 0n, code: new Uint8Array(0), storage: new Map(), empty: false };
      let modified = false;
      const balance = state.getBalance(address);
      if (balance !== pre.balance) {
        modified = true;
        post.balance = balance;
        this.postBalance.add(address);
      }
      const nonce = state.getNonce(address);
      if (nonce !== pre.nonce) {
        modified = true;
        post.nonce = nonce;
      }
      if (this.options.disableCode !== true) {
        const code = state.getCode(address);
        if (!bytesEqual(code, pre.code)) {
          modified = true;
          post.code = code;
        }
      }
      for (const [key, value] of [...pre.storage]) {
        const now = state.getStorage(address, key);
        if (value === now) {
          pre.storage.delete(key); // unchanged slots are left out
        } else {
          modified = true;
          if (now !== 0n) post.storage.set(key, now);
        }
        if (value === 0n) pre.storage.delete(key); // an empty slot is not reported in `pre`
      }
      if (modified) this.post.set(address, post);
      else this.pre.delete(address);
    }
  }

  private lookupAccount(address: Address): void {
    const state = this.state!;
    if (this.pre.has(address)) return;
    const account = state.getAccount(address);
    this.pre.set(address, {
      balance: state.getBalance(address),
      nonce: state.getNonce(address),
      code: state.getCode(address),
      storage: new Map(),
      empty: account === undefined || account.isEmpty(),
    });
  }

  /** A slot's value before the transaction (its original value: the transaction may have written it). */
  private lookupStorage(address: Address, key: bigint): void {
    if (this.options.disableStorage === true) return;
    this.lookupAccount(address);
    const slots = this.pre.get(address)!.storage;
    if (!slots.has(key)) slots.set(key, this.state!.getOriginalStorage(address, key));
  }
}

/** A new prestateTracer (geth's `{ tracer: 'prestateTracer', tracerConfig }`). */
export function prestateTracer(options: PrestateTracerOptions = {}): PrestateTracer {
  return new PrestateTracer(options);
}
