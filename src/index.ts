/**
 * evmkit's public library API. The CLI uses nothing beyond what is exported here.
 *
 * ```ts
 * import { WorldState, parseAlloc, blockEnv, executeTransaction, stateRoot, Fork } from 'evmkit';
 * ```
 */

// The everyday API (createEvm, tracers, revert decoding): src/api/.
export * from './api/index.js';
export { Fork, LATEST_FORK, parseFork, forkName, knownForkNames } from './forks/fork.js';
export { ready } from './primitives/keccak.js';
export { KzgSetupError } from './precompiles/kzg.js';
export { WorldState, type Savepoint, type Speculation } from './state/world.js';
export {
  parseAlloc,
  allocToJson,
  type AccountInit,
  type AccountJson,
  type Alloc,
  type AllocJson,
  type ParseAllocOptions,
} from './state/alloc.js';
export { blockEnv, type BlockEnvInit } from './transition/env.js';
export { Account } from './state/account.js';
export { stateRoot, EMPTY_TRIE_ROOT } from './state/root.js';
export { MissingStateError, type MissingState, type SourceAccount, type StateSource } from './state/source.js';
export { LazySource, MemorySource } from './state/sources.js';
export { withStateFetch, type StateFetch, type StateFetchOptions } from './state/fetch.js';
export { executeWithFetch } from './transition/fetch.js';
export { getProof, proofError, verifyProof, type AccountProof, type StorageProof } from './state/proof.js';
export type { AccountChange, AccountValues, SlotChange, StateDiff } from './state/diff.js';
export {
  decodeSnapshot,
  encodeSnapshot,
  isSnapshot,
  SnapshotError,
  stateFromSnapshot,
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
export { Status, statusName, isSuccess, isExceptional, statusMessage, statusText, haltMessage } from './evm/status.js';
export { CallKind, callKindName, type Host, type Message, type CallResult, type FrameInput, type ExecutionContext } from './evm/host.js';
export type { Tracer } from './evm/tracer.js';
export { Eip3155Tracer, type Eip3155Options } from './trace/eip3155.js';
export { MarkdownTracer } from './trace/markdown.js';
export { StepTracer, type StepTracerOptions, type TraceContent, type TraceSummary } from './trace/steps.js';
export { createTracer, knownFormat, type TraceFormat } from './trace/format.js';
export type { Frame } from './evm/frame.js';
export { precompilesFor } from './precompiles/index.js';
export { bytesToHex, hexToBytes, HexError, type Hex } from './primitives/bytes.js';
export { FieldError } from './primitives/fields.js';
export { keccak256 } from './primitives/keccak.js';
export {
  AddressError,
  createAddress,
  create2Address,
  isAddress,
  parseAddress,
  toChecksumAddress,
  type Address,
  type ParseAddressOptions,
} from './primitives/address.js';
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
