/**
 * The `env` of a transition (geth's `stEnv`): the block the transactions run in, read from JSON, checked
 * against the fork and completed with the values geth derives from the parent's (base fee, difficulty,
 * excess blob gas) when the current ones are not given.
 */
import { EMPTY_OMMERS_HASH } from '../block/roots.js';
import { calculateDifficulty } from '../block/difficulty.js';
import { INITIAL_BASE_FEE, nextBaseFee, nextExcessBlobGas } from '../block/fees.js';
import type { Withdrawal } from '../block/withdrawal.js';
import { Fork } from '../forks/fork.js';
import { type BlockRules, type ChainConfig, rulesAt } from '../forks/network.js';
import type { Address } from '../primitives/address.js';
import { bytesEqual, bytesToBigInt } from '../primitives/bytes.js';
import { address, array, bytes, FieldError, object, u256, u64, type JsonObject } from '../primitives/fields.js';
import type { BlockEnv } from '../transition/types.js';
import { T8nError, T8nExit } from './errors.js';

/** An uncle of the block: its miner and how many blocks older than the block it is. */
export interface Ommer {
  readonly delta: bigint;
  readonly address: Address;
}

/** The env as given: required fields, then every optional one (undefined when absent or null). */
export interface EnvInput {
  readonly coinbase: Address;
  readonly gasLimit: bigint;
  readonly number: bigint;
  readonly timestamp: bigint;
  readonly difficulty?: bigint;
  readonly random?: bigint;
  readonly baseFee?: bigint;
  readonly parentDifficulty?: bigint;
  readonly parentBaseFee?: bigint;
  readonly parentGasUsed: bigint;
  readonly parentGasLimit: bigint;
  readonly parentTimestamp: bigint;
  readonly parentUncleHash?: Uint8Array;
  /** Block number → hash, for BLOCKHASH and (Prague on) the EIP-2935 call. */
  readonly blockHashes?: ReadonlyMap<bigint, bigint>;
  readonly ommers: readonly Ommer[];
  readonly withdrawals?: readonly Withdrawal[];
  readonly excessBlobGas?: bigint;
  readonly parentExcessBlobGas?: bigint;
  readonly parentBlobGasUsed?: bigint;
  readonly parentBeaconBlockRoot?: Uint8Array;
}

function optional<T>(env: JsonObject, key: string, read: (v: unknown, where: string) => T): T | undefined {
  const v = env[key];
  return v === undefined || v === null ? undefined : read(v, `env.${key}`);
}

function hash(value: unknown, where: string): Uint8Array {
  const b = bytes(value, where);
  if (b.length !== 32) throw new FieldError(where, `expected 32 bytes, got ${b.length}`);
  return b;
}

/** Reads an env; throws FieldError naming the field. */
export function parseEnvJson(value: unknown): EnvInput {
  const env = object(value, 'env');
  const need = <T>(key: string, read: (v: unknown, where: string) => T): T => {
    const v = optional(env, key, read);
    if (v === undefined) throw new FieldError(`env.${key}`, 'missing field');
    return v;
  };
  return {
    coinbase: need('currentCoinbase', address),
    gasLimit: need('currentGasLimit', u64),
    number: need('currentNumber', u64),
    timestamp: need('currentTimestamp', u64),
    difficulty: optional(env, 'currentDifficulty', u256),
    random: optional(env, 'currentRandom', u256),
    baseFee: optional(env, 'currentBaseFee', u256),
    parentDifficulty: optional(env, 'parentDifficulty', u256),
    parentBaseFee: optional(env, 'parentBaseFee', u256),
    parentGasUsed: optional(env, 'parentGasUsed', u64) ?? 0n,
    parentGasLimit: optional(env, 'parentGasLimit', u64) ?? 0n,
    parentTimestamp: optional(env, 'parentTimestamp', u64) ?? 0n,
    parentUncleHash: optional(env, 'parentUncleHash', hash),
    blockHashes: optional(env, 'blockHashes', blockHashes),
    ommers: optional(env, 'ommers', (v, w) => array(v, w).map((o, i) => ommer(o, `${w}[${i}]`))) ?? [],
    withdrawals: optional(env, 'withdrawals', (v, w) => array(v, w).map((x, i) => withdrawal(x, `${w}[${i}]`))),
    excessBlobGas: optional(env, 'currentExcessBlobGas', u64),
    parentExcessBlobGas: optional(env, 'parentExcessBlobGas', u64),
    parentBlobGasUsed: optional(env, 'parentBlobGasUsed', u64),
    parentBeaconBlockRoot: optional(env, 'parentBeaconBlockRoot', hash),
  };
}

