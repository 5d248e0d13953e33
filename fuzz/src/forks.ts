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
  /** Precompile addresses the fork adds (by its EIPs; evmkit's registry may not have them yet). */
  readonly newPrecompiles?: readonly number[];
  /** Opcodes the fork adds (by its EIPs; evmkit's opcode table may not have them yet). */
  readonly newOpcodes?: readonly number[];
}

const ROWS: readonly ForkRow[] = [
  { name: 'Frontier', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0, newPrecompiles: [1, 2, 3, 4] },
  { name: 'Homestead', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'EIP150', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'EIP158', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Byzantium', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0, newPrecompiles: [5, 6, 7, 8] }, // EIP-196/197/198
  { name: 'Constantinople', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'ConstantinopleFix', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Istanbul', txTypes: [0], maxBlobsPerBlock: 0, maxBlobsPerTx: 0, newPrecompiles: [9] }, // EIP-152
  { name: 'Berlin', txTypes: [0, 1], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'London', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Paris', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Shanghai', txTypes: [0, 1, 2], maxBlobsPerBlock: 0, maxBlobsPerTx: 0 },
  { name: 'Cancun', txTypes: [0, 1, 2, 3], maxBlobsPerBlock: 6, maxBlobsPerTx: 6, newPrecompiles: [0x0a] }, // EIP-4844
  // EIP-2537 (BLS12-381), EIP-7702, EIP-7691
  { name: 'Prague', txTypes: [0, 1, 2, 3, 4], maxBlobsPerBlock: 9, maxBlobsPerTx: 9, newPrecompiles: [0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11] },
  // EIP-7951 (P256VERIFY), EIP-7939 (CLZ), EIP-7594, EIP-7825
  { name: 'Osaka', txTypes: [0, 1, 2, 3, 4], maxBlobsPerBlock: 9, maxBlobsPerTx: 6, txGasCap: 1n << 24n, newPrecompiles: [0x100], newOpcodes: [0x1e] },
];

/** The forks a campaign covers by default: every row (evmkit implements each of them). */
const DEFAULT_FORKS: readonly string[] = ROWS.map((r) => r.name);

/** A fork row with evmkit's enum value, its defined opcodes and its precompile addresses. */
export interface ForkSpec extends ForkRow {
  readonly fork: Fork;
  /** Defined in evmkit's opcode table for this fork. */
  readonly opcodes: readonly number[];
  /** In evmkit's precompile registry for this fork. */
  readonly precompiles: readonly number[];
  /**
   * Addresses and opcodes the fork's EIPs define but evmkit does not have yet: the generator stays away from
   * them (a case using one could only diverge for that known reason) and the summary lists them.
   */
  readonly missingPrecompiles: readonly number[];
  readonly missingOpcodes: readonly number[];
}

const SPECS = new Map<string, ForkSpec>();
{
  const specPrecompiles: number[] = [];
  const specOpcodes: number[] = [];
  for (const row of ROWS) {
    const fork = parseFork(row.name)!;
    specPrecompiles.push(...(row.newPrecompiles ?? []));
    specOpcodes.push(...(row.newOpcodes ?? []));
    const opcodes = opcodesOf(fork);
    const precompiles = precompileNumbersOf(fork);
    SPECS.set(row.name, {
      ...row,
      fork,
      opcodes,
      precompiles,
      missingPrecompiles: specPrecompiles.filter((a) => !precompiles.includes(a)),
      missingOpcodes: specOpcodes.filter((op) => !opcodes.includes(op)),
    });
  }
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
