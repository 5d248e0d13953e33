// Header rules, each on both sides of the fork that introduced it.
import { describe, expect, it } from 'vitest';
import { InvalidBlockError } from '../../src/block/errors.js';
import { calculateDifficulty } from '../../src/block/difficulty.js';
import { DAO_EXTRA_DATA } from '../../src/block/dao.js';
import { INITIAL_BASE_FEE, nextBaseFee, nextExcessBlobGas } from '../../src/block/fees.js';
import type { BlockHeader } from '../../src/block/header.js';
import { EMPTY_OMMERS_HASH } from '../../src/block/roots.js';
import { validateHeader } from '../../src/block/validate.js';
import { GAS_PER_BLOB, blobSchedule } from '../../src/forks/blob.js';
import { Fork } from '../../src/forks/fork.js';

const ZERO32 = new Uint8Array(32);

/** A header with the fields of `fork`. */
function headerOf(fork: Fork, fields: Partial<BlockHeader> = {}): BlockHeader {
  return {
    parentHash: ZERO32, ommersHash: EMPTY_OMMERS_HASH, coinbase: '0x0000000000000000000000000000000000000000',
    stateRoot: ZERO32, transactionsRoot: ZERO32, receiptsRoot: ZERO32, logsBloom: new Uint8Array(256),
    difficulty: fork < Fork.Paris ? 131_072n * 4n : 0n, number: 1000n, gasLimit: 10_000_000n, gasUsed: 5_000_000n, timestamp: 10_000n,
    extraData: new Uint8Array(0), mixHash: ZERO32, nonce: new Uint8Array(8),
    ...(fork >= Fork.London ? { baseFeePerGas: 1000n } : {}),
    ...(fork >= Fork.Shanghai ? { withdrawalsRoot: ZERO32 } : {}),
    ...(fork >= Fork.Cancun ? { blobGasUsed: 0n, excessBlobGas: 0n, parentBeaconBlockRoot: ZERO32 } : {}),
    ...(fork >= Fork.Prague ? { requestsHash: ZERO32 } : {}),
    ...fields,
  };
}

/** A valid child of `parent` under `fork`, with `fields` changed. */
function childOf(parent: BlockHeader, fork: Fork, parentFork: Fork, fields: Partial<BlockHeader> = {}): BlockHeader {
  const timestamp = parent.timestamp + 12n;
  const base = headerOf(fork, { number: parent.number + 1n, timestamp, gasLimit: parent.gasLimit });
  const derived: Partial<BlockHeader> = {};
  if (fork < Fork.Paris) {
    const hasUncles = parent.ommersHash !== EMPTY_OMMERS_HASH;
    derived.difficulty = calculateDifficulty(fork, { number: base.number, timestamp, parentTimestamp: parent.timestamp, parentDifficulty: parent.difficulty, parentHasUncles: hasUncles });
  }
  if (fork >= Fork.London) derived.baseFeePerGas = parentFork < Fork.London ? INITIAL_BASE_FEE : nextBaseFee(parent.gasLimit, parent.gasUsed, parent.baseFeePerGas!);
  if (fork >= Fork.Cancun) derived.excessBlobGas = nextExcessBlobGas(fork, parent, blobSchedule(fork)!);
  return { ...base, ...derived, ...fields };
}

/** The kind of the InvalidBlockError, or 'valid'. */
function verdict(header: BlockHeader, parent: BlockHeader, fork: Fork, parentFork = fork, daoForkBlock?: bigint): string {
  try {
    validateHeader({ header, parent, fork, parentFork, blobSchedule: blobSchedule(fork), daoForkBlock });
    return 'valid';
  } catch (e) {
    if (e instanceof InvalidBlockError) return e.kind;
    throw e;
  }
}

/** Validates a child of a fresh parent of `parentFork` under `fork`, with `fields` changed. */
function check(fork: Fork, fields: Partial<BlockHeader> = {}, parentFork = fork, parentFields: Partial<BlockHeader> = {}, dao?: bigint): string {
  const parent = headerOf(parentFork, parentFields);
  return verdict(childOf(parent, fork, parentFork, fields), parent, fork, parentFork, dao);
}

