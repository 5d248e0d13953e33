/** What a command that executes EVM code does first: load the WebAssembly hasher and the KZG setup. */
import { enableKzg } from '../kzg.js';
import { ready } from '../primitives/keccak.js';

/** Loads the fast hasher (keccak256 would otherwise run in pure JS) and installs the KZG trusted setup. */
export async function prepareEngine(): Promise<void> {
  await ready();
  enableKzg();
}
