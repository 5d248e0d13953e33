/**
 * evmkit's public library API. The CLI uses nothing beyond what is exported here.
 *
 * ```ts
 * import { WorldState, parseAlloc, blockEnv, executeTransaction, stateRoot, Fork } from 'evmkit';
 * ```
 */
import { parsePre } from './statetest/pre.js';
import { stateTestBlockHash } from './statetest/env.js';
import { parseAddress, type Address } from './primitives/address.js';
import type { Alloc, BlockEnv } from './transition/types.js';
import type { BlobSchedule } from './forks/blob.js';

export { Fork, LATEST_FORK, parseFork, forkName, knownForkNames } from './forks/fork.js';
export { WorldState, type Savepoint, type Speculation } from './state/world.js';
export { Account } from './state/account.js';
export { stateRoot, EMPTY_TRIE_ROOT } from './state/root.js';
export { MissingStateError, type MissingState, type SourceAccount, type StateSource } from './state/source.js';
export { LazySource, MemorySource } from './state/sources.js';
export { withStateFetch, type StateFetch, type StateFetchOptions } from './state/fetch.js';
export { executeWithFetch } from './transition/fetch.js';
export { getProof, proofError, verifyProof, type AccountProof, type StorageProof } from './state/proof.js';
export type { AccountChange, AccountValues, SlotChange, StateDiff } from './state/diff.js';
export { allocToJson, allocJson, type GenesisAccount } from './state/alloc-json.js';
export {
  decodeSnapshot,
  encodeSnapshot,
  isSnapshot,
  loadSnapshot,
  saveSnapshot,
  SnapshotError,
} from './state/snapshot.js';
export { Trie, verifyTrieProof, ProofError, type NodeResolver } from './state/trie.js';
export { logsHash } from './state/logs.js';
export { executeTransaction, type ExecuteOptions } from './transition/execute.js';
export { validateTransaction, TxRejection } from './transition/validate.js';
export { intrinsicGas, calldataFloorGas, effectiveGasPrice } from './transition/gas.js';
export { openHost, runFrame, startFrame, executionContext, type FrameStart } from './transition/start.js';
export { applyAuthorizations, recoverAuthority, signAuthorization } from './transition/authorization.js';
export { isDesignator, delegateOf, designatorFor } from './evm/delegation.js';
export { blobSchedule, blobBaseFee, type BlobSchedule } from './forks/blob.js';
export { StateHost } from './transition/host.js';
export { execute } from './evm/interpreter.js';
export { OPCODES, opcodeName, type OpcodeInfo } from './evm/opcodes.js';
export { Status, isSuccess, isExceptional, statusMessage, statusText, haltMessage } from './evm/status.js';
export { CallKind, type Host, type Message, type CallResult, type FrameInput, type ExecutionContext } from './evm/host.js';
export type { Tracer } from './evm/tracer.js';
export { Eip3155Tracer, type Eip3155Options } from './trace/eip3155.js';
export { MarkdownTracer } from './trace/markdown.js';
export { StepTracer, type StepTracerOptions, type TraceContent, type TraceSummary } from './trace/steps.js';
export { createTracer, knownFormat, type TraceFormat } from './trace/format.js';
export type { Frame } from './evm/frame.js';
export { precompilesFor } from './precompiles/index.js';
export { bytesToHex, hexToBytes, HexError } from './primitives/bytes.js';
export { keccak256 } from './primitives/keccak.js';
export { createAddress, create2Address, parseAddress, type Address } from './primitives/address.js';
// Blocks: codecs, receipts and roots, header rules, building and applying blocks, chains (src/block/).
export { type Block, type DecodedBlock, decodeBlock, encodeBlock } from './block/block.js';
export { type BlockHeader, encodeHeader, headerHash } from './block/header.js';
export {
  type SignedTransaction,
  type TxSignature,
  type UnsignedTransaction,
  decodeTransaction,
  encodeTransaction,
  signTransaction,
  signingHash,
} from './block/transaction.js';
export { type Receipt, encodeReceipt } from './block/receipt.js';
export { logsBloom } from './block/bloom.js';
export { EMPTY_OMMERS_HASH, ommersHash, receiptsRoot, requestsHash, transactionsRoot, withdrawalsRoot } from './block/roots.js';
export type { Withdrawal } from './block/withdrawal.js';
export {
  BlockBuilder,
  type BlockContext,
  type BlockEnd,
  type BlockOutput,
  type BuilderOptions,
  type TxOutcome,
} from './block/builder.js';
export { applyBlock, type AppliedBlock, type ChainBlock, type ParentChain, MAX_RLP_BLOCK_SIZE } from './block/apply.js';
export { Chain, GenesisError, type ImportOptions } from './block/chain.js';
export { validateHeader, type HeaderCheck } from './block/validate.js';
export { calculateDifficulty } from './block/difficulty.js';
export { powRules, type PowRules } from './forks/pow.js';
export { nextBaseFee, nextExcessBlobGas } from './block/fees.js';
export { SYSTEM_CONTRACTS, type SystemContract } from './block/system.js';
export { InvalidBlockError } from './block/errors.js';
export { DecodeError } from './block/rlp-fields.js';
export { parseNetwork, rulesAt, type BlockRules, type ChainConfig, type ScheduleStep } from './forks/network.js';
export type {
  AccessListEntry,
  AccessListTransaction,
  AccountInit,
  Alloc,
  Authorization,
  BlobTransaction,
  BlockEnv,
  DynamicFeeTransaction,
  LegacyTransaction,
  Log,
  SetCodeTransaction,
  Transaction,
  TxResult,
  TxStatus,
  TxType,
} from './transition/types.js';

/**
 * Parses a genesis-style allocation (address → {balance, nonce, code, storage}, hex strings) as found in
 * state tests and geth's `--prestate` files. Throws an Error naming the offending field.
 */
export function parseAlloc(json: unknown): Alloc {
  return parsePre(json);
}

/** Block fields for blockEnv(); each is optional. */
export interface BlockEnvInit {
  coinbase?: Address | string;
  number?: bigint;
  timestamp?: bigint;
  gasLimit?: bigint;
  baseFee?: bigint;
  prevRandao?: bigint;
  difficulty?: bigint;
  excessBlobGas?: bigint;
  /** The chain's blob schedule; absent: the fork's built-in one. */
  blobSchedule?: BlobSchedule;
  chainId?: bigint;
  blockHash?: (n: bigint) => bigint;
}

/**
 * A block environment with sensible defaults: block 1, timestamp 0, gas limit 30M, base fee 7 wei (the
 * EIP-1559 minimum), chain id 1, BLOCKHASH as state tests define it.
 */
export function blockEnv(init: BlockEnvInit = {}): BlockEnv {
  return {
    coinbase: parseAddress(init.coinbase ?? '0x0000000000000000000000000000000000000000'),
    number: init.number ?? 1n,
    timestamp: init.timestamp ?? 0n,
    gasLimit: init.gasLimit ?? 30_000_000n,
    baseFee: init.baseFee ?? 7n,
    prevRandao: init.prevRandao ?? 0n,
    difficulty: init.difficulty ?? 0n,
    excessBlobGas: init.excessBlobGas ?? 0n,
    chainId: init.chainId ?? 1n,
    blockHash: init.blockHash ?? stateTestBlockHash,
    ...(init.blobSchedule === undefined ? {} : { blobSchedule: init.blobSchedule }),
  };
}