describe('header rules of every fork (Frontier)', () => {
  it('number is the parent\'s + 1, timestamp above the parent\'s', () => {
    expect(check(Fork.Frontier)).toBe('valid');
    expect(check(Fork.Frontier, { number: 1002n })).toBe('INVALID_BLOCK_NUMBER');
    expect(check(Fork.Frontier, { timestamp: 10_000n })).toBe('INVALID_BLOCK_TIMESTAMP_OLDER_THAN_PARENT');
  });

  it('extra data of at most 32 bytes', () => {
    expect(check(Fork.Frontier, { extraData: new Uint8Array(32) })).toBe('valid');
    expect(check(Fork.Frontier, { extraData: new Uint8Array(33) })).toBe('EXTRA_DATA_TOO_BIG');
  });

  it('gas limit within ±1/1024 of the parent\'s and at least 5000; gas used within it', () => {
    const bound = 10_000_000n / 1024n;
    expect(check(Fork.Frontier, { gasLimit: 10_000_000n + bound - 1n })).toBe('valid');
    expect(check(Fork.Frontier, { gasLimit: 10_000_000n + bound })).toBe('INVALID_GASLIMIT');
    expect(check(Fork.Frontier, { gasLimit: 10_000_000n - bound + 1n })).toBe('valid');
    expect(check(Fork.Frontier, { gasLimit: 10_000_000n - bound })).toBe('INVALID_GASLIMIT');
    expect(check(Fork.Frontier, { gasLimit: 4999n, gasUsed: 0n }, Fork.Frontier, { gasLimit: 5000n })).toBe('INVALID_GASLIMIT');
    expect(check(Fork.Frontier, { gasLimit: 5000n, gasUsed: 0n }, Fork.Frontier, { gasLimit: 5000n })).toBe('valid');
    expect(check(Fork.Frontier, { gasUsed: 10_000_001n })).toBe('GAS_USED_OVERFLOW');
    expect(check(Fork.Frontier, { gasLimit: 1n << 63n, gasUsed: 0n }, Fork.Frontier, { gasLimit: 1n << 63n })).toBe('GASLIMIT_TOO_BIG');
  });
});

describe('proof-of-work difficulty', () => {
  const at = (fork: Fork, elapsed: bigint, parentHasUncles = false, number = 1000n) =>
    calculateDifficulty(fork, { number, timestamp: 1000n + elapsed, parentTimestamp: 1000n, parentDifficulty: 2048n * 1000n, parentHasUncles });

  it('Frontier raises below 13 s; Homestead (EIP-2) steps by 10 s', () => {
    expect(at(Fork.Frontier, 12n)).toBe(2048n * 1000n + 1000n);
    expect(at(Fork.Homestead, 12n)).toBe(2048n * 1000n);
    expect(at(Fork.Homestead, 25n)).toBe(2048n * 1000n - 1000n);
    expect(check(Fork.Frontier, { difficulty: at(Fork.Homestead, 12n) })).toBe('INVALID_DIFFICULTY');
  });

  it('Byzantium (EIP-100) counts the parent\'s uncles; Spurious Dragon does not', () => {
    expect(at(Fork.Byzantium, 5n, true)).toBe(2048n * 1000n + 2n * 1000n);
    expect(at(Fork.SpuriousDragon, 5n, true)).toBe(2048n * 1000n + 1000n);
  });

  it('the bomb and its delays: Byzantium 3M (EIP-649), Constantinople 5M (EIP-1234), then 9M, 9.7M, 10.7M, 11.4M', () => {
    const n = 5_000_000n; // Byzantium: fake number 2M, 2^(20 - 2) added
    expect(at(Fork.SpuriousDragon, 9n, false, n) - at(Fork.SpuriousDragon, 9n, false, 1000n)).toBe(1n << 48n);
    expect(at(Fork.Byzantium, 9n, false, n) - at(Fork.Byzantium, 9n, false, 1000n)).toBe(1n << 18n);
    expect(at(Fork.Constantinople, 9n, false, n)).toBe(at(Fork.Constantinople, 9n, false, 1000n));
    for (const [fork, delay] of [[Fork.MuirGlacier, 9_000_000n], [Fork.London, 9_700_000n], [Fork.ArrowGlacier, 10_700_000n], [Fork.GrayGlacier, 11_400_000n]] as const) {
      expect(at(fork, 9n, false, delay + 200_000n) - at(fork, 9n, false, 1000n)).toBe(1n);
      expect(at(fork, 9n, false, delay + 199_999n)).toBe(at(fork, 9n, false, 1000n));
    }
  });
});

