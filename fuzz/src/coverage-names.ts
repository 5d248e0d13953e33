/** Names for the coverage tables: which opcodes and precompiles each fork defines, from evmkit's tables. */
import { emptyCoverage, opcodeName, precompilesFor, type Coverage } from './evmkit.js';
import { forkSpec } from './forks.js';

export { emptyCoverage, type Coverage };

/** SHA-256, RIPEMD-160 and IDENTITY accept every input: there is no invalid one to call them with. */
const ALWAYS_VALID = new Set(['0x0000000000000000000000000000000000000002', '0x0000000000000000000000000000000000000003', '0x0000000000000000000000000000000000000004']);

/** The fork's opcodes, precompile addresses (lower-case hex) and a namer. */
export function forkSpecCoverageNames(fork: string) {
  const spec = forkSpec(fork)!;
  const precompiles = [...precompilesFor(spec.fork).keys()];
  // MODEXP has invalid input only from EIP-7823 (Osaka) on.
  const alwaysValid = new Set(ALWAYS_VALID);
  if (spec.name !== 'Osaka') alwaysValid.add('0x0000000000000000000000000000000000000005');
  return { opcodes: spec.opcodes, precompiles, alwaysValid, opName: (op: number) => opcodeName(op, spec.fork) };
}
