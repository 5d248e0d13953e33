/**
 * Header validation against the parent, fork by fork; each rule names the fork or EIP that made it and, when
 * broken, the field with the value expected and the value found. Proof-of-work seals are not checked (the
 * official tests use `sealEngine: NoProof`); everything else in the header is.
 */
import { type BlobSchedule, GAS_PER_BLOB, maxBlobGasPerBlock } from '../forks/blob.js';
import { Fork } from '../forks/fork.js';
import { bytesEqual, bytesToHex } from '../primitives/bytes.js';
import { InvalidBlockError } from './errors.js';
import { DAO_EXTRA_DATA, DAO_EXTRA_DATA_RANGE } from './dao.js';
import { calculateDifficulty } from './difficulty.js';
import { ELASTICITY_MULTIPLIER, INITIAL_BASE_FEE, nextBaseFee, nextExcessBlobGas } from './fees.js';
import { type BlockHeader, OPTIONAL_HEADER_FIELDS } from './header.js';
import { EMPTY_OMMERS_HASH } from './roots.js';

/** Yellow Paper: the gas limit moves by less than 1/1024 of the parent's per block. */
const GAS_LIMIT_BOUND_DIVISOR = 1024n;
/** Yellow Paper: the least gas limit. */
export const MIN_GAS_LIMIT = 5000n;
/** geth's bound: a gas limit fits in a signed 64-bit integer. */
export const MAX_GAS_LIMIT = (1n << 63n) - 1n;
/** Yellow Paper: extra data holds at most 32 bytes. */
export const MAX_EXTRA_DATA = 32;

/** What a header is checked with: its parent and the rules of both. */
export interface HeaderCheck {
  readonly header: BlockHeader;
  readonly parent: BlockHeader;
  readonly fork: Fork;
  readonly parentFork: Fork;
  /** The block's blob schedule (Cancun on). */
  readonly blobSchedule?: BlobSchedule;
  /** The DAO fork block of the chain, if it has one. */
  readonly daoForkBlock?: bigint;
}

function fail(kind: string, field: string, expected: string, got: string): never {
  throw new InvalidBlockError(kind, `header.${field}: expected ${expected}, got ${got}`);
}

/** The fork that introduced each optional header field. */
const FIELD_FORKS: Record<(typeof OPTIONAL_HEADER_FIELDS)[number], Fork> = {
  baseFeePerGas: Fork.London, // EIP-1559
  withdrawalsRoot: Fork.Shanghai, // EIP-4895
  blobGasUsed: Fork.Cancun, // EIP-4844
  excessBlobGas: Fork.Cancun, // EIP-4844
  parentBeaconBlockRoot: Fork.Cancun, // EIP-4788
  requestsHash: Fork.Prague, // EIP-7685
};

/** The header has exactly the fields of its fork. */
export function checkHeaderFields(header: BlockHeader, fork: Fork): void {
  for (const name of OPTIONAL_HEADER_FIELDS) {
    const wanted = fork >= FIELD_FORKS[name];
    const present = header[name] !== undefined;
    if (wanted !== present) {
      throw new InvalidBlockError('INCORRECT_BLOCK_FORMAT', `header.${name}: ${present ? 'present before' : 'missing from'} ${Fork[FIELD_FORKS[name]]}`);
    }
  }
}

/** Checks a header against its parent; throws InvalidBlockError naming the first broken rule. */
export function validateHeader(c: HeaderCheck): void {
  const { header: h, parent: p, fork } = c;
  checkHeaderFields(h, fork);
  if (h.number !== p.number + 1n) fail('INVALID_BLOCK_NUMBER', 'number', `${p.number + 1n} (parent + 1)`, `${h.number}`);
  if (h.timestamp <= p.timestamp) fail('INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT', 'timestamp', `above the parent's ${p.timestamp}`, `${h.timestamp}`);
  if (h.extraData.length > MAX_EXTRA_DATA) fail('EXTRA_DATA_TOO_BIG', 'extraData', `at most ${MAX_EXTRA_DATA} bytes`, `${h.extraData.length}`);
  if (h.gasLimit > MAX_GAS_LIMIT) fail('GASLIMIT_TOO_BIG', 'gasLimit', `at most 2^63-1`, `${h.gasLimit}`);
  if (h.gasUsed > h.gasLimit) fail('GAS_USED_OVERFLOW', 'gasUsed', `at most the gas limit ${h.gasLimit}`, `${h.gasUsed}`);
  checkGasLimit(c);
  if (fork >= Fork.London) checkBaseFee(c);
  if (fork < Fork.Paris) checkProofOfWork(c);
  else checkProofOfStake(h);
  if (fork >= Fork.Cancun) checkBlobGas(c);
  checkDaoExtraData(c);
}

