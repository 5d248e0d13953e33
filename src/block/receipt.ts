/**
 * Transaction receipts: status (from Byzantium, EIP-658) or the intermediate state root (before it),
 * cumulative gas, bloom and logs; typed transactions' receipts carry their type byte first (EIP-2718).
 */
import { addressToBytes } from '../primitives/address.js';
import { bigIntToBytes, bigIntToMinimalBytes } from '../primitives/bytes.js';
import { type RlpInput, rlpEncode } from '../primitives/rlp.js';
import type { Log, TxType } from '../transition/types.js';

/** The receipt of one transaction in a block. */
export interface Receipt {
  readonly type: TxType;
  /** EIP-658 (Byzantium on): whether the transaction succeeded. */
  readonly status?: boolean;
  /** Before Byzantium: the state root after the transaction. */
  readonly postState?: Uint8Array;
  /** Gas used by the block up to and including this transaction. */
  readonly cumulativeGasUsed: bigint;
  /** Gas this transaction used (not encoded; a convenience of the library). */
  readonly gasUsed: bigint;
  readonly logsBloom: Uint8Array;
  readonly logs: readonly Log[];
}

/** The RLP of one log: [address, [topics], data]. */
export function logToRlp(log: Log): RlpInput {
  return [addressToBytes(log.address), log.topics.map((t) => bigIntToBytes(t, 32)), log.data];
}

/** The receipt as it goes into the receipts trie: rlp([status | postState, cumulativeGas, bloom, logs]), typed ones after their type byte. */
export function encodeReceipt(r: Receipt): Uint8Array {
  const first = r.postState ?? (r.status === true ? Uint8Array.of(1) : new Uint8Array(0));
  const body = rlpEncode([first, bigIntToMinimalBytes(r.cumulativeGasUsed), r.logsBloom, r.logs.map(logToRlp)]);
  if (r.type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = r.type;
  out.set(body, 1);
  return out;
}
