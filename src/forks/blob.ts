/**
 * Blob gas (EIP-4844) and the blob schedule per fork (EIP-7691 raised it in Prague; EIP-7840 names the
 * per-fork values `target`, `max` and `baseFeeUpdateFraction`). The schedule is data, fork by fork as
 * deltas, like evmone's `get_blob_schedule(rev)`; a chain configuration (a fixture's `config.blobSchedule`)
 * may replace it.
 */
import { perFork } from './deltas.js';
import { Fork } from './fork.js';

/** Blobs per block and the base-fee update fraction of one fork. */
export interface BlobSchedule {
  /** Blobs per block the base fee aims at. */
  readonly target: number;
  /** Blobs a block may hold at most. */
  readonly max: number;
  /** Denominator of the blob base fee's exponent. */
  readonly baseFeeUpdateFraction: bigint;
}

/** Blob gas of one blob. */
export const GAS_PER_BLOB = 131072n;
/** The smallest blob base fee, in wei. */
export const MIN_BLOB_BASE_FEE = 1n;
/** First byte of a KZG versioned hash. */
export const VERSIONED_HASH_VERSION_KZG = 0x01;

/** Forks that change the schedule; every later fork inherits the last entry. No blobs before Cancun. */
const SCHEDULES = perFork<{ readonly blobs?: BlobSchedule }>({}, {
  [Fork.Cancun]: { blobs: { target: 3, max: 6, baseFeeUpdateFraction: 3338477n } }, // EIP-4844
  [Fork.Prague]: { blobs: { target: 6, max: 9, baseFeeUpdateFraction: 5007716n } }, // EIP-7691
});

/**
 * Blob-parameter-only forks (EIP-7892): after Osaka, a network changes only its blob schedule, by timestamp,
 * with no other rule. BPO1 and BPO2 are mainnet's; BPO3 and BPO4 exist on test networks and in the
 * execution-spec-tests transition fixtures. Which one applies is a chain's configuration (a fixture's
 * `config.blobSchedule`, or a transition network by timestamp), so they are named data, not forks of the enum.
 */
export const BPO_BLOB_SCHEDULES: ReadonlyMap<string, BlobSchedule> = new Map([
  ['BPO1', { target: 10, max: 15, baseFeeUpdateFraction: 8346193n }],
  ['BPO2', { target: 14, max: 21, baseFeeUpdateFraction: 11684671n }],
  ['BPO3', { target: 21, max: 32, baseFeeUpdateFraction: 20609697n }],
  ['BPO4', { target: 14, max: 21, baseFeeUpdateFraction: 13739630n }],
]);

/** The built-in blob schedule of `fork`; undefined before Cancun (no blobs). */
export function blobSchedule(fork: Fork): BlobSchedule | undefined {
  return SCHEDULES[fork].blobs;
}

/** Most blob gas a block may use under `schedule`. */
export function maxBlobGasPerBlock(schedule: BlobSchedule): bigint {
  return BigInt(schedule.max) * GAS_PER_BLOB;
}

/** fake_exponential of EIP-4844: approximates factor * e^(numerator / denominator). */
export function fakeExponential(factor: bigint, numerator: bigint, denominator: bigint): bigint {
  let i = 1n;
  let output = 0n;
  let accum = factor * denominator;
  while (accum > 0n) {
    output += accum;
    accum = (accum * numerator) / (denominator * i);
    i++;
  }
  return output / denominator;
}

/** The blob base fee for a block's excess blob gas under `schedule` (EIP-4844, fraction per EIP-7691). */
export function blobBaseFee(excessBlobGas: bigint, schedule: BlobSchedule): bigint {
  return fakeExponential(MIN_BLOB_BASE_FEE, excessBlobGas, schedule.baseFeeUpdateFraction);
}
