/**
 * The roots a header commits to besides the state: the transactions, receipts and withdrawals tries (keys
 * rlp(index)), the uncles hash, and the EIP-7685 requests hash.
 */
import { bigIntToMinimalBytes } from '../primitives/bytes.js';
import { keccak256, sha256 } from '../primitives/keccak.js';
import { rlpEncode } from '../primitives/rlp.js';
import { trieRoot } from '../state/mpt.js';
import { type BlockHeader, headerToRlp } from './header.js';
import { encodeReceipt, type Receipt } from './receipt.js';
import { type Withdrawal, withdrawalToRlp } from './withdrawal.js';

/** The root of a trie of items keyed by rlp(index), as blocks order transactions, receipts and withdrawals. */
export function orderedTrieRoot(values: readonly Uint8Array[]): Uint8Array {
  return trieRoot(values.map((v, i) => [rlpEncode(bigIntToMinimalBytes(BigInt(i))), v]));
}

/** The transactions root from the transactions' envelopes. */
export function transactionsRoot(raws: readonly Uint8Array[]): Uint8Array {
  return orderedTrieRoot(raws);
}

/** The receipts root. */
export function receiptsRoot(receipts: readonly Receipt[]): Uint8Array {
  return orderedTrieRoot(receipts.map(encodeReceipt));
}

/** The withdrawals root (EIP-4895). */
export function withdrawalsRoot(withdrawals: readonly Withdrawal[]): Uint8Array {
  return orderedTrieRoot(withdrawals.map((w) => rlpEncode(withdrawalToRlp(w))));
}

/** The uncles hash of a block without uncles: keccak256(rlp([])). */
export const EMPTY_OMMERS_HASH = keccak256(rlpEncode([]));

/** keccak256 of the RLP list of uncle headers. */
export function ommersHash(ommers: readonly BlockHeader[]): Uint8Array {
  return keccak256(rlpEncode(ommers.map(headerToRlp)));
}

/** EIP-7685: sha256 of the concatenated sha256 of each non-empty request (type byte and data). */
export function requestsHash(requests: readonly Uint8Array[]): Uint8Array {
  const hashes = requests.filter((r) => r.length > 1).map(sha256);
  const all = new Uint8Array(hashes.length * 32);
  hashes.forEach((h, i) => all.set(h, i * 32));
  return sha256(all);
}