/** Yellow Paper: |limit − parent's| < parent's / 1024 and limit ≥ 5000; at London's first block the parent's counts double (EIP-1559). */
function checkGasLimit({ header: h, parent: p, fork, parentFork }: HeaderCheck): void {
  const parentLimit = fork >= Fork.London && parentFork < Fork.London ? p.gasLimit * ELASTICITY_MULTIPLIER : p.gasLimit;
  const bound = parentLimit / GAS_LIMIT_BOUND_DIVISOR;
  if (h.gasLimit >= parentLimit + bound || h.gasLimit <= parentLimit - bound || h.gasLimit < MIN_GAS_LIMIT) {
    fail('INVALID_GASLIMIT', 'gasLimit', `within ${parentLimit} ± ${bound} (exclusive) and at least ${MIN_GAS_LIMIT}`, `${h.gasLimit}`);
  }
}

/** EIP-1559: the base fee follows the parent's gas used; London's first block has INITIAL_BASE_FEE. */
function checkBaseFee({ header: h, parent: p, parentFork }: HeaderCheck): void {
  const expected = parentFork < Fork.London ? INITIAL_BASE_FEE : nextBaseFee(p.gasLimit, p.gasUsed, p.baseFeePerGas ?? 0n);
  if (h.baseFeePerGas !== expected) fail('INVALID_BASEFEE_PER_GAS', 'baseFeePerGas', `${expected}`, `${h.baseFeePerGas}`);
}

/** Before Paris: the difficulty follows the fork's formula and bomb (the seal itself is not checked). */
function checkProofOfWork({ header: h, parent: p, fork }: HeaderCheck): void {
  const expected = calculateDifficulty(fork, {
    number: h.number,
    timestamp: h.timestamp,
    parentTimestamp: p.timestamp,
    parentDifficulty: p.difficulty,
    parentHasUncles: !bytesEqual(p.ommersHash, EMPTY_OMMERS_HASH),
  });
  if (h.difficulty !== expected) fail('INVALID_DIFFICULTY', 'difficulty', `${expected}`, `${h.difficulty}`);
}

/** EIP-3675 (Paris): no difficulty, a zero nonce, no uncles. */
function checkProofOfStake(h: BlockHeader): void {
  if (h.difficulty !== 0n) fail('IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS', 'difficulty', '0 (EIP-3675)', `${h.difficulty}`);
  if (h.nonce.some((b) => b !== 0)) fail('IMPORT_IMPOSSIBLE_NONCE_OVER_PARIS', 'nonce', '0x0000000000000000 (EIP-3675)', bytesToHex(h.nonce));
  if (!bytesEqual(h.ommersHash, EMPTY_OMMERS_HASH)) fail('IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS', 'ommersHash', `${bytesToHex(EMPTY_OMMERS_HASH)} (no uncles, EIP-3675)`, bytesToHex(h.ommersHash));
}

/** EIP-4844: blob gas used in whole blobs within the block's maximum; the excess follows the parent (EIP-7918 from Osaka). */
function checkBlobGas({ header: h, parent: p, fork, blobSchedule }: HeaderCheck): void {
  const schedule = blobSchedule!;
  const used = h.blobGasUsed!;
  if (used % GAS_PER_BLOB !== 0n || used > maxBlobGasPerBlock(schedule)) {
    fail('INCORRECT_BLOB_GAS_USED', 'blobGasUsed', `a multiple of ${GAS_PER_BLOB} up to ${maxBlobGasPerBlock(schedule)}`, `${used}`);
  }
  const expected = nextExcessBlobGas(fork, p, schedule);
  if (h.excessBlobGas !== expected) fail('INCORRECT_EXCESS_BLOB_GAS', 'excessBlobGas', `${expected}`, `${h.excessBlobGas}`);
}

/** The DAO fork: its block and the nine after it carry "dao-hard-fork" as extra data. */
function checkDaoExtraData({ header: h, daoForkBlock }: HeaderCheck): void {
  if (daoForkBlock === undefined || h.number < daoForkBlock || h.number >= daoForkBlock + DAO_EXTRA_DATA_RANGE) return;
  if (!bytesEqual(h.extraData, DAO_EXTRA_DATA)) fail('EXTRA_DATA_INVALID_DAO', 'extraData', `${bytesToHex(DAO_EXTRA_DATA)} ("dao-hard-fork")`, bytesToHex(h.extraData));
}
