/** Runs a program through @ethereumjs/evm's runCode (Cancun), the baseline of the side-by-side table. */
import { createRequire } from 'node:module';
import { createEVM, getActivePrecompiles } from '@ethereumjs/evm';
import { Common, Hardfork, Mainnet } from '@ethereumjs/common';
import { CALLER, CONTRACT, GAS_LIMIT } from './cases.js';

// @ethereumjs/util 10 is the evm's own dependency; the top-level one is the older copy @ethereumjs/trie uses.
const fromEvm = createRequire(createRequire(import.meta.url).resolve('@ethereumjs/evm'));
const { createAccount, createAddressFromString } = await import(fromEvm.resolve('@ethereumjs/util'));

/** Returns an async function that runs `code` with `input` once and returns {status, gasUsed, output}. */
export async function ethereumjsRunner(code, input) {
  const evm = await createEVM({ common: new Common({ chain: Mainnet, hardfork: Hardfork.Cancun }) });
  const to = createAddressFromString(CONTRACT);
  const caller = createAddressFromString(CALLER);
  await evm.stateManager.putAccount(to, createAccount({ nonce: 1n }));
  return async () => {
    // Undo storage writes and forget warm slots so that every run starts like the first.
    await evm.journal.checkpoint();
    const r = await evm.runCode({ code, data: input, gasLimit: GAS_LIMIT, to, caller });
    await evm.journal.revert();
    evm.journal.cleanJournal();
    return {
      status: r.exceptionError ? (r.exceptionError.error === 'revert' ? 'revert' : 'halt') : 'success',
      gasUsed: r.executionGasUsed,
      output: r.returnValue,
    };
  };
}

/**
 * Returns an async function that calls @ethereumjs/evm's precompile at `address` (Prague, its default
 * NobleBLS backend for EIP-2537) once with `input`, directly as its EVM does: {gasUsed, output}.
 */
export async function ethereumjsPrecompileRunner(address, input) {
  const common = new Common({ chain: Mainnet, hardfork: Hardfork.Prague });
  const evm = await createEVM({ common });
  const hex = address.toString(16).padStart(40, '0');
  const precompile = getActivePrecompiles(common).get(hex);
  if (!precompile) throw new Error(`ethereumjs has no precompile at 0x${hex}`);
  return async () => {
    const r = await precompile({ data: input, gasLimit: 1_000_000_000n, common, _EVM: evm });
    return { gasUsed: r.executionGasUsed, output: r.returnValue };
  };
}
