/** Byte and hex helpers shared by every module. */

const HEX_CHARS = '0123456789abcdef';
const HEX_PAIRS: string[] = [];
for (let i = 0; i < 256; i++) HEX_PAIRS.push(HEX_CHARS[i >> 4] + HEX_CHARS[i & 15]);

/** An empty byte array, shared to avoid allocating it again. */
export const EMPTY_BYTES = new Uint8Array(0);

/** Thrown for malformed hex; callers at the edges turn it into a one-line error. */
export class HexError extends Error {}

/** A hex string with its `0x` prefix, as evmkit prints bytes, hashes and quantities. */
export type Hex = `0x${string}`;

/** Returns '0x…' lower-case hex of the bytes. */
export function bytesToHex(bytes: Uint8Array): Hex {
  if (bytes.length > LARGE_HEX) return largeBytesToHex(bytes);
  let out = '0x';
  for (let i = 0; i < bytes.length; i++) out += HEX_PAIRS[bytes[i]];
  return out as Hex;
}

/** Above this many bytes, hex is spelled into a byte buffer and decoded once. */
const LARGE_HEX = 4096;
const HEX_CODES = new TextEncoder().encode(HEX_CHARS);
const asciiDecoder = new TextDecoder();

/**
 * Concatenating pairs builds a rope of one node per byte: 64 MB of return data took 18 s and 2.5 GB to print.
 * Writing the ASCII digits into a buffer and decoding it gives one flat string of exactly the hex.
 */
function largeBytesToHex(bytes: Uint8Array): Hex {
  const ascii = new Uint8Array(2 + 2 * bytes.length);
  ascii[0] = 48; // '0'
  ascii[1] = 120; // 'x'
  for (let i = 0, j = 2; i < bytes.length; i++, j += 2) {
    ascii[j] = HEX_CODES[bytes[i] >> 4];
    ascii[j + 1] = HEX_CODES[bytes[i] & 15];
  }
  return asciiDecoder.decode(ascii) as Hex;
}

function nibble(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * Parses hex with or without '0x'. Odd length is an error unless `allowOdd` (then a leading zero nibble is
 * assumed, as fixtures write some quantities that way).
 */
export function hexToBytes(hex: string, allowOdd = false): Uint8Array {
  const prefix = hex.startsWith('0x') || hex.startsWith('0X') ? 2 : 0;
  let s = hex.slice(prefix);
  if (s.length % 2 !== 0) {
    if (!allowOdd) throw new HexError(`odd-length hex string (${s.length} digits)`);
    s = '0' + s;
  }
  const out = new Uint8Array(s.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = nibble(s.charCodeAt(2 * i));
    const lo = nibble(s.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) {
      const bad = hi < 0 ? 2 * i : 2 * i + 1;
      // The position counts from the start of the text as given (an odd-length string gained a '0').
      const position = bad + prefix - (s.length === hex.length - prefix ? 0 : 1);
      throw new HexError(`invalid hex character '${s[bad]}' at position ${position}`);
    }
    out[i] = (hi << 4) | lo;
  }
  return out;
}

/** Big-endian unsigned integer of the bytes. */
export function bytesToBigInt(bytes: Uint8Array): bigint {
  if (bytes.length === 0) return 0n;
  let hex = '0x';
  for (let i = 0; i < bytes.length; i++) hex += HEX_PAIRS[bytes[i]];
  return BigInt(hex);
}

/** Big-endian bytes of `value`, left-padded to `length` bytes (value must fit). */
export function bigIntToBytes(value: bigint, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let v = value;
  for (let i = length - 1; i >= 0 && v > 0n; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** Minimal big-endian bytes of `value` (empty for zero), as RLP encodes integers. */
export function bigIntToMinimalBytes(value: bigint): Uint8Array {
  if (value === 0n) return EMPTY_BYTES;
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return hexToBytes(hex);
}

/** Concatenates byte arrays. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** True when both arrays hold the same bytes. */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies `data[offset, offset+length)` into a new array, zero-filling past the end of `data`. */
export function sliceZeroPadded(data: Uint8Array, offset: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  if (offset < data.length) out.set(data.subarray(offset, Math.min(data.length, offset + length)));
  return out;
}
