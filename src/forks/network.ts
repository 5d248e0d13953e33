/**
 * A chain's fork schedule: which fork (and which blob schedule) rules a block, by block number, by
 * timestamp or by total difficulty. The official blockchain tests name one with `network`: a fork
 * (`Cancun`), a transition (`FrontierToHomesteadAt5`, `ShanghaiToCancunAtTime15k`,
 * `ArrowGlacierToParisAtDiffC0000`), the DAO fork (`HomesteadToDaoAt5`) or an EIP-7892 blob-parameter-only
 * step (`OsakaToBPO1AtTime15k`, `BPO1ToBPO2AtTime15k`).
 */
import { BPO_BLOB_SCHEDULES, blobSchedule as blobScheduleOf, type BlobSchedule } from './blob.js';
import { Fork, forkName, parseFork } from './fork.js';

/** When a fork starts: at a block number, at a timestamp, or once the parent's total difficulty reaches a value. */
export type Activation = { readonly block: bigint } | { readonly timestamp: bigint } | { readonly totalDifficulty: bigint };

/** One step of the schedule: from `activation` on, `fork` rules, with the named blob schedule when given. */
export interface ScheduleStep {
  readonly fork: Fork;
  /** An EIP-7892 blob-parameter-only fork's name (BPO1…), whose schedule replaces the fork's. */
  readonly bpo?: string;
  readonly activation: Activation;
}

/** A chain's rules: its forks in activation order, its id, and the DAO fork block if it has one. */
export interface ChainConfig {
  readonly chainId: bigint;
  /** Steps in activation order; the first is active from genesis. */
  readonly schedule: readonly ScheduleStep[];
  /** The block of the DAO irregular state change (mainnet 1,920,000), when the chain has it. */
  readonly daoForkBlock?: bigint;
  /** Blob schedules by fork or BPO name (a fixture's `config.blobSchedule`); absent entries use the built-in ones. */
  readonly blobSchedules?: ReadonlyMap<string, BlobSchedule>;
}

/** What rules one block: its fork and the blob schedule in force. */
export interface BlockRules {
  readonly fork: Fork;
  /** undefined before Cancun. */
  readonly blobSchedule?: BlobSchedule;
  /** The fork name to show (`Osaka`, or `BPO1` for a blob-parameter-only step). */
  readonly name: string;
}

/** Where a block stands, for choosing its rules; the parent's total difficulty matters only for a TTD. */
export interface BlockPosition {
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly parentTotalDifficulty?: bigint;
}

function active(step: ScheduleStep, at: BlockPosition): boolean {
  const a = step.activation;
  if ('block' in a) return at.number >= a.block;
  if ('timestamp' in a) return at.timestamp >= a.timestamp;
  // The Merge: the first proof-of-stake block is the child of the first block whose total difficulty reaches the TTD.
  return at.parentTotalDifficulty !== undefined && at.parentTotalDifficulty >= a.totalDifficulty;
}

/** The rules of the block at `at` under `config`. */
export function rulesAt(config: ChainConfig, at: BlockPosition): BlockRules {
  let step = config.schedule[0];
  for (const s of config.schedule) if (active(s, at)) step = s;
  const name = step.bpo ?? forkName(step.fork);
  if (step.fork < Fork.Cancun) return { fork: step.fork, name };
  // A chain's own schedule (a fixture's `config.blobSchedule`) first, then the built-in one.
  const blobSchedule = config.blobSchedules?.get(name) ?? (step.bpo === undefined ? blobScheduleOf(step.fork) : BPO_BLOB_SCHEDULES.get(step.bpo));
  return { fork: step.fork, name, blobSchedule };
}

/**
 * The transition networks of the official tests (ethereum/tests, execution-spec-tests) and of geth's t8n, as
 * `--help` lists them; parseNetwork reads any name of their shape.
 */
export const KNOWN_TRANSITIONS: readonly string[] = [
  'FrontierToHomesteadAt5', 'HomesteadToEIP150At5', 'HomesteadToDaoAt5', 'EIP158ToByzantiumAt5',
  'ByzantiumToConstantinopleAt5', 'ByzantiumToConstantinopleFixAt5', 'ConstantinopleFixToIstanbulAt5', 'BerlinToLondonAt5',
  'ArrowGlacierToParisAtDiffC0000', 'ArrowGlacierToMergeAtDiffC0000', 'ParisToShanghaiAtTime15k', 'MergeToShanghaiAtTime15k',
  'ShanghaiToCancunAtTime15k', 'CancunToPragueAtTime15k', 'PragueToOsakaAtTime15k', 'OsakaToBPO1AtTime15k',
  'BPO1ToBPO2AtTime15k', 'BPO2ToBPO3AtTime15k', 'BPO3ToBPO4AtTime15k',
];

/** A network name that cannot be read; the message says why. */
export class NetworkError extends Error {}

const TRANSITION = /^(\w+?)To(\w+)At(Time|Diff)?([0-9A-Fa-f]+k?)$/;

/** One side of a transition name: a fork, a BPO step (on Osaka) or `Dao` (Homestead with the DAO fork). */
function side(name: string, network: string): { fork: Fork; bpo?: string; dao?: true } {
  if (BPO_BLOB_SCHEDULES.has(name)) return { fork: Fork.Osaka, bpo: name };
  if (name === 'Dao') return { fork: Fork.Homestead, dao: true };
  const fork = parseFork(name);
  if (fork === undefined) throw new NetworkError(`network '${network}': unknown fork '${name}'`);
  return { fork };
}

/** Reads a network name as the blockchain tests write it; throws NetworkError for one it does not know. */
export function parseNetwork(network: string, chainId = 1n, blobSchedules?: ReadonlyMap<string, BlobSchedule>): ChainConfig {
  const m = TRANSITION.exec(network);
  if (m === null) {
    const only = side(network, network);
    if (only.dao === true) throw new NetworkError(`network '${network}': the DAO fork needs a block ('HomesteadToDaoAt5')`);
    return { chainId, schedule: [{ fork: only.fork, bpo: only.bpo, activation: { block: 0n } }], blobSchedules };
  }
  const [, fromName, toName, kind, amount] = m;
  const from = side(fromName, network);
  const to = side(toName, network);
  const value = amount.endsWith('k') ? BigInt(amount.slice(0, -1)) * 1000n : kind === 'Diff' ? BigInt('0x' + amount) : BigInt(amount);
  const activation: Activation = kind === 'Time' ? { timestamp: value } : kind === 'Diff' ? { totalDifficulty: value } : { block: value };
  const schedule: ScheduleStep[] = [
    { fork: from.fork, bpo: from.bpo, activation: { block: 0n } },
    { fork: to.fork, bpo: to.bpo, activation },
  ];
  if (to.dao === true) {
    if (!('block' in activation)) throw new NetworkError(`network '${network}': the DAO fork activates at a block`);
    return { chainId, schedule: [schedule[0]], daoForkBlock: activation.block, blobSchedules };
  }
  return { chainId, schedule, blobSchedules };
}
