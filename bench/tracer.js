/**
 * Section 3: the cost of tracing. The same program without a tracer (the plain loop), with an empty tracer
 * object (the traced loop, no hooks) and with no-op onStep/onStepEnd hooks (what an EIP-3155 tracer pays
 * before it formats anything). The variants are interleaved in rounds so that they see the same load.
 */
import { Bench } from 'tinybench';
import { loadCases } from './lib/cases.js';
import { evmkitRunner } from './lib/evmkit.js';
import { fmtMs, median, table } from './lib/report.js';

const CASE = 'sha1_divs/5311';

export async function runTracer({ quick }) {
  const c = loadCases().find((x) => x.name === CASE);
  let steps = 0;
  const variants = [
    ['no tracer', evmkitRunner(c.code, c.input, null)],
    ['tracer without hooks', evmkitRunner(c.code, c.input, {})],
    ['no-op onStep + onStepEnd', evmkitRunner(c.code, c.input, { onStep() { steps++; }, onStepEnd() {} })],
  ];
  const times = variants.map(() => []);
  const rounds = quick ? 3 : 7;
  for (let r = 0; r < rounds; r++) {
    for (let v = 0; v < variants.length; v++) {
      const bench = new Bench({ time: quick ? 150 : 500, iterations: 3, warmupTime: 100, warmupIterations: 2 });
      bench.add(variants[v][0], variants[v][1]);
      await bench.run();
      times[v].push(bench.tasks[0].result.latency.p50);
    }
  }
  const base = median(times[0]);
  console.log(`\n## Tracer cost (${CASE}, ${c.gasUsed} gas; median of ${rounds} interleaved rounds of tinybench p50)\n`);
  table(['variant', 'ms', 'vs no tracer'], variants.map(([name], v) => [name, fmtMs(median(times[v])),
    (median(times[v]) / base).toFixed(2) + '×']));
}
