/** The `transaction` section of a state test: a template that one (data, gas, value) index turns into a tx. */
import type { Address } from '../primitives/address.js';
import { HexError } from '../primitives/bytes.js';
import { privateKeyToAddress } from '../primitives/secp256k1.js';
import { MAX_U256 } from '../primitives/word.js';
import type { AccessListEntry, Transaction } from '../transition/types.js';
import { address, array, bytes, FieldError, object, quantity, string, type JsonObject } from './fields.js';
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

/** Parses `transaction`. `to: ""` means contract creation. */
export function parseTxTemplate(value: unknown): TxTemplate {
  const tx = object(value, 'transaction');
  const data = list(tx, 'data', bytes);
  const rawLists = tx.accessLists === undefined || tx.accessLists === null ? [] : array(tx.accessLists, 'transaction.accessLists');
  const to = string(tx.to, 'transaction.to');
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

/** The transaction type by the fields present: blob 3, EIP-1559 2, access list 1, legacy 0. */
function txType(t: TxTemplate, accessList: readonly AccessListEntry[] | null): 0 | 1 | 2 | 3 {
  if (t.blobVersionedHashes !== undefined || t.maxFeePerBlobGas !== undefined) return 3;
  if (t.maxFeePerGas !== undefined) return 2;
  return accessList !== null ? 1 : 0;
}

/** Builds the transaction for one index; a number over 2^256 (the `0x:bigint` overflow) makes it invalid. */
export function buildTransaction(t: TxTemplate, index: CaseIndex): BuiltTx {
  const accessList = t.accessLists[index.data] ?? null;
  const type = txType(t, accessList);
  const tx: Transaction = {
    type,
    sender: t.sender,
    to: t.to,
    nonce: t.nonce,
    gasLimit: t.gasLimit[index.gas],
    value: t.value[index.value],
    data: t.data[index.data],
    gasPrice: t.gasPrice,
    maxFeePerGas: t.maxFeePerGas,
    maxPriorityFeePerGas: t.maxPriorityFeePerGas,
    accessList: accessList ?? (type >= 2 ? [] : undefined),
    maxFeePerBlobGas: t.maxFeePerBlobGas,
    blobVersionedHashes: t.blobVersionedHashes,
  };
  const over = overflowingField(tx);
  return over === undefined ? { tx } : { error: `${over} exceeds 256 bits` };
}

function overflowingField(tx: Transaction): string | undefined {
  const fields = ['nonce', 'gasLimit', 'value', 'gasPrice', 'maxFeePerGas', 'maxPriorityFeePerGas', 'maxFeePerBlobGas'] as const;
  for (const f of fields) {
    const v = tx[f];
    if (v !== undefined && v > MAX_U256) return f;
  }
  for (const e of tx.accessList ?? []) if (e.storageKeys.some((k) => k > MAX_U256)) return 'accessList storage key';
  return undefined;
}