describe('the DAO fork: "dao-hard-fork" in the extra data of its block and the nine after', () => {
  it('is required only on a chain with the fork, only in those ten blocks', () => {
    expect(check(Fork.Homestead, {}, Fork.Homestead, {}, 1001n)).toBe('EXTRA_DATA_INVALID_DAO');
    expect(check(Fork.Homestead, { extraData: DAO_EXTRA_DATA }, Fork.Homestead, {}, 1001n)).toBe('valid');
    expect(check(Fork.Homestead, {}, Fork.Homestead, {}, 992n)).toBe('EXTRA_DATA_INVALID_DAO');
    expect(check(Fork.Homestead, {}, Fork.Homestead, {}, 991n)).toBe('valid');
    expect(check(Fork.Homestead)).toBe('valid');
  });
});

describe('London (EIP-1559)', () => {
  it('the base fee field exists from London', () => {
    expect(check(Fork.Berlin, { baseFeePerGas: 7n })).toBe('INCORRECT_BLOCK_FORMAT');
    expect(check(Fork.London, { baseFeePerGas: undefined })).toBe('INCORRECT_BLOCK_FORMAT');
  });

  it('the first London block has the initial base fee and twice the parent\'s gas limit as the bound\'s base', () => {
    expect(check(Fork.London, { gasLimit: 20_000_000n }, Fork.Berlin)).toBe('valid');
    expect(check(Fork.Berlin, { gasLimit: 20_000_000n }, Fork.Berlin)).toBe('INVALID_GASLIMIT');
    expect(check(Fork.London, { gasLimit: 20_000_000n, baseFeePerGas: 1000n }, Fork.Berlin)).toBe('INVALID_BASEFEE_PER_GAS');
  });

  it('then follows the parent\'s gas used', () => {
    expect(nextBaseFee(10_000_000n, 5_000_000n, 1000n)).toBe(1000n);
    expect(nextBaseFee(10_000_000n, 10_000_000n, 1000n)).toBe(1125n);
    expect(nextBaseFee(10_000_000n, 0n, 1000n)).toBe(875n);
    expect(nextBaseFee(10_000_000n, 5_000_001n, 1n)).toBe(2n); // rises by at least 1
    expect(check(Fork.London, { baseFeePerGas: 1001n })).toBe('INVALID_BASEFEE_PER_GAS');
  });
});

describe('Paris (EIP-3675)', () => {
  it('difficulty 0, nonce 0 and no uncles from Paris; proof-of-work difficulty before', () => {
    expect(check(Fork.Paris, {}, Fork.GrayGlacier)).toBe('valid');
    expect(check(Fork.Paris, { difficulty: 1n })).toBe('IMPORT_IMPOSSIBLE_DIFFICULTY_OVER_PARIS');
    expect(check(Fork.Paris, { nonce: new Uint8Array(8).fill(1) })).toBe('IMPORT_IMPOSSIBLE_NONCE_OVER_PARIS');
    expect(check(Fork.Paris, { ommersHash: ZERO32 })).toBe('IMPORT_IMPOSSIBLE_UNCLES_OVER_PARIS');
    expect(check(Fork.GrayGlacier, { difficulty: 0n })).toBe('INVALID_DIFFICULTY');
    expect(check(Fork.GrayGlacier, { nonce: new Uint8Array(8).fill(1) })).toBe('valid');
  });
});

