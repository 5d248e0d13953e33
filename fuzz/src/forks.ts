/**
 * The forks the fuzzer covers, as data: one row per fork with what the opcode table and the precompile
 * registry cannot say (fixture name, transaction types, blob limits). Opcodes and precompile addresses come
 * from evmkit's own tables, so a fork that lands there is fuzzed with its new opcodes and precompiles at once.
 */
import { Fork, opcodesOf, parseFork, precompileNumbersOf } from './evmkit.js';

/** Static facts of one fork row. */
interface ForkRow {
  /** The name state-test fixtures use. */
  readonly name: string;
  /** Transaction types valid in the fork (0 legacy, 1 EIP-2930, 2 EIP-1559, 3 EIP-4844, 4 EIP-7702). */
  readonly txTypes: readonly number[];
  /** Blobs per block (EIP-4844, EIP-7691); 0 before Cancun. */
  readonly maxBlobsPerBlock: number;
  /** Blobs per transaction (EIP-7594); equal to the block maximum before Osaka. */
  readonly maxBlobsPerTx: number;
  /** EIP-7825 transaction gas cap, when the fork has one. */
  readonly txGasCap?: bigint;
}

const ROWS: readonly ForkRow[] = [
  { name: 'Frontier', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Homestead', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'EIP150', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'EIP158', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Byzantium', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Constantinople', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'ConstantinopleFix', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Istanbul', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Berlin', txTypes: [0, 1], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'London', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Paris', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Shanghai', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Cancun', txTypes: [0, 1, 2, 3], maxBlobsPerBlock: 6, maxBlobsPerTx: 6 },
  { name: 'Prague', txTypes: [0, 1, 2, 3, 4], maxBlobsPerBlock: 9, maxBlobsPerTx: 9 },
  { name: 'Osaka', txTypes: [0, 1, 2, 3, 4], maxBlobsPerBlock: 9, maxBlobsPerTx: 6, txGasCap: 1n << 24n },
];

/**
 * The forks a campaign covers by default: those whose rules evmkit implements in full. Prague and Osaka are
 * in the table (and can be fuzzed with --fork) but join the default list once their rules land in evmkit.
 */
const DEFAULT_FORKS: readonly string[] = ROWS.map((r) => r.name).filter((n) => n !== 'Prague' && n !== 'Osaka');

/** A fork row with evmkit's enum value, its defined opcodes and its precompile addresses. */
export interface ForkSpec extends ForkRow {
  readonly fork: Fork;
  readonly opcodes: readonly number[];
  readonly precompiles: readonly number[];
}

const SPECS = new Map<string, ForkSpec>();
for (const row of ROWS) {
  const fork = parseFork(row.name)!;
  SPECS.set(row.name, { ...row, fork, opcodes: opcodesOf(fork), precompiles: precompileNumbersOf(fork) });
}

/** The row of a fork by fixture name (case-insensitive, evmkit's aliases accepted); undefined when unknown. */
export function forkSpec(name: string): ForkSpec | undefined {
  const fork = parseFork(name);
  return [...SPECS.values()].find((s) => s.fork === fork);
}

/** Every fork of the table, oldest first. */
export function allForks(): ForkSpec[] {
  return [...SPECS.values()];
}

/** The forks of a default campaign, oldest first. */
export function defaultForks(): ForkSpec[] {
  return DEFAULT_FORKS.map((n) => SPECS.get(n)!);
}
