/**
 * Addresses: evmkit keys accounts by lower-case '0x' + 40 hex digits, a branded type that only this module's
 * parser and converters produce, so a checksummed and a lower-case spelling can never name two accounts.
 */
import { bytesToHex, hexToBytes, HexError } from './bytes.js';
import { keccak256 } from './keccak.js';
import { rlpEncode } from './rlp.js';
import { bigIntToMinimalBytes } from './bytes.js';
import { boundedMemo } from './memo.js';

declare const addressBrand: unique symbol;

/** A 20-byte address as lower-case '0x…' hex, made by parseAddress (or computed); the key of every account map. */
export type Address = `0x${string}` & { readonly [addressBrand]: true };

/** A malformed address or a failed EIP-55 checksum; the message quotes the input. */
export class AddressError extends HexError {
  override name = 'AddressError';
}

/** How parseAddress reads letter case. */
export interface ParseAddressOptions {
  /**
   * 'verify' (the default): mixed case is an EIP-55 checksum and must be right; all lower or all upper case
   * carries none. 'ignore': case means nothing and the `0x` may be missing (test fixtures, which hold
   * mixed-case addresses that are no checksum).
   */
  readonly checksum?: 'verify' | 'ignore';
}

const STRICT = /^0x[0-9a-fA-F]{40}$/;
const LENIENT = /^(0[xX])?[0-9a-fA-F]{40}$/;

/**
 * Address ⇄ word conversions parse or print 40 hex digits (~150–250 ns on this machine), and contracts ask
 * for the same few addresses over and over (CALLER, ADDRESS, the targets of CALL and BALANCE), so both
 * directions are memoized.
 */
const CACHE_LIMIT = 1 << 14;
const ADDRESS_BITS = (1n << 160n) - 1n;
const printAddress = boundedMemo(CACHE_LIMIT, (low: bigint): Address => ('0x' + low.toString(16).padStart(40, '0')) as Address);

/** The address in the low 160 bits of a word. */
export function addressFromWord(word: bigint): Address {
  return printAddress(word > ADDRESS_BITS ? word & ADDRESS_BITS : word);
}

/** The word whose low 160 bits are the address. */
export const addressToWord: (address: Address) => bigint = boundedMemo(CACHE_LIMIT, (address: Address) =>
  BigInt(address),
);

/** The 20 bytes of an address. */
export function addressToBytes(address: Address): Uint8Array {
  return hexToBytes(address);
}

/** Address from 20 bytes. */
export function addressFromBytes(bytes: Uint8Array): Address {
  if (bytes.length !== 20) throw new AddressError(`address must be 20 bytes, got ${bytes.length}`);
  return bytesToHex(bytes) as Address;
}

/** The EIP-55 spelling: a letter is upper case where the matching nibble of keccak256(lower-case hex) is ≥ 8. */
export function toChecksumAddress(address: Address): `0x${string}` {
  const digits = address.slice(2);
  const hash = keccak256(new TextEncoder().encode(digits));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1] >> (i % 2 === 0 ? 4 : 0)) & 15;
    out += nibble >= 8 ? digits[i].toUpperCase() : digits[i];
  }
  return out as `0x${string}`;
}

/**
 * The one address parser: '0x' + 40 hex digits, normalised to lower case. Mixed case must be a valid EIP-55
 * checksum unless `checksum: 'ignore'`. Throws AddressError naming the input and the rule it breaks.
 */
export function parseAddress(text: string, options: ParseAddressOptions = {}): Address {
  const lenient = options.checksum === 'ignore';
  if (typeof text !== 'string') throw new AddressError(`expected an address string, got ${typeof text}`);
  if (!(lenient ? LENIENT : STRICT).test(text)) {
    throw new AddressError(`invalid address '${quote(text)}': expected 0x followed by 40 hex digits`);
  }
  const digits = text.length === 42 ? text.slice(2) : text;
  const address = ('0x' + digits.toLowerCase()) as Address;
  if (!lenient && digits !== digits.toLowerCase() && digits !== digits.toUpperCase()) {
    const expected = toChecksumAddress(address);
    if (text !== expected) throw new AddressError(`invalid address checksum '${text}' (EIP-55): expected ${expected}`);
  }
  return address;
}

/** True when `value` is already an Address: lower-case '0x' + 40 hex digits. */
export function isAddress(value: unknown): value is Address {
  return typeof value === 'string' && value.length === 42 && /^0x[0-9a-f]{40}$/.test(value);
}

/** The input as it may be quoted in a one-line message: at most 50 characters, control characters escaped. */
function quote(text: string): string {
  const short = text.length > 50 ? text.slice(0, 47) + '...' : text;
  return JSON.stringify(short).slice(1, -1);
}

/** CREATE address: keccak256(rlp([sender, nonce]))[12:]. */
export function createAddress(sender: Address, nonce: bigint): Address {
  const hash = keccak256(rlpEncode([hexToBytes(sender), bigIntToMinimalBytes(nonce)]));
  return bytesToHex(hash.subarray(12)) as Address;
}

/** CREATE2 address (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:]. */
export function create2Address(sender: Address, salt: Uint8Array, initcodeHash: Uint8Array): Address {
  const buf = new Uint8Array(85);
  buf[0] = 0xff;
  buf.set(hexToBytes(sender), 1);
  buf.set(salt, 21);
  buf.set(initcodeHash, 53);
  return bytesToHex(keccak256(buf).subarray(12)) as Address;
}
