/** The `env` section of a state test: the block the transaction runs in. */
import { bytesToBigInt } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import type { BlobSchedule } from '../forks/blob.js';
import type { BlockEnv } from '../transition/types.js';
import { FieldError, address, object, quantity, smallInt, u256, type JsonObject } from '../primitives/fields.js';

const encoder = new TextEncoder();

/** BLOCKHASH as state tests define it: keccak256 of the block number written in decimal ASCII. */
export function stateTestBlockHash(number: bigint): bigint {
  return bytesToBigInt(keccak256(encoder.encode(number.toString(10))));
}

/** Reads an optional u256 field, `fallback` when absent. */
function optionalU256(env: JsonObject, key: string, fallback: bigint): bigint {
  return env[key] === undefined ? fallback : u256(env[key], `env.${key}`);
}

/** Parses `env` (and the chain id from execution-spec-tests' optional `config.chainid`). */
export function parseEnv(value: unknown, config: unknown): BlockEnv {
  const env = object(value, 'env');
  const difficulty = optionalU256(env, 'currentDifficulty', 0n);
  const chainId = config === undefined ? 1n : chainIdOf(object(config, 'config'));
  return {
    coinbase: address(env.currentCoinbase, 'env.currentCoinbase'),
    number: u256(env.currentNumber, 'env.currentNumber'),
    timestamp: u256(env.currentTimestamp, 'env.currentTimestamp'),
    gasLimit: u256(env.currentGasLimit, 'env.currentGasLimit'),
    // Absent before London: the engine ignores it there.
    baseFee: optionalU256(env, 'currentBaseFee', 0n),
    // Before Paris fixtures often omit currentRandom; PREVRANDAO then reads the difficulty.
    prevRandao: optionalU256(env, 'currentRandom', difficulty),
    difficulty,
    excessBlobGas: optionalU256(env, 'currentExcessBlobGas', 0n),
    chainId,
    blockHash: stateTestBlockHash,
  };
}

function chainIdOf(config: JsonObject): bigint {
  return config.chainid === undefined ? 1n : quantity(config.chainid, 'config.chainid');
}

/**
 * execution-spec-tests' `config.blobSchedule` (EIP-7840): fork name → { target, max, baseFeeUpdateFraction }.
 * Empty when the fixture has none; the engine then uses its built-in schedule.
 */
export function parseBlobSchedules(config: unknown): ReadonlyMap<string, BlobSchedule> {
  const schedules = new Map<string, BlobSchedule>();
  if (config === undefined) return schedules;
  const raw = object(config, 'config').blobSchedule;
  if (raw === undefined) return schedules;
  for (const [fork, value] of Object.entries(object(raw, 'config.blobSchedule'))) {
    const where = `config.blobSchedule.${fork}`;
    const entry = object(value, where);
    const fraction = quantity(entry.baseFeeUpdateFraction, `${where}.baseFeeUpdateFraction`);
    if (fraction === 0n) throw new FieldError(`${where}.baseFeeUpdateFraction`, 'must not be 0');
    schedules.set(fork, {
      target: smallInt(entry.target, `${where}.target`),
      max: smallInt(entry.max, `${where}.max`),
      baseFeeUpdateFraction: fraction,
    });
  }
  return schedules;
}