describe('Shanghai, Cancun, Prague: the fields they add', () => {
  it('withdrawalsRoot from Shanghai (EIP-4895)', () => {
    expect(check(Fork.Paris, { withdrawalsRoot: ZERO32 })).toBe('INCORRECT_BLOCK_FORMAT');
    expect(check(Fork.Shanghai, { withdrawalsRoot: undefined })).toBe('INCORRECT_BLOCK_FORMAT');
  });

  it('blob gas fields and the parent beacon root from Cancun (EIP-4844, EIP-4788)', () => {
    expect(check(Fork.Shanghai, { blobGasUsed: 0n, excessBlobGas: 0n, parentBeaconBlockRoot: ZERO32 })).toBe('INCORRECT_BLOCK_FORMAT');
    expect(check(Fork.Cancun, { parentBeaconBlockRoot: undefined, excessBlobGas: undefined, blobGasUsed: undefined })).toBe('INCORRECT_BLOCK_FORMAT');
    expect(check(Fork.Cancun, {}, Fork.Shanghai)).toBe('valid'); // the fork block: the parent's blob gas counts as 0
  });

  it('Cancun: blob gas used in whole blobs up to the maximum; the excess follows the parent', () => {
    const parent = { excessBlobGas: 4n * GAS_PER_BLOB, blobGasUsed: 2n * GAS_PER_BLOB };
    expect(check(Fork.Cancun, {}, Fork.Cancun, parent)).toBe('valid');
    expect(check(Fork.Cancun, { excessBlobGas: 4n * GAS_PER_BLOB }, Fork.Cancun, parent)).toBe('INCORRECT_EXCESS_BLOB_GAS');
    expect(nextExcessBlobGas(Fork.Cancun, headerOf(Fork.Cancun, parent), blobSchedule(Fork.Cancun)!)).toBe(3n * GAS_PER_BLOB);
    expect(check(Fork.Cancun, { blobGasUsed: GAS_PER_BLOB + 1n })).toBe('INCORRECT_BLOB_GAS_USED');
    expect(check(Fork.Cancun, { blobGasUsed: 7n * GAS_PER_BLOB })).toBe('INCORRECT_BLOB_GAS_USED');
    expect(check(Fork.Cancun, { blobGasUsed: 6n * GAS_PER_BLOB })).toBe('valid');
  });

  it('requestsHash from Prague (EIP-7685)', () => {
    expect(check(Fork.Cancun, { requestsHash: ZERO32 })).toBe('INCORRECT_BLOCK_FORMAT');
    expect(check(Fork.Prague, { requestsHash: undefined })).toBe('INCORRECT_BLOCK_FORMAT');
  });
});

describe('Osaka (EIP-7918): the excess blob gas under the reserve price', () => {
  // The parent's blob base fee (1 wei) is far below BLOB_BASE_COST × base fee / GAS_PER_BLOB.
  const parent = headerOf(Fork.Prague, { excessBlobGas: 10n * GAS_PER_BLOB, blobGasUsed: 6n * GAS_PER_BLOB, baseFeePerGas: 1_000_000_000n });

  it('grows by the used share above the target from Osaka; Prague subtracts the target', () => {
    const schedule = blobSchedule(Fork.Osaka)!; // target 6, max 9
    expect(nextExcessBlobGas(Fork.Prague, parent, schedule)).toBe(10n * GAS_PER_BLOB);
    expect(nextExcessBlobGas(Fork.Osaka, parent, schedule)).toBe(10n * GAS_PER_BLOB + (6n * GAS_PER_BLOB * 3n) / 9n);
    expect(verdict(childOf(parent, Fork.Osaka, Fork.Prague), parent, Fork.Osaka, Fork.Prague)).toBe('valid');
    expect(verdict(childOf(parent, Fork.Osaka, Fork.Prague, { excessBlobGas: 10n * GAS_PER_BLOB }), parent, Fork.Osaka, Fork.Prague)).toBe('INCORRECT_EXCESS_BLOB_GAS');
  });

  it('follows EIP-4844 when the blob base fee is above the reserve price', () => {
    const cheap = { ...parent, baseFeePerGas: 0n };
    expect(nextExcessBlobGas(Fork.Osaka, cheap, blobSchedule(Fork.Osaka)!)).toBe(10n * GAS_PER_BLOB);
  });
});
