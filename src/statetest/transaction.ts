/** The `transaction` section of a state test: a template that one (data, gas, value) index turns into a tx. */
import type { Address } from '../primitives/address.js';
import { HexError } from '../primitives/bytes.js';
import { privateKeyToAddress } from '../primitives/secp256k1.js';
import { MAX_U256 } from '../primitives/word.js';
import type { AccessListEntry, Authorization, Transaction, TxType } from '../transition/types.js';
import { authorizationFieldOutOfRange } from '../transition/validate.js';
import { address, array, bytes, FieldError, object, quantity, string, type JsonObject } from '../primitives/fields.js';
import type { CaseIndex } from './types.js';

/** The parsed `transaction` section; numbers are unbounded so an overflow can reject just its case. */
export interface TxTemplate {
  readonly data: readonly Uint8Array[];
  readonly gasLimit: readonly bigint[];
  readonly value: readonly bigint[];
  readonly nonce: bigint;
  readonly gasPrice?: bigint;
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  /** Parallel to `data`; null (or missing) entries mean "no access list". */
  readonly accessLists: readonly (readonly AccessListEntry[] | null)[];
  readonly maxFeePerBlobGas?: bigint;
  readonly blobVersionedHashes?: readonly Uint8Array[];
  /** EIP-7702 tuples, fields unbounded (y parity may not fit a number: then -1). */
  readonly authorizationList?: readonly Authorization[];
  readonly to: Address | null;
  readonly sender: Address;
}

/** A transaction ready to run, or why this index can only be an invalid transaction. */
export type BuiltTx = { readonly tx: Transaction } | { readonly error: string };

function optional<T>(tx: JsonObject, key: string, read: (v: unknown, where: string) => T): T | undefined {
  return tx[key] === undefined ? undefined : read(tx[key], `transaction.${key}`);
}

function list<T>(tx: JsonObject, key: string, read: (v: unknown, where: string) => T): T[] {
  return array(tx[key], `transaction.${key}`).map((v, i) => read(v, `transaction.${key}[${i}]`));
}

function accessList(value: unknown, where: string): AccessListEntry[] | null {
  if (value === null || value === undefined) return null;
  return array(value, where).map((raw, i) => {
    const entry = object(raw, `${where}[${i}]`);
    const keys = array(entry.storageKeys ?? [], `${where}[${i}].storageKeys`);
    return {
      address: address(entry.address, `${where}[${i}].address`),
      storageKeys: keys.map((k, j) => quantity(k, `${where}[${i}].storageKeys[${j}]`)),
    };
  });
}

/**
 * One EIP-7702 tuple. `signer` (the filler's note of who signed) is checked for shape only: the authority is
 * always recovered from the signature, as a client must.
 */
function authorization(value: unknown, where: string): Authorization {
  const entry = object(value, where);
  if (entry.signer !== undefined) address(entry.signer, `${where}.signer`);
  const parity = quantity(entry.yParity ?? entry.v, `${where}.${entry.yParity === undefined ? 'v' : 'yParity'}`);
  return {
    chainId: quantity(entry.chainId, `${where}.chainId`),
    address: address(entry.address, `${where}.address`),
    nonce: quantity(entry.nonce, `${where}.nonce`),
    yParity: parity <= 0xffn ? Number(parity) : -1,
    r: quantity(entry.r, `${where}.r`),
    s: quantity(entry.s, `${where}.s`),
  };
}

function hashBytes(value: unknown, where: string): Uint8Array {
  const b = bytes(value, where);
  if (b.length !== 32) throw new FieldError(where, `expected 32 bytes, got ${b.length}`);
  return b;
}

/** The sender: the `sender` field when present, else the address of `secretKey`. */
function senderOf(tx: JsonObject): Address {
  if (tx.sender !== undefined && tx.sender !== '') return address(tx.sender, 'transaction.sender');
  const key = hashBytes(tx.secretKey, 'transaction.secretKey');
  try {
    return privateKeyToAddress(key);
  } catch (e) {
    const why = e instanceof HexError || e instanceof Error ? e.message : String(e);
    throw new FieldError('transaction.secretKey', `invalid private key (${why})`);
  }
}

/** Parses `transaction`. A missing `to` (as exporting tools write it) or `to: ""` means contract creation. */
export function parseTxTemplate(value: unknown): TxTemplate {
  const tx = object(value, 'transaction');
  const data = list(tx, 'data', bytes);
  const rawLists = tx.accessLists === undefined || tx.accessLists === null ? [] : array(tx.accessLists, 'transaction.accessLists');
  const to = tx.to === undefined || tx.to === null ? '' : string(tx.to, 'transaction.to');
  return {
    data,
    gasLimit: list(tx, 'gasLimit', quantity),
    value: list(tx, 'value', quantity),
    nonce: quantity(tx.nonce, 'transaction.nonce'),
    gasPrice: optional(tx, 'gasPrice', quantity),
    maxFeePerGas: optional(tx, 'maxFeePerGas', quantity),
    maxPriorityFeePerGas: optional(tx, 'maxPriorityFeePerGas', quantity),
    accessLists: rawLists.map((l, i) => accessList(l, `transaction.accessLists[${i}]`)),
    maxFeePerBlobGas: optional(tx, 'maxFeePerBlobGas', quantity),
    blobVersionedHashes: optional(tx, 'blobVersionedHashes', (v, w) => array(v, w).map((h, i) => hashBytes(h, `${w}[${i}]`))),
    authorizationList: optional(tx, 'authorizationList', (v, w) => array(v, w).map((a, i) => authorization(a, `${w}[${i}]`))),
    to: to === '' ? null : address(to, 'transaction.to'),
    sender: senderOf(tx),
  };
}

