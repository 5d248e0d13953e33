/**
 * Applying one block to the state of its parent: validate the header and uncles, run the body through a
 * BlockBuilder, and compare every field the header commits to. A block that breaks any rule is rolled back
 * to a savepoint taken before it, so the state is exactly as it was.
 */
import { Fork, forkName } from '../forks/fork.js';
import { type BlockRules, type ChainConfig, rulesAt } from '../forks/network.js';
import { bytesEqual, bytesToBigInt, bytesToHex, hexToBytes } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import type { BlockEnv } from '../transition/types.js';
import { type Block, encodeBlock } from './block.js';
import { BlockBuilder, type BlockOutput, type BuilderOptions } from './builder.js';
import { InvalidBlockError } from './errors.js';
import type { BlockHeader } from './header.js';
import { type Ancestor, validateOmmers } from './ommers.js';
import { validateHeader } from './validate.js';

/** EIP-7934 (Osaka): the largest block RLP, 10 MiB less a 2 MiB margin for the consensus layer's envelope. */
export const MAX_RLP_BLOCK_SIZE = 10_485_760 - 2_097_152;

/** A block of the chain, as a child's validation needs it. */
export interface ChainBlock extends Ancestor {
  readonly totalDifficulty: bigint;
  readonly rules: BlockRules;
}

/** What a block needs of the chain it extends: its parent, older ancestors (for uncles) and BLOCKHASH. */
export interface ParentChain {
  /** The parent, then its ancestors, nearest first (seven generations suffice). */
  readonly ancestors: readonly ChainBlock[];
  /** BLOCKHASH: the hash of an ancestor by number (the interpreter asks only for the 256 before the block). */
  readonly blockHash: (number: bigint) => bigint;
}

/** A block that was applied: its rules and everything its execution produced. */
export interface AppliedBlock {
  readonly rules: BlockRules;
  readonly output: BlockOutput;
}

/** Reasons a transaction was rejected, mapped onto the fixtures' names where the transaction layer's wording differs. */
function transactionKind(reason: string): string {
  const m = /^([A-Za-z0-9_]+):/.exec(reason);
  return m === null ? 'INVALID_TRANSACTION' : m[1];
}

/**
 * Applies `block` to `state`, the state of the parent (`parent.ancestors[0]`), under `config`. Throws
 * InvalidBlockError (kind and field named) and leaves the state unchanged when the block is invalid.
 */
export function applyBlock(state: WorldState, config: ChainConfig, parent: ParentChain, block: Block, options: BuilderOptions & { readonly size?: number } = {}): AppliedBlock {
  const p = parent.ancestors[0];
  const h = block.header;
  const rules = rulesAt(config, { number: h.number, timestamp: h.timestamp, parentTotalDifficulty: p.totalDifficulty });
  checkBlock(config, parent, block, rules, options.size);
  const savepoint = state.savepoint();
  try {
    const builder = new BlockBuilder(state, blockContext(config, parent, h, rules), options);
    block.transactions.forEach((signed, i) => {
      const outcome = builder.addTransaction(signed);
      if (!outcome.included) throw new InvalidBlockError(transactionKind(outcome.reason), `transactions[${i}]: ${outcome.reason}`);
    });
    const output = builder.finish({ withdrawals: block.withdrawals, ommers: block.ommers });
    compareOutput(h, output, rules.fork);
    state.release(savepoint);
    return { rules, output };
  } catch (e) {
    state.rollback(savepoint);
    throw e;
  }
}

