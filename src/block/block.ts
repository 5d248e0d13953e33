/** A whole block: header, transactions, uncles and (from Shanghai) withdrawals, with its RLP codec. */
import { type RlpInput, rlpEncode } from '../primitives/rlp.js';
import { type BlockHeader, headerFromRlp, headerHash, headerToRlp } from './header.js';
import { DecodeError, decodeRlp, listOf } from './rlp-fields.js';
import { decodeBodyTransaction, type SignedTransaction } from './transaction.js';
import { type Withdrawal, withdrawalFromRlp, withdrawalToRlp } from './withdrawal.js';

/** A block. */
export interface Block {
  readonly header: BlockHeader;
  readonly transactions: readonly SignedTransaction[];
  /** Uncle headers (proof-of-work era; empty from Paris). */
  readonly ommers: readonly BlockHeader[];
  /** EIP-4895 withdrawals; undefined in blocks before Shanghai. */
  readonly withdrawals?: readonly Withdrawal[];
}

/** A block read from its RLP: the block, its hash and its encoded size (EIP-7934 limits it). */
export interface DecodedBlock {
  readonly block: Block;
  readonly hash: Uint8Array;
  readonly size: number;
}

/** The block as an RLP list. Typed transactions are byte strings in it, legacy ones lists (EIP-2718). */
export function blockToRlp(b: Block): RlpInput[] {
  const txs: RlpInput[] = b.transactions.map((t) => (t.tx.type === 0 ? decodeRlp(t.raw, 'transaction') : t.raw));
  const list: RlpInput[] = [headerToRlp(b.header), txs, b.ommers.map(headerToRlp)];
  if (b.withdrawals !== undefined) list.push(b.withdrawals.map(withdrawalToRlp));
  return list;
}

/** The RLP encoding of a block. */
export function encodeBlock(b: Block): Uint8Array {
  return rlpEncode(blockToRlp(b));
}

/**
 * Decodes a block: three items (header, transactions, uncles) or four (with withdrawals), every field
 * checked and every transaction's sender recovered. Throws DecodeError naming the field.
 */
export function decodeBlock(raw: Uint8Array): DecodedBlock {
  const items = listOf(decodeRlp(raw, 'block'), 'block');
  if (items.length !== 3 && items.length !== 4) throw new DecodeError('block', `expected 3 or 4 items (header, transactions, uncles[, withdrawals]), got ${items.length}`);
  const header = headerFromRlp(items[0], 'header');
  const transactions = listOf(items[1], 'transactions').map((t, i) => decodeBodyTransaction(t, `transactions[${i}]`));
  const ommers = listOf(items[2], 'uncles').map((u, i) => headerFromRlp(u, `uncles[${i}]`));
  const withdrawals = items.length === 4 ? listOf(items[3], 'withdrawals').map((w, i) => withdrawalFromRlp(w, `withdrawals[${i}]`)) : undefined;
  return { block: { header, transactions, ommers, withdrawals }, hash: headerHash(header), size: raw.length };
}
