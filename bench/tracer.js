/**
 * Section 3: the cost of tracing. The same program, on fresh copies of dist/:
 * - a copy with the tracing hooks cut out (no tracer parameter consulted anywhere: execute()
 *   calls the plain loop directly and the host makes no onCallEnter/onCallExit checks) — the baseline;
 * - an unmodified copy without a tracer (the plain loop, chosen once per frame);
 * - with an empty tracer object (the traced loop, no hooks) and with no-op onStep/onStepEnd hooks (what an
 *   EIP-3155 tracer pays before it formats anything).
 * The variants are interleaved run by run so that they see the same load.
 */
import { checkResult, loadCases } from './lib/cases.js';
import { DIST, loadCopy } from './lib/copy.js';
import { runnerOf } from './lib/evmkit.js';
import { fmtMs, median, table } from './lib/report.js';

const CASE = 'sha1_divs/5311';

/**
 * Source edits that remove the tracing hooks from a copy of dist/; each must match. Both sides of the
 * comparison are fresh copies (lib/copy.js): the dist/ already loaded by the other sections has run 27
 * programs, and V8's type feedback from them alone made it ~5 % slower on this one.
 */
const CUTS = [
  ['evm/interpreter.js', 'tracer === null ? runPlain(frame, gasTable) : runTraced(frame, gasTable, tracer)', 'runPlain(frame, gasTable)'],
  ['evm/interpreter.js', 'if (tracer?.onStepEnd !== undefined) {', 'if (false) {'],
  ['transition/host.js', 'this.tracer?.onCallEnter?.(message);', ''],
  ['transition/host.js', 'this.tracer?.onCallExit?.(message, result);', ''],
];

export async function runTracer({ quick }) {
  const c = loadCases().find((x) => x.name === CASE);
  const cut = await loadCopy(DIST, CUTS);
  const real = await loadCopy(DIST);
  let steps = 0;
  const variants = [
    ['build without tracing hooks', runnerOf(cut.lib, c.code, c.input, null)],
    ['no tracer', runnerOf(real.lib, c.code, c.input, null)],
    ['tracer without hooks', runnerOf(real.lib, c.code, c.input, {})],
    ['no-op onStep + onStepEnd', runnerOf(real.lib, c.code, c.input, { onStep() { steps++; }, onStepEnd() {} })],
  ];
  for (const [name, run] of variants) {
    const problem = checkResult(c, run());
    if (problem !== '') throw new Error(`bench/tracer.js: ${name}: ${problem}`);
  }
  // Single runs alternate between the variants (finer interleaving than one tinybench task per variant:
  // this machine's load changes within seconds); each variant is warmed up first.
  for (const [, run] of variants) for (let i = 0; i < 5; i++) run();
  const times = variants.map(() => []);
  const rounds = quick ? 15 : 60;
  for (let r = 0; r < rounds; r++) {
    for (let v = 0; v < variants.length; v++) {
      const start = performance.now();
      variants[v][1]();
      times[v].push(performance.now() - start);
    }
  }
  cut.remove();
  real.remove();
  const base = median(times[0]);
  const baseMin = Math.min(...times[0]);
  console.log(`\n## Tracer cost (${CASE}, ${c.gasUsed} gas; ${rounds} interleaved runs per variant)\n`);
  table(['variant', 'median ms', 'min ms', 'median vs cut build', 'min vs cut build'], variants.map(([name], v) => [
    name, fmtMs(median(times[v])), fmtMs(Math.min(...times[v])), (median(times[v]) / base).toFixed(2) + '×',
    (Math.min(...times[v]) / baseMin).toFixed(2) + '×']));
}