/** Checks that each index points into its array; throws FieldError naming the post entry. */
export function checkIndex(t: TxTemplate, index: CaseIndex, where: string): void {
  if (index.data >= t.data.length) throw new FieldError(`${where}.indexes.data`, `${index.data} out of range`);
  if (index.gas >= t.gasLimit.length) throw new FieldError(`${where}.indexes.gas`, `${index.gas} out of range`);
  if (index.value >= t.value.length) throw new FieldError(`${where}.indexes.value`, `${index.value} out of range`);
}

/**
 * The transaction type by the fields present, as execution-spec-tests define it: authorizationList 4,
 * blobVersionedHashes (or maxFeePerBlobGas) 3, maxFeePerGas 2, an access list for this index 1, else 0.
 */
function txType(t: TxTemplate, accessList: readonly AccessListEntry[] | null): TxType {
  if (t.authorizationList !== undefined) return 4;
  if (t.blobVersionedHashes !== undefined || t.maxFeePerBlobGas !== undefined) return 3;
  if (t.maxFeePerGas !== undefined) return 2;
  return accessList !== null ? 1 : 0;
}

/** A field the type needs; its absence is a fixture error naming it. */
function need<T>(value: T | undefined, field: string, type: TxType): T {
  if (value === undefined) throw new FieldError(`transaction.${field}`, `missing field (a type ${type} transaction needs it)`);
  return value;
}

/**
 * Builds the transaction for one index. A number over its range (the `0x:bigint` overflow, an authorization
 * field) or a blob or set-code transaction without `to` makes it an invalid transaction, not a load error.
 * Throws FieldError when a field the type needs is missing.
 */
export function buildTransaction(t: TxTemplate, index: CaseIndex): BuiltTx {
  const list = t.accessLists[index.data] ?? null;
  const type = txType(t, list);
  if ((type === 3 || type === 4) && t.to === null) return { error: `a type ${type} transaction cannot create a contract` };
  const tx = assemble(t, index, type, list ?? []);
  const over = overflowingField(tx);
  return over === undefined ? { tx } : { error: over };
}

/** The transaction of `type` from the template's fields for one index. */
function assemble(t: TxTemplate, index: CaseIndex, type: TxType, accessList: readonly AccessListEntry[]): Transaction {
  const common = { sender: t.sender, nonce: t.nonce, gasLimit: t.gasLimit[index.gas], value: t.value[index.value], data: t.data[index.data] };
  const fees = () => ({ maxFeePerGas: need(t.maxFeePerGas, 'maxFeePerGas', type), maxPriorityFeePerGas: need(t.maxPriorityFeePerGas, 'maxPriorityFeePerGas', type) });
  switch (type) {
    case 0:
      return { type, ...common, to: t.to, gasPrice: need(t.gasPrice, 'gasPrice', type) };
    case 1:
      return { type, ...common, to: t.to, gasPrice: need(t.gasPrice, 'gasPrice', type), accessList };
    case 2:
      return { type, ...common, to: t.to, ...fees(), accessList };
    case 3: {
      const blobs = { maxFeePerBlobGas: need(t.maxFeePerBlobGas, 'maxFeePerBlobGas', type), blobVersionedHashes: t.blobVersionedHashes ?? [] };
      return { type, ...common, to: t.to!, ...fees(), accessList, ...blobs };
    }
    case 4:
      return { type, ...common, to: t.to!, ...fees(), accessList, authorizationList: t.authorizationList ?? [] };
  }
}

function overflowingField(tx: Transaction): string | undefined {
  const fields: [string, bigint][] = [['nonce', tx.nonce], ['gasLimit', tx.gasLimit], ['value', tx.value]];
  if (tx.type === 0 || tx.type === 1) fields.push(['gasPrice', tx.gasPrice]);
  else fields.push(['maxFeePerGas', tx.maxFeePerGas], ['maxPriorityFeePerGas', tx.maxPriorityFeePerGas]);
  if (tx.type === 3) fields.push(['maxFeePerBlobGas', tx.maxFeePerBlobGas]);
  for (const [name, v] of fields) if (v > MAX_U256) return `${name} exceeds 256 bits`;
  if (tx.type !== 0) {
    for (const e of tx.accessList ?? []) if (e.storageKeys.some((k) => k > MAX_U256)) return 'accessList storage key exceeds 256 bits';
  }
  if (tx.type === 4) {
    for (const [i, auth] of tx.authorizationList.entries()) {
      const bad = authorizationFieldOutOfRange(auth);
      if (bad !== undefined) return `authorizationList[${i}].${bad} out of range`;
    }
  }
  return undefined;
}
