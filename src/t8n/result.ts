/**
 * The `result` of a transition as geth's t8n writes it (its `ExecutionResult`, receipts and logs in the
 * JSON of geth's `types.Receipt` and `types.Log`), from the block the builder finished.
 */
import type { BlockOutput } from '../block/builder.js';
import type { Receipt } from '../block/receipt.js';
import type { SignedTransaction } from '../block/transaction.js';
import type { Fork } from '../forks/fork.js';
import { createAddress } from '../primitives/address.js';
import { bytesToHex } from '../primitives/bytes.js';
import { logsHash } from '../state/logs.js';
import { blobGasUsed, blockBlobBaseFee } from '../transition/gas.js';
import type { BlockEnv, Log } from '../transition/types.js';
import { quantityHex, word } from './alloc.js';

/** A transaction the tool could not include: its position in the input and why. */
export interface Rejected {
  readonly index: number;
  readonly error: string;
}

/** An included transaction with its receipt. */
export interface Included {
  readonly signed: SignedTransaction;
  readonly receipt: Receipt;
}

/** What the result reports beside the block's output. */
export interface ResultEnv {
  readonly fork: Fork;
  readonly env: BlockEnv;
  readonly baseFee?: bigint;
  readonly difficulty?: bigint;
  readonly excessBlobGas?: bigint;
}

/** The block hash geth's t8n puts in receipts and logs (the block is not sealed, so it has none). */
const T8N_BLOCK_HASH = '0x1337' + '0'.repeat(60);
const ZERO_ADDRESS = '0x' + '0'.repeat(40);

/** geth's ExecutionResult, field for field in its order. */
export function resultJson(block: BlockOutput, included: readonly Included[], rejected: readonly Rejected[], r: ResultEnv): Record<string, unknown> {
  const logs = included.flatMap((t) => t.receipt.logs);
  const blobGas = included.reduce((n, t) => n + blobGasUsed(t.signed.tx), 0n);
  let logIndex = 0;
  const receipts = included.map((t, i) => {
    const json = receiptJson(t, i, r, logIndex);
    logIndex += t.receipt.logs.length;
    return json;
  });
  return {
    stateRoot: bytesToHex(block.stateRoot),
    txRoot: bytesToHex(block.transactionsRoot),
    receiptsRoot: bytesToHex(block.receiptsRoot),
    logsHash: bytesToHex(logsHash(logs)),
    logsBloom: bytesToHex(block.logsBloom),
    receipts,
    ...(rejected.length > 0 ? { rejected } : {}),
    currentDifficulty: r.difficulty === undefined ? null : quantityHex(r.difficulty),
    gasUsed: quantityHex(block.gasUsed),
    ...(r.baseFee === undefined ? {} : { currentBaseFee: quantityHex(r.baseFee) }),
    ...(block.withdrawalsRoot === undefined ? {} : { withdrawalsRoot: bytesToHex(block.withdrawalsRoot) }),
    ...(r.excessBlobGas === undefined ? {} : { currentExcessBlobGas: quantityHex(r.excessBlobGas), blobGasUsed: quantityHex(blobGas) }),
    ...(block.requestsHash === undefined ? {} : { requestsHash: bytesToHex(block.requestsHash) }),
    requests: block.requests === undefined ? null : block.requests.map(bytesToHex),
  };
}

/** One receipt as geth's `types.Receipt` marshals it. */
function receiptJson(t: Included, index: number, r: ResultEnv, firstLogIndex: number): Record<string, unknown> {
  const { tx, hash } = t.signed;
  const receipt = t.receipt;
  const txHash = bytesToHex(hash);
  return {
    ...(tx.type === 0 ? {} : { type: quantityHex(BigInt(tx.type)) }),
    root: receipt.postState === undefined ? '0x' : bytesToHex(receipt.postState),
    status: receipt.status === false ? '0x0' : '0x1',
    cumulativeGasUsed: quantityHex(receipt.cumulativeGasUsed),
    logsBloom: bytesToHex(receipt.logsBloom),
    logs: receipt.logs.map((log, i) => logJson(log, txHash, index, firstLogIndex + i, r.env.number)),
    transactionHash: txHash,
    // geth names the address a creation would use, whether or not it succeeded.
    contractAddress: tx.to === null ? createAddress(tx.sender, tx.nonce) : ZERO_ADDRESS,
    gasUsed: quantityHex(receipt.gasUsed),
    effectiveGasPrice: null,
    ...(tx.type === 3
      ? { blobGasUsed: quantityHex(blobGasUsed(tx)), blobGasPrice: quantityHex(blockBlobBaseFee(r.env, r.fork)) }
      : {}),
    blockHash: T8N_BLOCK_HASH,
    blockNumber: quantityHex(r.env.number),
    transactionIndex: quantityHex(BigInt(index)),
  };
}

function logJson(log: Log, txHash: string, txIndex: number, logIndex: number, number: bigint): Record<string, unknown> {
  return {
    address: log.address,
    topics: log.topics.map(word),
    data: bytesToHex(log.data),
    blockNumber: quantityHex(number),
    transactionHash: txHash,
    transactionIndex: quantityHex(BigInt(txIndex)),
    blockHash: T8N_BLOCK_HASH,
    logIndex: quantityHex(BigInt(logIndex)),
    removed: false,
  };
}