function blockHashes(value: unknown, where: string): Map<bigint, bigint> {
  const out = new Map<bigint, bigint>();
  for (const [n, h] of Object.entries(object(value, where))) out.set(u64(n, `${where}.${n}`), bytesToBigInt(hash(h, `${where}.${n}`)));
  return out;
}

function ommer(value: unknown, where: string): Ommer {
  const o = object(value, where);
  return { delta: u64(o.delta, `${where}.delta`), address: address(o.address, `${where}.address`) };
}

function withdrawal(value: unknown, where: string): Withdrawal {
  const w = object(value, where);
  return {
    index: u64(w.index, `${where}.index`),
    validatorIndex: u64(w.validatorIndex, `${where}.validatorIndex`),
    address: address(w.address, `${where}.address`),
    amount: u64(w.amount, `${where}.amount`),
  };
}

/** The env made whole: what the transactions see, and what the result reports. */
export interface ResolvedEnv {
  readonly env: BlockEnv;
  /** The base fee to report (given, or derived from London on); undefined: none. */
  readonly baseFee?: bigint;
  /** The difficulty to report; undefined from Paris on (reported as null). */
  readonly difficulty?: bigint;
  /** undefined when neither given nor derivable: blob transactions are then rejected, as geth does. */
  readonly excessBlobGas?: bigint;
  readonly parentBeaconBlockRoot?: Uint8Array;
  /** The first block number BLOCKHASH asked for that `blockHashes` lacks (geth's exit code 4). */
  readonly missingBlockHash: () => bigint | undefined;
}

function configError(message: string): T8nError {
  return new T8nError(T8nExit.config, `env: ${message}`);
}

/**
 * Checks the env against the block's rules in geth's order (London, Shanghai, the Merge, Cancun) and
 * derives what is missing; throws T8nError (exit code 3). `stateTest`: a state test's env, which needs no
 * withdrawals and no beacon root (no system operations run).
 */
export function resolveEnv(e: EnvInput, config: ChainConfig, rules: BlockRules, stateTest: boolean): ResolvedEnv {
  const fork = rules.fork;
  const baseFee = fork >= Fork.London ? londonBaseFee(e, config) : e.baseFee;
  if (fork >= Fork.Shanghai && e.withdrawals === undefined && !stateTest) {
    throw configError('Shanghai and later need withdrawals (an empty list when there are none)');
  }
  const merged = fork >= Fork.Paris;
  const difficulty = merged ? mergedDifficulty(e) : e.difficulty ?? derivedDifficulty(e, fork);
  // A beacon root given before Cancun is ignored, as geth does.
  const beaconRoot = fork >= Fork.Cancun ? e.parentBeaconBlockRoot : undefined;
  if (fork >= Fork.Cancun && beaconRoot === undefined && !stateTest) throw configError('Cancun and later need parentBeaconBlockRoot');
  const excessBlobGas = e.excessBlobGas ?? derivedExcessBlobGas(e, rules);
  let missing: bigint | undefined;
  const hashes = e.blockHashes;
  const env: BlockEnv = {
    coinbase: e.coinbase,
    number: e.number,
    timestamp: e.timestamp,
    gasLimit: e.gasLimit,
    baseFee: fork >= Fork.London ? baseFee! : 0n,
    prevRandao: merged ? e.random! : difficulty!, // EIP-4399
    difficulty: merged ? 0n : difficulty!,
    excessBlobGas: excessBlobGas ?? 0n,
    ...(rules.blobSchedule === undefined ? {} : { blobSchedule: rules.blobSchedule }),
    chainId: config.chainId,
    blockHash: (n) => {
      const h = hashes?.get(n);
      if (h === undefined) missing ??= n;
      return h ?? 0n;
    },
  };
  return { env, baseFee, difficulty: merged ? undefined : difficulty, excessBlobGas, parentBeaconBlockRoot: beaconRoot, missingBlockHash: () => missing };
}

