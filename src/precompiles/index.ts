/** The precompiled-contract registry: which addresses hold which precompile in each fork. */
import { Fork } from '../forks/fork.js';
import { addressFromWord, type Address } from '../primitives/address.js';
import type { Precompile } from './types.js';
import { ecrecover } from './01-ecrecover.js';
import { sha256 } from './02-sha256.js';
import { ripemd160 } from './03-ripemd160.js';
import { identity } from './04-identity.js';
import { modexpBerlin, modexpByzantium, modexpOsaka } from './05-modexp.js';
import { bn254AddByzantium, bn254AddIstanbul } from './06-bn254-add.js';
import { bn254MulByzantium, bn254MulIstanbul } from './07-bn254-mul.js';
import { bn254PairingByzantium, bn254PairingIstanbul } from './08-bn254-pairing.js';
import { blake2f } from './09-blake2f.js';
import { pointEvaluation } from './0a-point-evaluation.js';
import { blsG1Add } from './0b-bls12-g1add.js';
import { blsG1Msm } from './0c-bls12-g1msm.js';
import { blsG2Add } from './0d-bls12-g2add.js';
import { blsG2Msm } from './0e-bls12-g2msm.js';
import { blsPairing } from './0f-bls12-pairing.js';
import { blsMapFpToG1 } from './10-bls12-map-fp-to-g1.js';
import { blsMapFp2ToG2 } from './11-bls12-map-fp2-to-g2.js';
import { p256verify } from './100-p256verify.js';

export type { Precompile, PrecompileResult } from './types.js';

/** Lower-case 0x-prefixed 40-digit address of precompile number `n`. */
export function precompileAddress(n: number): Address {
  return addressFromWord(BigInt(n));
}

/** One registry row: the precompile at `address` from fork `since` on, until a later row for it. */
interface Registration {
  readonly address: number;
  readonly since: Fork;
  readonly run: Precompile;
}

/**
 * Every precompile with the fork from which it applies: the one place registration lives, read as a
 * changelog. A repricing is a new row for the same address (revm extends its precompile set per fork the
 * same way): from its fork on it replaces the earlier row, so no precompile asks which fork it runs in.
 */
const REGISTRY: readonly Registration[] = [
  { address: 0x01, since: Fork.Frontier, run: ecrecover },
  { address: 0x02, since: Fork.Frontier, run: sha256 },
  { address: 0x03, since: Fork.Frontier, run: ripemd160 },
  { address: 0x04, since: Fork.Frontier, run: identity },
  { address: 0x05, since: Fork.Byzantium, run: modexpByzantium }, // EIP-198
  { address: 0x06, since: Fork.Byzantium, run: bn254AddByzantium }, // EIP-196
  { address: 0x07, since: Fork.Byzantium, run: bn254MulByzantium }, // EIP-196
  { address: 0x08, since: Fork.Byzantium, run: bn254PairingByzantium }, // EIP-197
  { address: 0x06, since: Fork.Istanbul, run: bn254AddIstanbul }, // EIP-1108
  { address: 0x07, since: Fork.Istanbul, run: bn254MulIstanbul }, // EIP-1108
  { address: 0x08, since: Fork.Istanbul, run: bn254PairingIstanbul }, // EIP-1108
  { address: 0x09, since: Fork.Istanbul, run: blake2f }, // EIP-152
  { address: 0x05, since: Fork.Berlin, run: modexpBerlin }, // EIP-2565
  { address: 0x0a, since: Fork.Cancun, run: pointEvaluation }, // EIP-4844
  { address: 0x0b, since: Fork.Prague, run: blsG1Add }, // EIP-2537
  { address: 0x0c, since: Fork.Prague, run: blsG1Msm }, // EIP-2537
  { address: 0x0d, since: Fork.Prague, run: blsG2Add }, // EIP-2537
  { address: 0x0e, since: Fork.Prague, run: blsG2Msm }, // EIP-2537
  { address: 0x0f, since: Fork.Prague, run: blsPairing }, // EIP-2537
  { address: 0x10, since: Fork.Prague, run: blsMapFpToG1 }, // EIP-2537
  { address: 0x11, since: Fork.Prague, run: blsMapFp2ToG2 }, // EIP-2537
  { address: 0x05, since: Fork.Osaka, run: modexpOsaka }, // EIP-7823, EIP-7883
  { address: 0x100, since: Fork.Osaka, run: p256verify }, // EIP-7951
];

/** For each address, the newest row active in `fork`; in address order. */
function build(fork: Fork): ReadonlyMap<Address, Precompile> {
  const newest = new Map<number, Registration>();
  for (const row of REGISTRY) {
    if (fork < row.since) continue;
    const current = newest.get(row.address);
    if (current === undefined || row.since >= current.since) newest.set(row.address, row);
  }
  const rows = [...newest.values()].sort((a, b) => a.address - b.address);
  return new Map(rows.map((row) => [precompileAddress(row.address), row.run]));
}

const cache = new Map<Fork, ReadonlyMap<Address, Precompile>>();

/** The precompiles active in `fork`, keyed by lower-case address (cached per fork). */
export function precompilesFor(fork: Fork): ReadonlyMap<Address, Precompile> {
  let map = cache.get(fork);
  if (map === undefined) {
    map = build(fork);
    cache.set(fork, map);
  }
  return map;
}

/** The precompile at `address` (lower-case hex) in `fork`, or undefined. */
export function getPrecompile(fork: Fork, address: Address): Precompile | undefined {
  return precompilesFor(fork).get(address);
}

/** True when `address` (lower-case hex) is a precompile in `fork` (warm from Berlin, EIP-2929). */
export function isPrecompile(fork: Fork, address: Address): boolean {
  return precompilesFor(fork).has(address);
}

/** Addresses of the precompiles active in `fork`, for pre-warming the access list (EIP-2929). */
export function precompileAddresses(fork: Fork): Address[] {
  return [...precompilesFor(fork).keys()];
}
