/**
 * The `txs` of a transition: geth's transaction JSON (types 0–4; a `secretKey` with v, r, s zero or absent
 * asks for signing, `protected: false` for a legacy signature without EIP-155), or an RLP list of signed
 * envelopes (a `.rlp` file: the hex of the list in a JSON string, as `--output.body` writes it). Every
 * transaction ends as a signed envelope with its sender, or as the reason it cannot be one (rejected).
 */
import { decodeBodyTransaction, decodeTransaction, encodeTransaction, type SignedTransaction, signTransaction, type UnsignedTransaction } from '../block/transaction.js';
import { DecodeError, decodeRlp } from '../block/rlp-fields.js';
import type { Address } from '../primitives/address.js';
import { HexError, hexToBytes } from '../primitives/bytes.js';
import { address, array, bytes, FieldError, object, quantity, u256, u64, type JsonObject } from '../primitives/fields.js';
import type { AccessListEntry, Authorization } from '../transition/types.js';
import { T8nError, T8nExit } from './errors.js';

/** A transaction ready for the block, or why it cannot be (it is then rejected, the others go on). */
export type T8nTx = { readonly signed: SignedTransaction } | { readonly error: string };

/** Where the transactions come from: geth's JSON, or an RLP list of signed envelopes (`where`: its file or field, for errors). */
export type TxsInput = { readonly json: unknown } | { readonly rlp: Uint8Array; readonly where?: string };

/** Reads the transactions; throws T8nError (10 for JSON, 12 for an RLP body that is not a list). */
export function parseTxs(input: TxsInput, chainId: bigint): T8nTx[] {
  if ('rlp' in input) return rlpTxs(input.rlp, input.where ?? 'txs');
  const list = input.json === undefined || input.json === null ? [] : input.json;
  try {
    return array(list, 'txs').map((raw, i) => jsonTx(raw, `txs[${i}]`, chainId));
  } catch (e) {
    if (e instanceof FieldError) throw new T8nError(T8nExit.json, e.message);
    throw e;
  }
}

/** The hex text of an RLP body (a JSON string, as geth's `.rlp` files and `txsRlp` hold it). */
export function rlpBodyText(value: unknown, where: string): Uint8Array {
  if (typeof value !== 'string') throw new T8nError(T8nExit.rlp, `${where}: expected a JSON string of hex (the RLP list of the transactions)`);
  try {
    return hexToBytes(value);
  } catch (e) {
    throw new T8nError(T8nExit.rlp, `${where}: ${e instanceof HexError ? e.message : 'invalid hex'}`);
  }
}

/** The transactions of a stdin object (or a batch request's input): `txsRlp` (hex of an RLP list) when given, else `txs`. */
export function stdinTxs(input: Readonly<Record<string, unknown>>): TxsInput {
  if (typeof input.txsRlp === 'string' && input.txsRlp !== '') return { rlp: rlpBodyText(input.txsRlp, 'txsRlp'), where: 'txsRlp' };
  return { json: input.txs };
}

/** The transactions of an RLP body; a body that is not an RLP list is an error naming `where` (exit code 12). */
function rlpTxs(body: Uint8Array, where: string): T8nTx[] {
  let items;
  try {
    items = decodeRlp(body, where);
  } catch (e) {
    if (e instanceof DecodeError) throw new T8nError(T8nExit.rlp, e.message);
    throw e;
  }
  if (!Array.isArray(items)) throw new T8nError(T8nExit.rlp, `${where}: expected an RLP list of transactions, got a byte string`);
  return items.map((item, i) => {
    try {
      return { signed: decodeBodyTransaction(item, `txs[${i}]`) };
    } catch (e) {
      if (e instanceof DecodeError) return { error: e.message };
      throw e;
    }
  });
}

function optional<T>(tx: JsonObject, key: string, where: string, read: (v: unknown, w: string) => T): T | undefined {
  const v = tx[key];
  return v === undefined || v === null ? undefined : read(v, `${where}.${key}`);
}

function need<T>(tx: JsonObject, key: string, where: string, read: (v: unknown, w: string) => T): T {
  const v = optional(tx, key, where, read);
  if (v === undefined) throw new FieldError(`${where}.${key}`, 'missing field');
  return v;
}

/** One JSON transaction, signed with its secretKey when it carries no signature. */
function jsonTx(raw: unknown, where: string, stateChainId: bigint): T8nTx {
  const tx = object(raw, where);
  const type = Number(u64(tx.type ?? 0, `${where}.type`));
  if (type > 4) throw new FieldError(`${where}.type`, `transaction type ${type} not supported`);
  const unsigned = unsignedOf(tx, type as 0 | 1 | 2 | 3 | 4, where);
  const v = optional(tx, 'v', where, u256) ?? optional(tx, 'yParity', where, u256) ?? 0n;
  const r = optional(tx, 'r', where, u256) ?? 0n;
  const s = optional(tx, 's', where, u256) ?? 0n;
  const chainId = type === 0 ? undefined : (optional(tx, 'chainId', where, u256) ?? stateChainId);
  const key = optional(tx, 'secretKey', where, privateKey);
  if (key !== undefined && v === 0n && r === 0n && s === 0n) return { signed: sign(tx, unsigned, key, chainId, stateChainId, where) };
  // A signed transaction is encoded and decoded again, which recovers (and so checks) its sender.
  const raw2 = encodeTransaction(unsigned, chainId, { v, r, s });
  try {
    return { signed: decodeTransaction(raw2, where) };
  } catch (e) {
    if (e instanceof DecodeError) return { error: e.message };
    throw e;
  }
}

