/**
 * The run-time twin of the `Transaction` union: a transaction built in JavaScript (or cast in TypeScript) with
 * a field missing or of the wrong kind is rejected here, naming the field, before any arithmetic on it.
 * Only the kind of each field is checked: what the protocol itself rejects (an unknown type, a blob or
 * set-code transaction without `to`, values out of range, an empty authorization list) stays a rejection
 * of validateTransaction with its reason, as fixtures expect.
 */
import { isAddress } from '../primitives/address.js';
import type { Transaction } from './types.js';

type Kind = 'bigint' | 'bytes' | 'address' | 'to' | 'accessList' | 'hashes' | 'authorizations';

const COMMON: Readonly<Record<string, Kind>> = { sender: 'address', nonce: 'bigint', gasLimit: 'bigint', value: 'bigint', data: 'bytes' };
const FEES_1559: Readonly<Record<string, Kind>> = { maxFeePerGas: 'bigint', maxPriorityFeePerGas: 'bigint' };

/** The fields each type must carry (optional `accessList` is checked when present). */
const FIELDS: Readonly<Record<number, Readonly<Record<string, Kind>>>> = {
  0: { ...COMMON, to: 'to', gasPrice: 'bigint' },
  1: { ...COMMON, to: 'to', gasPrice: 'bigint' },
  2: { ...COMMON, to: 'to', ...FEES_1559 },
  3: { ...COMMON, to: 'to', ...FEES_1559, maxFeePerBlobGas: 'bigint', blobVersionedHashes: 'hashes' },
  4: { ...COMMON, to: 'to', ...FEES_1559, authorizationList: 'authorizations' },
};

const EXPECTED: Readonly<Record<Kind, string>> = {
  bigint: 'a bigint',
  bytes: 'a Uint8Array',
  address: 'an Address (lower-case 0x + 40 hex digits, from parseAddress)',
  to: 'an Address or null (a creation)',
  accessList: 'an array of { address, storageKeys }',
  hashes: 'an array of Uint8Arrays',
  authorizations: 'an array of authorization tuples',
};

function fits(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case 'bigint':
      return typeof value === 'bigint';
    case 'bytes':
      return value instanceof Uint8Array;
    case 'address':
      return isAddress(value);
    case 'to':
      return value === null || isAddress(value);
    case 'accessList':
      return Array.isArray(value) && value.every((e) => isAddress(e?.address) && Array.isArray(e.storageKeys) && e.storageKeys.every((k: unknown) => typeof k === 'bigint'));
    case 'hashes':
      return Array.isArray(value) && value.every((h) => h instanceof Uint8Array);
    case 'authorizations':
      return Array.isArray(value) && value.every((a) => typeof a === 'object' && a !== null && isAddress(a.address) && typeof a.chainId === 'bigint');
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'it is missing';
  if (value === null) return 'got null';
  if (typeof value === 'string') return `got the string '${value.length > 50 ? value.slice(0, 47) + '...' : value}'`;
  return `got ${typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value}`;
}

/**
 * Throws a TypeError naming the first field of `tx` that its type does not allow, e.g.
 * `transaction (type 2): maxFeePerGas must be a bigint; it is missing`.
 */
export function assertTransactionShape(tx: Transaction): void {
  const raw = tx as unknown as Record<string, unknown> | null;
  if (typeof raw !== 'object' || raw === null) throw new TypeError(`transaction: expected an object, ${describe(raw)}`);
  if (typeof raw.type !== 'number') throw new TypeError(`transaction: type must be a number (0 to 4), ${describe(raw.type)}`);
  const fields = FIELDS[raw.type];
  if (fields === undefined) return; // an unknown type: validateTransaction rejects it (TR_TypeNotSupported)
  for (const [name, kind] of Object.entries(fields)) {
    if (!fits(kind, raw[name])) throw new TypeError(`transaction (type ${raw.type}): ${name} must be ${EXPECTED[kind]}; ${describe(raw[name])}`);
  }
  if (raw.accessList !== undefined && raw.type !== 0 && !fits('accessList', raw.accessList)) {
    throw new TypeError(`transaction (type ${raw.type}): accessList must be ${EXPECTED.accessList}`);
  }
}
