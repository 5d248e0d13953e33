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
