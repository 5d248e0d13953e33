/** The precompiled-contract registry: which addresses hold which precompile in each fork. */
import { Fork } from '../forks/fork.js';
import type { Precompile } from './types.js';
import { ecrecover } from './01-ecrecover.js';
import { sha256 } from './02-sha256.js';
import { ripemd160 } from './03-ripemd160.js';
import { identity } from './04-identity.js';
import { modexp } from './05-modexp.js';
import { bn254Add } from './06-bn254-add.js';
import { bn254Mul } from './07-bn254-mul.js';
import { bn254Pairing } from './08-bn254-pairing.js';
import { blake2f } from './09-blake2f.js';
import { pointEvaluation } from './0a-point-evaluation.js';
import { blsG1Add } from './0b-bls12-g1add.js';
import { blsG1Msm } from './0c-bls12-g1msm.js';
import { blsG2Add } from './0d-bls12-g2add.js';
import { blsG2Msm } from './0e-bls12-g2msm.js';
import { blsPairing } from './0f-bls12-pairing.js';
import { blsMapFpToG1 } from './10-bls12-map-fp-to-g1.js';
import { blsMapFp2ToG2 } from './11-bls12-map-fp2-to-g2.js';

export type { Precompile, PrecompileResult } from './types.js';

/** Lower-case 0x-prefixed 40-digit address of precompile number `n`. */
export function precompileAddress(n: number): string {
  return '0x' + n.toString(16).padStart(40, '0');
}

/** Every precompile with the fork that introduced it: the one place registration lives. */
const REGISTRY: readonly { address: number; since: Fork; run: Precompile }[] = [
  { address: 0x01, since: Fork.Frontier, run: ecrecover },
  { address: 0x02, since: Fork.Frontier, run: sha256 },
  { address: 0x03, since: Fork.Frontier, run: ripemd160 },
  { address: 0x04, since: Fork.Frontier, run: identity },
  { address: 0x05, since: Fork.Byzantium, run: modexp }, // EIP-198
  { address: 0x06, since: Fork.Byzantium, run: bn254Add }, // EIP-196
  { address: 0x07, since: Fork.Byzantium, run: bn254Mul }, // EIP-196
  { address: 0x08, since: Fork.Byzantium, run: bn254Pairing }, // EIP-197
  { address: 0x09, since: Fork.Istanbul, run: blake2f }, // EIP-152
  { address: 0x0a, since: Fork.Cancun, run: pointEvaluation }, // EIP-4844
  { address: 0x0b, since: Fork.Prague, run: blsG1Add }, // EIP-2537
  { address: 0x0c, since: Fork.Prague, run: blsG1Msm }, // EIP-2537
  { address: 0x0d, since: Fork.Prague, run: blsG2Add }, // EIP-2537
  { address: 0x0e, since: Fork.Prague, run: blsG2Msm }, // EIP-2537
  { address: 0x0f, since: Fork.Prague, run: blsPairing }, // EIP-2537
  { address: 0x10, since: Fork.Prague, run: blsMapFpToG1 }, // EIP-2537
  { address: 0x11, since: Fork.Prague, run: blsMapFp2ToG2 }, // EIP-2537
];

const cache = new Map<Fork, ReadonlyMap<string, Precompile>>();

/** The precompiles active in `fork`, keyed by lower-case address (cached per fork). */
export function precompilesFor(fork: Fork): ReadonlyMap<string, Precompile> {
  let map = cache.get(fork);
  if (map === undefined) {
    const built = new Map<string, Precompile>();
    for (const p of REGISTRY) if (fork >= p.since) built.set(precompileAddress(p.address), p.run);
    map = built;
    cache.set(fork, map);
  }
  return map;
}

/** The precompile at `address` (lower-case hex) in `fork`, or undefined. */
export function getPrecompile(fork: Fork, address: string): Precompile | undefined {
  return precompilesFor(fork).get(address);
}

/** True when `address` (lower-case hex) is a precompile in `fork` (warm from Berlin, EIP-2929). */
export function isPrecompile(fork: Fork, address: string): boolean {
  return precompilesFor(fork).has(address);
}

/** Addresses of the precompiles active in `fork`, for pre-warming the access list (EIP-2929). */
export function precompileAddresses(fork: Fork): string[] {
  return [...precompilesFor(fork).keys()];
}
