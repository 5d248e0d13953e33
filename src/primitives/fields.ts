/** Field readers for JSON input (fixtures, prestates, allocations): each checks one value's shape and names the field when it fails. */
import { parseAddress, type Address } from './address.js';
import { bytesToHex, hexToBytes, HexError } from './bytes.js';
import { MAX_U256, MAX_U64 } from './word.js';

/** A malformed fixture value; `where` is the field path, e.g. `transaction.gasLimit[2]`. */
export class FieldError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
  }
}

/** A plain JSON object. */
export type JsonObject = { readonly [key: string]: unknown };

/** The value must be a JSON object. */
export function object(value: unknown, where: string): JsonObject {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new FieldError(where, value === undefined ? 'missing field' : 'expected an object');
  }
  return value as JsonObject;
}

/** The value must be a JSON array. */
export function array(value: unknown, where: string): readonly unknown[] {
  if (!Array.isArray(value)) throw new FieldError(where, value === undefined ? 'missing field' : 'expected an array');
  return value;
}

/** The value must be a string. */
export function string(value: unknown, where: string): string {
  if (typeof value !== 'string') throw new FieldError(where, value === undefined ? 'missing field' : 'expected a string');
  return value;
}

/** Prefix the fillers write before a number too large for the field (e.g. a value over 2^256). */
const BIGINT_PREFIX = '0x:bigint ';

/**
 * An unsigned integer of any size: '0x' hex (odd length, zero padding and bare '0x' allowed), decimal digits,
 * a JSON number, or the fillers' `0x:bigint 0x…` form.
 */
export function quantity(value: unknown, where: string): bigint {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value) && value >= 0) return BigInt(value);
    throw new FieldError(where, 'expected a non-negative integer');
  }
  let text = string(value, where);
  if (text.startsWith(BIGINT_PREFIX)) text = text.slice(BIGINT_PREFIX.length);
  if (/^0[xX][0-9a-fA-F]*$/.test(text)) {
    const digits = withoutLeadingZeros(text, 2);
    return digits.length > 64 ? OVER_U256 : digits === '' ? 0n : BigInt('0x' + digits);
  }
  if (/^[0-9]+$/.test(text)) {
    const digits = withoutLeadingZeros(text, 0);
    return digits.length > 78 ? OVER_U256 : digits === '' ? 0n : BigInt(digits);
  }
  throw new FieldError(where, 'invalid hex');
}

function withoutLeadingZeros(text: string, start: number): string {
  let i = start;
  while (i < text.length && text.charCodeAt(i) === 48) i++;
  return text.slice(i);
}

/**
 * Stands for any number of more than 256 bits: every reader rejects such a number, and converting millions
 * of digits (a hostile fixture) would take seconds. 64 hex or 78 decimal significant digits cover 2^256 - 1.
 */
const OVER_U256 = MAX_U256 + 1n;

/** An unsigned integer that must fit in 64 bits (EIP-2681: account nonces). */
export function u64(value: unknown, where: string): bigint {
  const n = quantity(value, where);
  if (n > MAX_U64) throw new FieldError(where, 'exceeds 64 bits (at most 2^64-1)');
  return n;
}

/** An unsigned integer that must fit in 256 bits. */
export function u256(value: unknown, where: string): bigint {
  const n = quantity(value, where);
  if (n > MAX_U256) throw new FieldError(where, 'exceeds 256 bits');
  return n;
}

/** A small non-negative integer (an array index). */
export function smallInt(value: unknown, where: string): number {
  const n = quantity(value, where);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new FieldError(where, 'too large');
  return Number(n);
}

/** A byte string in hex ('0x' alone is empty). */
export function bytes(value: unknown, where: string): Uint8Array {
  const text = string(value, where);
  try {
    return hexToBytes(text);
  } catch (e) {
    throw new FieldError(where, e instanceof HexError ? `invalid hex (${e.message})` : 'invalid hex');
  }
}

/**
 * A 20-byte address, normalised to lower case. Letter case is not checked as EIP-55: fixtures hold
 * mixed-case addresses that are no checksum (geth reads them the same way).
 */
export function address(value: unknown, where: string): Address {
  const text = string(value, where);
  try {
    return parseAddress(text, { checksum: 'ignore' });
  } catch (e) {
    throw new FieldError(where, e instanceof HexError ? e.message : 'invalid address');
  }
}

/** A 32-byte hash, returned as lower-case '0x' hex. */
export function hash32(value: unknown, where: string): string {
  const b = bytes(value, where);
  if (b.length !== 32) throw new FieldError(where, `expected 32 bytes, got ${b.length}`);
  return bytesToHex(b);
}