/** EIP-1559: the given base fee, else the parent's moved by its gas used (the fork block's is 1 gwei). */
function londonBaseFee(e: EnvInput, config: ChainConfig): bigint {
  if (e.baseFee !== undefined) return e.baseFee;
  if (e.parentBaseFee === undefined || e.number === 0n) {
    throw configError('London and later need currentBaseFee, or parentBaseFee, parentGasUsed and parentGasLimit to derive it (block number above 0)');
  }
  const parent = rulesAt(config, { number: e.number - 1n, timestamp: e.parentTimestamp });
  if (parent.fork < Fork.London) return INITIAL_BASE_FEE;
  if (e.parentGasLimit < 2n && e.parentGasUsed !== 0n) throw configError(`parentGasLimit ${e.parentGasLimit} has no gas target to derive the base fee from`);
  return nextBaseFee(e.parentGasLimit, e.parentGasUsed, e.parentBaseFee);
}

/** From Paris (EIP-3675): currentRandom is needed and the difficulty is zero. */
function mergedDifficulty(e: EnvInput): undefined {
  if (e.random === undefined) throw configError('Paris and later need currentRandom');
  if (e.difficulty !== undefined && e.difficulty !== 0n) throw configError(`Paris and later need currentDifficulty zero or left out, got ${e.difficulty}`);
  return undefined;
}

/** Before Paris: the difficulty from the parent's (Yellow Paper 4.4.3, with the fork's bomb delay). */
function derivedDifficulty(e: EnvInput, fork: Fork): bigint {
  if (e.parentDifficulty === undefined) throw configError('currentDifficulty is missing, and parentDifficulty to derive it too');
  if (e.number === 0n) throw configError('currentDifficulty is needed for block 0 (it has no parent to derive it from)');
  if (e.timestamp <= e.parentTimestamp) {
    throw configError(`currentDifficulty cannot be derived: currentTimestamp ${e.timestamp} must be after parentTimestamp ${e.parentTimestamp}`);
  }
  // A zero parentUncleHash (left out) means no uncles.
  const uncles = e.parentUncleHash !== undefined && !bytesEqual(e.parentUncleHash, new Uint8Array(32)) && !bytesEqual(e.parentUncleHash, EMPTY_OMMERS_HASH);
  return calculateDifficulty(fork, { number: e.number, timestamp: e.timestamp, parentTimestamp: e.parentTimestamp, parentDifficulty: e.parentDifficulty, parentHasUncles: uncles });
}

/** EIP-4844: the excess blob gas from the parent's excess and blob gas used (EIP-7918 also reads its base fee). */
function derivedExcessBlobGas(e: EnvInput, rules: BlockRules): bigint | undefined {
  if (e.parentExcessBlobGas === undefined || e.parentBlobGasUsed === undefined || rules.blobSchedule === undefined) return undefined;
  const parent = { excessBlobGas: e.parentExcessBlobGas, blobGasUsed: e.parentBlobGasUsed, baseFeePerGas: e.parentBaseFee };
  return nextExcessBlobGas(rules.fork, parent, rules.blobSchedule);
}
