/**
 * evmkit benchmarks: `npm run bench [-- --quick] [-- --only REGEX] [-- --no-ethereumjs] [-- --no-edr] [-- --baseline DIR]
 * [-- --rounds N] [-- --section programs,opcodes,precompiles,tracer,calls,words,state]` (calls, words and
 * state — the state engine on 100,000 accounts — run only when named; --baseline DIR adds another evmkit
 * build, e.g. a copy of an older dist/, to the programs and calls sections, interleaved; --rounds sets the
 * programs section's interleaved rounds per case). Runs against the compiled library in dist/ (run `npm run
 * build` first). The benchmark is never a unit test: it prints a report and exits 1 only when a program's gas
 * or output disagrees with its reference, a precompile's with @ethereumjs/evm's, or the state engine's
 * incremental root with a one-shot root. See docs/PERFORMANCE.md for how to read and record the results.
 */
import { runPrograms } from './programs.js';
import { runOpcodes } from './opcodes.js';
import { runPrecompiles } from './precompiles.js';
import { runTracer } from './tracer.js';
import { runCalls } from './calls.js';
import { runWords } from './words.js';
import { runState } from './state.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const value = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const filter = new RegExp(value('--only', '.'));
await (await import('../dist/index.js')).ready(); // keccak in WebAssembly from the first measured run
const sections = value('--section', 'programs,opcodes,precompiles,tracer').split(',');

console.log(`# evmkit bench (${quick ? 'quick' : 'full'}), node ${process.version}, ${new Date().toISOString()}`);
const started = performance.now();
let ok = true;
const rounds = value('--rounds', undefined);
if (rounds !== undefined && !/^[1-9][0-9]*$/.test(rounds)) throw new Error(`--rounds: expected a positive integer, got '${rounds}'`);
const programs = { quick, filter, ethereumjs: !args.includes('--no-ethereumjs'), edr: !args.includes('--no-edr'), baseline: value('--baseline', undefined), rounds: rounds && Number(rounds) };
if (sections.includes('programs')) ok = (await runPrograms(programs)) && ok;
if (sections.includes('opcodes')) await runOpcodes({ quick, filter: new RegExp(value('--ops', '.')) });
if (sections.includes('precompiles')) ok = (await runPrecompiles({ quick, filter, ethereumjs: !args.includes('--no-ethereumjs') })) && ok;
if (sections.includes('tracer')) await runTracer({ quick });
if (sections.includes('calls')) await runCalls({ quick, baseline: programs.baseline });
if (sections.includes('words')) await runWords({ quick });
if (sections.includes('state')) ok = (await runState({ quick })) && ok;
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = ok ? 0 : 1;
