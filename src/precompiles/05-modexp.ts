/**
 * 0x05 MODEXP: arbitrary-precision modular exponentiation (EIP-198), repriced by EIP-2565 (Berlin) and by
 * EIP-7883 with the EIP-7823 length bound (Osaka). One implementation; each fork's version is a price
 * schedule, registered as its own entry in index.ts.
 */
import type { Precompile, PrecompileResult } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { bytesToBigInt, bigIntToBytes, EMPTY_BYTES } from '../primitives/bytes.js';

/** Big-endian integer of `input[offset, offset+length)`, zero-extended past the input's end. */
function readUint(input: Uint8Array, offset: bigint, length: bigint): bigint {
  const len = input.length;
  if (length === 0n) return 0n;
  const start = offset < BigInt(len) ? Number(offset) : len;
  const end = offset + length < BigInt(len) ? Number(offset + length) : len;
  const value = bytesToBigInt(input.subarray(start, end));
  // Bytes past the end are zeros: they shift the value left. Only called once gas bounds `length`.
  return value << (8n * (length - BigInt(end - start)));
}

function bitLength(x: bigint): bigint {
  return x === 0n ? 0n : BigInt(x.toString(2).length);
}

/**
 * EIP-198 "adjusted exponent length": ~log2 of the exponent from its length and first 32 bytes, each byte
 * past the 32nd counting `perByte` iterations; at least 1.
 */
function iterationCount(expLen: bigint, expHead: bigint, perByte: bigint): bigint {
  const headBits = expHead === 0n ? 0n : bitLength(expHead) - 1n;
  const count = expLen <= 32n ? headBits : perByte * (expLen - 32n) + headBits;
  return count > 1n ? count : 1n;
}

/** How one fork prices MODEXP and which lengths it accepts. */
interface ModexpSchedule {
  /** Gas from the larger of the base and modulus lengths and the iteration count. */
  readonly gas: (maxLen: bigint, iterations: bigint) => bigint;
  /** Iterations per exponent byte beyond the 32nd. */
  readonly iterationsPerExpByte: bigint;
  /** The largest base, exponent or modulus length accepted (bytes), or null for no bound. */
  readonly maxLength: bigint | null;
}

/** EIP-198 pricing (Byzantium … MuirGlacier). */
function gasEip198(maxLen: bigint, iterations: bigint): bigint {
  const x = maxLen;
  let complexity: bigint;
  if (x <= 64n) complexity = x * x;
  else if (x <= 1024n) complexity = (x * x) / 4n + 96n * x - 3072n;
  else complexity = (x * x) / 16n + 480n * x - 199680n;
  return (complexity * iterations) / 20n;
}

/** EIP-2565 pricing (Berlin on): words², divided by 3, floor 200. */
function gasEip2565(maxLen: bigint, iterations: bigint): bigint {
  const words = (maxLen + 7n) / 8n;
  const gas = (words * words * iterations) / 3n;
  return gas > 200n ? gas : 200n;
}

/** EIP-7883 pricing (Osaka on): complexity 16 up to 32 bytes, 2·words² above; no division; floor 500. */
function gasEip7883(maxLen: bigint, iterations: bigint): bigint {
  const words = (maxLen + 7n) / 8n;
  const complexity = maxLen <= 32n ? 16n : 2n * words * words;
  const gas = complexity * iterations;
  return gas > 500n ? gas : 500n;
}

/** base^exp mod m with a 4-bit fixed window (m > 1). */
function modPow(base: bigint, exp: bigint, m: bigint): bigint {
  const table: bigint[] = [1n, base % m];
  for (let i = 2; i < 16; i++) table.push((table[i - 1] * table[1]) % m);
  const hex = exp.toString(16);
  let r = 1n;
  for (let i = 0; i < hex.length; i++) {
    if (i > 0) for (let k = 0; k < 4; k++) r = (r * r) % m;
    const d = parseInt(hex[i], 16);
    if (d !== 0) r = (r * table[d]) % m;
  }
  return r;
}

/** MODEXP under `schedule`. Input baseLen ‖ expLen ‖ modLen (32-byte words) ‖ base ‖ exp ‖ mod; output modLen bytes. */
function modexp(schedule: ModexpSchedule, input: Uint8Array, gasLimit: number): PrecompileResult {
  // Lengths are full 256-bit words: keep them bigint until gas has bounded them.
  const baseLen = readUint(input, 0n, 32n);
  const expLen = readUint(input, 32n, 32n);
  const modLen = readUint(input, 64n, 32n);
  // EIP-7823: a length over the bound fails (all gas consumed) before anything else is read or priced.
  const bound = schedule.maxLength;
  if (bound !== null && (baseLen > bound || expLen > bound || modLen > bound)) return PRECOMPILE_FAILURE;
  const headLen = expLen < 32n ? expLen : 32n;
  const expHead = readUint(input, 96n + baseLen, headLen);
  const maxLen = baseLen > modLen ? baseLen : modLen;
  const gas = schedule.gas(maxLen, iterationCount(expLen, expHead, schedule.iterationsPerExpByte));
  if (gas > BigInt(gasLimit)) return PRECOMPILE_FAILURE;
  const gasUsed = Number(gas);
  if (modLen === 0n) return { success: true, gasUsed, output: EMPTY_BYTES };
  const modulus = readUint(input, 96n + baseLen + expLen, modLen);
  const size = Number(modLen);
  if (modulus <= 1n) return { success: true, gasUsed, output: new Uint8Array(size) };
  const base = readUint(input, 96n, baseLen);
  const result = powWithZeroTail(base, input, 96n + baseLen, expLen, modulus);
  return { success: true, gasUsed, output: bigIntToBytes(result, size) };
}

/** The precompile for one fork's schedule. */
function modexpWith(schedule: ModexpSchedule): Precompile {
  return (input, gasLimit) => modexp(schedule, input, gasLimit);
}

/** MODEXP priced by EIP-198 (Byzantium … MuirGlacier). */
export const modexpByzantium = modexpWith({ gas: gasEip198, iterationsPerExpByte: 8n, maxLength: null });
/** MODEXP priced by EIP-2565 (Berlin … Prague). */
export const modexpBerlin = modexpWith({ gas: gasEip2565, iterationsPerExpByte: 8n, maxLength: null });
/** MODEXP priced by EIP-7883, lengths bounded by EIP-7823 (Osaka on). */
export const modexpOsaka = modexpWith({ gas: gasEip7883, iterationsPerExpByte: 16n, maxLength: 1024n });

/**
 * base^exp mod m where exp is `input[offset, offset+expLen)`. The exponent may run far past the
 * input (its tail is then zeros, exp = head·2^(8·missing)): square instead of building a huge bigint.
 */
function powWithZeroTail(base: bigint, input: Uint8Array, offset: bigint, expLen: bigint, m: bigint): bigint {
  const available = offset < BigInt(input.length) ? BigInt(input.length) - offset : 0n;
  const presentLen = expLen < available ? expLen : available;
  let r = modPow(base, readUint(input, offset, presentLen), m);
  let squarings = 8n * (expLen - presentLen);
  while (squarings > 0n && r > 1n) {
    r = (r * r) % m;
    squarings--;
  }
  return r;
}
