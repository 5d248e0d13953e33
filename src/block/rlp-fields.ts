/**
 * Reading typed fields out of decoded RLP: each reader checks one item's shape (bytes or list, length,
 * canonical integer) and names the field when it fails, so a malformed block says what is wrong and where.
 */
import { type Address, addressFromBytes } from '../primitives/address.js';
import { bytesToBigInt } from '../primitives/bytes.js';
import { type RlpItem, RlpError, rlpDecode, rlpNestingDepth } from '../primitives/rlp.js';

/** Bytes that are not the RLP of what they should be; `field` names the item (e.g. `header.gasLimit`). */
export class DecodeError extends Error {
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** Lists nest at most this deep in a block (block, transactions, a transaction, its access list, an entry, its keys). */
const MAX_NESTING = 16;

/** Decodes RLP bytes; malformed or trailing bytes, or lists nested deeper than a block's, are a DecodeError naming `field`. */
export function decodeRlp(data: Uint8Array, field: string): RlpItem {
  if (rlpNestingDepth(data, MAX_NESTING) > MAX_NESTING) throw new DecodeError(field, `invalid RLP (lists nested deeper than ${MAX_NESTING})`);
  try {
    return rlpDecode(data);
  } catch (e) {
    throw new DecodeError(field, `invalid RLP (${e instanceof RlpError ? e.message : String(e)})`);
  }
}

/** The item must be a list; with `length`, of exactly that many items. */
export function listOf(item: RlpItem | undefined, field: string, length?: number): RlpItem[] {
  if (item === undefined) throw new DecodeError(field, 'missing');
  if (!Array.isArray(item)) throw new DecodeError(field, 'expected a list, got a byte string');
  if (length !== undefined && item.length !== length) throw new DecodeError(field, `expected ${length} items, got ${item.length}`);
  return item;
}

/** The item must be a byte string. */
export function bytesOf(item: RlpItem | undefined, field: string): Uint8Array {
  if (item === undefined) throw new DecodeError(field, 'missing');
  if (Array.isArray(item)) throw new DecodeError(field, 'expected a byte string, got a list');
  return item;
}

/** A byte string of exactly `length` bytes (hashes, addresses, the bloom, the PoW nonce). */
export function fixedBytes(item: RlpItem | undefined, field: string, length: number): Uint8Array {
  const b = bytesOf(item, field);
  if (b.length !== length) throw new DecodeError(field, `expected ${length} bytes, got ${b.length}`);
  return b;
}

/** A 20-byte address. */
export function addressOf(item: RlpItem | undefined, field: string): Address {
  return addressFromBytes(fixedBytes(item, field, 20));
}

/** A transaction's `to`: empty (a creation, null) or 20 bytes. */
export function optionalAddress(item: RlpItem | undefined, field: string): Address | null {
  const b = bytesOf(item, field);
  if (b.length === 0) return null;
  if (b.length !== 20) throw new DecodeError(field, `expected an address (20 bytes) or empty, got ${b.length} bytes`);
  return addressFromBytes(b);
}

/**
 * An unsigned integer of at most `maxBytes` bytes, canonically encoded: big-endian without leading zeros
 * (zero is the empty string), as RLP requires of every integer.
 */
export function uintOf(item: RlpItem | undefined, field: string, maxBytes = 32): bigint {
  const b = bytesOf(item, field);
  if (b.length > 0 && b[0] === 0) throw new DecodeError(field, 'integer with leading zero bytes');
  if (b.length > maxBytes) throw new DecodeError(field, `integer of ${b.length} bytes exceeds ${maxBytes * 8} bits`);
  return bytesToBigInt(b);
}

/** An integer that must fit in 64 bits (block numbers, gas, timestamps, nonces). */
export function u64Of(item: RlpItem | undefined, field: string): bigint {
  return uintOf(item, field, 8);
}