function sign(tx: JsonObject, unsigned: UnsignedTransaction, key: Uint8Array, chainId: bigint | undefined, stateChainId: bigint, where: string): SignedTransaction {
  if (chainId !== undefined && chainId !== stateChainId) {
    throw new FieldError(`${where}.chainId`, `${chainId} is not --state.chainid ${stateChainId}: cannot sign for another chain`);
  }
  const protectedTx = optional(tx, 'protected', where, boolean) ?? true;
  // A legacy transaction is signed with EIP-155 replay protection unless `protected` is false.
  const signingChainId = unsigned.type === 0 ? (protectedTx ? stateChainId : undefined) : chainId;
  try {
    return signTransaction(unsigned, key, signingChainId);
  } catch (e) {
    throw new FieldError(`${where}.secretKey`, `cannot sign: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function boolean(value: unknown, where: string): boolean {
  if (typeof value !== 'boolean') throw new FieldError(where, 'expected true or false');
  return value;
}

function privateKey(value: unknown, where: string): Uint8Array {
  const b = bytes(value, where);
  if (b.length !== 32) throw new FieldError(where, `expected 32 bytes, got ${b.length}`);
  return b;
}

function hash32(value: unknown, where: string): Uint8Array {
  const b = bytes(value, where);
  if (b.length !== 32) throw new FieldError(where, `expected 32 bytes, got ${b.length}`);
  return b;
}

/** The transaction's fields by type, with geth's required ones; `input` (or `data`) is the call data. */
function unsignedOf(tx: JsonObject, type: 0 | 1 | 2 | 3 | 4, where: string): UnsignedTransaction {
  const to = toOf(tx, where);
  const data = optional(tx, 'input', where, bytes) ?? optional(tx, 'data', where, bytes);
  if (data === undefined) throw new FieldError(`${where}.input`, 'missing field');
  const common = { nonce: need(tx, 'nonce', where, u64), gasLimit: need(tx, 'gas', where, u64), value: need(tx, 'value', where, u256), data };
  if (type === 0) return { type, ...common, to, gasPrice: need(tx, 'gasPrice', where, u256) };
  const accessList = optional(tx, 'accessList', where, accessListOf) ?? [];
  if (type === 1) return { type, ...common, to, gasPrice: need(tx, 'gasPrice', where, u256), accessList };
  const fees = { maxPriorityFeePerGas: need(tx, 'maxPriorityFeePerGas', where, u256), maxFeePerGas: need(tx, 'maxFeePerGas', where, u256) };
  if (type === 2) return { type, ...common, to, ...fees, accessList };
  if (to === null) throw new FieldError(`${where}.to`, `missing field (a type ${type} transaction cannot create a contract)`);
  if (type === 3) {
    const blobVersionedHashes = need(tx, 'blobVersionedHashes', where, (v, w) => array(v, w).map((h, i) => hash32(h, `${w}[${i}]`)));
    return { type, ...common, to, ...fees, accessList, maxFeePerBlobGas: need(tx, 'maxFeePerBlobGas', where, u256), blobVersionedHashes };
  }
  const authorizationList = need(tx, 'authorizationList', where, (v, w) => array(v, w).map((a, i) => authorizationOf(a, `${w}[${i}]`)));
  return { type, ...common, to, ...fees, accessList, authorizationList };
}

/** `to`: an address, or absent, null or "" for a contract creation. */
function toOf(tx: JsonObject, where: string): Address | null {
  return tx.to === undefined || tx.to === null || tx.to === '' ? null : address(tx.to, `${where}.to`);
}

function accessListOf(value: unknown, where: string): AccessListEntry[] {
  return array(value, where).map((raw, i) => {
    const e = object(raw, `${where}[${i}]`);
    const keys = array(e.storageKeys ?? [], `${where}[${i}].storageKeys`);
    return { address: address(e.address, `${where}[${i}].address`), storageKeys: keys.map((k, j) => u256(k, `${where}[${i}].storageKeys[${j}]`)) };
  });
}

/** An EIP-7702 tuple: chainId, address, nonce, yParity (or v), r, s. */
function authorizationOf(value: unknown, where: string): Authorization {
  const a = object(value, where);
  const parity = a.yParity ?? a.v;
  const yParity = quantity(parity, `${where}.${a.yParity === undefined ? 'v' : 'yParity'}`);
  if (yParity > 0xffn) throw new FieldError(`${where}.yParity`, 'exceeds 8 bits');
  return {
    chainId: u256(a.chainId, `${where}.chainId`),
    address: address(a.address, `${where}.address`),
    nonce: u64(a.nonce, `${where}.nonce`),
    yParity: Number(yParity),
    r: u256(a.r, `${where}.r`),
    s: u256(a.s, `${where}.s`),
  };
}
