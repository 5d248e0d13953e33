/** Addresses: evmkit keys accounts by lower-case '0x' + 40 hex digits. */
import { bytesToHex, hexToBytes, HexError } from './bytes.js';
import { keccak256 } from './keccak.js';
import { rlpEncode } from './rlp.js';
import { bigIntToMinimalBytes } from './bytes.js';
import { boundedMemo } from './memo.js';

/** A 20-byte address as lower-case '0x…' hex; the key of every account map. */
export type Address = string;

/**
 * Address ⇄ word conversions parse or print 40 hex digits (~150–250 ns on this machine), and contracts ask
 * for the same few addresses over and over (CALLER, ADDRESS, the targets of CALL and BALANCE), so both
 * directions are memoized.
 */
const CACHE_LIMIT = 1 << 14;
const ADDRESS_BITS = (1n << 160n) - 1n;
const printAddress = boundedMemo(CACHE_LIMIT, (low: bigint): Address => '0x' + low.toString(16).padStart(40, '0'));

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
  return bytesToHex(bytes);
}

/** Parses and normalises an address written in hex (with or without 0x, any case); throws HexError. */
export function parseAddress(text: string): Address {
  const bytes = hexToBytes(text);
  if (bytes.length !== 20) throw new HexError(`address must be 20 bytes, got ${bytes.length}`);
  return bytesToHex(bytes);
}

/** CREATE address: keccak256(rlp([sender, nonce]))[12:]. */
export function createAddress(sender: Address, nonce: bigint): Address {
  const hash = keccak256(rlpEncode([hexToBytes(sender), bigIntToMinimalBytes(nonce)]));
  return bytesToHex(hash.subarray(12));
}

/** CREATE2 address (EIP-1014): keccak256(0xff ++ sender ++ salt ++ keccak256(initcode))[12:]. */
export function create2Address(sender: Address, salt: Uint8Array, initcodeHash: Uint8Array): Address {
  const buf = new Uint8Array(85);
  buf[0] = 0xff;
  buf.set(hexToBytes(sender), 1);
  buf.set(salt, 21);
  buf.set(initcodeHash, 53);
  return bytesToHex(keccak256(buf).subarray(12));
}
