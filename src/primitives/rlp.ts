/** RLP, the only door to @ethereumjs/rlp. */
import { RLP } from '@ethereumjs/rlp';

/** A decoded RLP item: bytes or a nested list. */
export type RlpItem = Uint8Array | RlpItem[];
/** What rlpEncode accepts. */
export type RlpInput = Uint8Array | RlpInput[];

/** RLP-encodes bytes or nested lists of bytes. */
export function rlpEncode(item: RlpInput): Uint8Array {
  return RLP.encode(item);
}

/** Bytes that are not RLP; the message says what is wrong in evmkit's words (callers add where). */
export class RlpError extends Error {}

/** The library's complaints, by a phrase of its message, as evmkit reports them. */
const REASONS: readonly (readonly [phrase: string, reason: string])[] = [
  ['safeSlice', 'an item runs past the end of the data'],
  ['total length is larger than the data', 'a list runs past the end of the data'],
  ['not enough bytes for string length', 'the data ends inside a length'],
  ['extra zeros', 'a length with leading zero bytes'],
  ['expected string length to be greater than 55', 'a string shorter than 56 bytes with a long-form length'],
  ['encoded list too short', 'a list shorter than 56 bytes with a long-form length'],
  ['single byte < 0x80 are not prefixed', 'a single byte below 0x80 with a string prefix'],
  ['remainder must be zero', 'bytes left over after the item'],
];

/** What a decoding failure of the library means; an unknown one keeps its text without the library's prefix. */
function reasonOf(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  for (const [phrase, reason] of REASONS) if (message.includes(phrase)) return reason;
  return message.replace(/^invalid RLP[^:]*:\s*/i, '');
}

/** Decodes RLP; throws RlpError on malformed input (callers at the edge name the place). */
export function rlpDecode(data: Uint8Array): RlpItem {
  try {
    return RLP.decode(data) as RlpItem;
  } catch (e) {
    throw new RlpError(reasonOf(e));
  }
}

/**
 * How deeply the lists of `data` nest, read from the prefixes alone in one pass (strings are skipped by their
 * length), stopping once `limit` is passed. The library's decoder takes quadratic time on hostile nesting
 * (100,000 levels ran past two minutes), so untrusted input is measured first. Malformed lengths end the scan:
 * the decoder reports them.
 */
export function rlpNestingDepth(data: Uint8Array, limit: number): number {
  const ends: number[] = [];
  let deepest = 0;
  let at = 0;
  while (at < data.length) {
    while (ends.length > 0 && at >= ends[ends.length - 1]) ends.pop();
    const b = data[at];
    let header = 1;
    let length = 0;
    if (b < 0x80) length = 0;
    else if (b <= 0xb7) length = b - 0x80;
    else if (b <= 0xbf || b >= 0xf8) {
      const size = (b <= 0xbf ? b - 0xb7 : b - 0xf7);
      header += size;
      for (let i = 1; i <= size; i++) length = length * 256 + (data[at + i] ?? 0);
    } else length = b - 0xc0;
    if (b >= 0xc0) {
      ends.push(at + header + length);
      if (ends.length > deepest) deepest = ends.length;
      if (deepest > limit) return deepest;
      at += header; // into the list
    } else {
      at += header + length;
    }
    if (!Number.isSafeInteger(at)) break;
  }
  return deepest;
}
