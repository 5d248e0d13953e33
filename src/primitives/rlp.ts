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

/** Decodes RLP; throws on malformed input (callers at the edge report it). */
export function rlpDecode(data: Uint8Array): RlpItem {
  return RLP.decode(data) as RlpItem;
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