/** The rules that need no execution: the header against the parent, the block's size, withdrawals and uncles. */
function checkBlock(config: ChainConfig, parent: ParentChain, block: Block, rules: BlockRules, size: number | undefined): void {
  const p = parent.ancestors[0];
  const h = block.header;
  if (!bytesEqual(h.parentHash, hexToBytes(p.hash))) throw new InvalidBlockError('UNKNOWN_PARENT', `header.parentHash: ${bytesToHex(h.parentHash)} is not the parent's hash ${p.hash}`);
  validateHeader({ header: h, parent: p.header, fork: rules.fork, parentFork: p.rules.fork, blobSchedule: rules.blobSchedule, daoForkBlock: config.daoForkBlock });
  if (rules.fork >= Fork.Osaka) {
    const bytes = size ?? encodeBlock(block).length;
    if (bytes > MAX_RLP_BLOCK_SIZE) throw new InvalidBlockError('RLP_BLOCK_LIMIT_EXCEEDED', `block: ${bytes} bytes of RLP, at most ${MAX_RLP_BLOCK_SIZE} (EIP-7934)`);
  }
  // EIP-4895: the withdrawals list is part of the body from Shanghai, and only from Shanghai.
  if ((block.withdrawals !== undefined) !== rules.fork >= Fork.Shanghai) {
    throw new InvalidBlockError('INCORRECT_BLOCK_FORMAT', `block: withdrawals ${block.withdrawals === undefined ? 'missing in' : 'present before'} ${rules.fork >= Fork.Shanghai ? forkName(rules.fork) : 'Shanghai'}`);
  }
  if (rules.fork >= Fork.Paris && block.ommers.length > 0) throw new InvalidBlockError('IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS', `uncles: ${block.ommers.length} after Paris (EIP-3675)`);
  validateOmmers(block, parent.ancestors, (ommer, op) => {
    const o = op as ChainBlock;
    const ommerRules = rulesAt(config, { number: ommer.number, timestamp: ommer.timestamp, parentTotalDifficulty: o.totalDifficulty });
    validateHeader({ header: ommer, parent: o.header, fork: ommerRules.fork, parentFork: o.rules.fork, blobSchedule: ommerRules.blobSchedule, daoForkBlock: config.daoForkBlock });
  });
}

/** The environment the block's transactions see. */
function blockContext(config: ChainConfig, parent: ParentChain, h: BlockHeader, rules: BlockRules) {
  const env: BlockEnv = {
    coinbase: h.coinbase,
    number: h.number,
    timestamp: h.timestamp,
    gasLimit: h.gasLimit,
    baseFee: h.baseFeePerGas ?? 0n,
    prevRandao: bytesToBigInt(h.mixHash), // EIP-4399
    difficulty: h.difficulty,
    excessBlobGas: h.excessBlobGas ?? 0n,
    ...(rules.blobSchedule === undefined ? {} : { blobSchedule: rules.blobSchedule }),
    chainId: config.chainId,
    blockHash: parent.blockHash,
  };
  return { fork: rules.fork, env, parentHash: h.parentHash, parentBeaconBlockRoot: h.parentBeaconBlockRoot, daoFork: config.daoForkBlock === h.number };
}

/** Every field the header commits to, against what execution gave, in the specification's order. */
function compareOutput(h: BlockHeader, out: BlockOutput, fork: Fork): void {
  const mismatch = (kind: string, field: string, header: string, computed: string) => {
    throw new InvalidBlockError(kind, `header.${field}: ${header} in the header, ${computed} computed`);
  };
  const hex = bytesToHex;
  if (h.gasUsed !== out.gasUsed) mismatch('INVALID_GAS_USED', 'gasUsed', `${h.gasUsed}`, `${out.gasUsed}`);
  if (!bytesEqual(h.transactionsRoot, out.transactionsRoot)) mismatch('INVALID_TRANSACTIONS_ROOT', 'transactionsRoot', hex(h.transactionsRoot), hex(out.transactionsRoot));
  if (!bytesEqual(h.stateRoot, out.stateRoot)) mismatch('INVALID_STATE_ROOT', 'stateRoot', hex(h.stateRoot), hex(out.stateRoot));
  if (!bytesEqual(h.receiptsRoot, out.receiptsRoot)) mismatch('INVALID_RECEIPTS_ROOT', 'receiptsRoot', hex(h.receiptsRoot), hex(out.receiptsRoot));
  if (!bytesEqual(h.logsBloom, out.logsBloom)) mismatch('INVALID_LOG_BLOOM', 'logsBloom', hex(h.logsBloom), hex(out.logsBloom));
  if (fork >= Fork.Shanghai && !bytesEqual(h.withdrawalsRoot!, out.withdrawalsRoot!)) mismatch('INVALID_WITHDRAWALS_ROOT', 'withdrawalsRoot', hex(h.withdrawalsRoot!), hex(out.withdrawalsRoot!));
  if (fork >= Fork.Cancun && h.blobGasUsed !== out.blobGasUsed) mismatch('INCORRECT_BLOB_GAS_USED', 'blobGasUsed', `${h.blobGasUsed}`, `${out.blobGasUsed}`);
  if (fork >= Fork.Prague && !bytesEqual(h.requestsHash!, out.requestsHash!)) mismatch('INVALID_REQUESTS', 'requestsHash', hex(h.requestsHash!), hex(out.requestsHash!));
}
