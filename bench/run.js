/**
 * evmkit benchmarks: `npm run bench [-- --quick] [-- --only REGEX] [-- --no-ethereumjs]
 * [-- --section programs,opcodes,precompiles,tracer,words,state]` (words, the word-representation
 * measurement, and state, the state engine on 100,000 accounts, run only when named). Runs against the
 * compiled library in dist/ (run `npm run build` first). The benchmark is never a unit test: it prints a
 * report and exits 1 only when a program's gas or output disagrees with its reference, a precompile's with
 * @ethereumjs/evm's, or the state engine's incremental root with a one-shot root. See docs/PERFORMANCE.md
 * for how to read and record the results.
 */
import { runPrograms } from './programs.js';
import { runOpcodes } from './opcodes.js';
import { runPrecompiles } from './precompiles.js';
import { runTracer } from './tracer.js';
import { runWords } from './words.js';
import { runState } from './state.js';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const value = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const filter = new RegExp(value('--only', '.'));
const sections = value('--section', 'programs,opcodes,precompiles,tracer').split(',');

console.log(`# evmkit bench (${quick ? 'quick' : 'full'}), node ${process.version}, ${new Date().toISOString()}`);
const started = performance.now();
let ok = true;
if (sections.includes('programs')) ok = (await runPrograms({ quick, filter, ethereumjs: !args.includes('--no-ethereumjs') })) && ok;
if (sections.includes('opcodes')) await runOpcodes({ quick, filter: new RegExp(value('--ops', '.')) });
if (sections.includes('precompiles')) ok = (await runPrecompiles({ quick, filter, ethereumjs: !args.includes('--no-ethereumjs') })) && ok;
if (sections.includes('tracer')) await runTracer({ quick });
if (sections.includes('words')) await runWords({ quick });
if (sections.includes('state')) ok = (await runState({ quick })) && ok;
console.log(`\n(total ${((performance.now() - started) / 1000).toFixed(1)} s)`);
process.exitCode = ok ? 0 : 1;
