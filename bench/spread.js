/**
 * Run-to-run spread of one program: `node bench/spread.js [DIST] [REGEX] [RUNS]` runs the first program of
 * bench/cases/ whose name matches REGEX (default snailtracer) RUNS times (default 40, at most 10,000) after ten
 * warm-up runs, through the build in DIST (default dist/), and prints each run's time in ms with the garbage
 * collections that ran during it, as `ms(collections:gc ms)`, then the minimum and the median. A spread with
 * the same collections in every run is the machine's (docs/PERFORMANCE.md, "Session 6").
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { checkResult, loadCases } from './lib/cases.js';
import { runnerOf } from './lib/evmkit.js';

const [dist = 'dist', pattern = 'snailtracer', runsText = '40'] = process.argv.slice(2);
if (!/^[1-9][0-9]*$/.test(runsText) || Number(runsText) > 10_000) {
  console.error(`spread: RUNS: expected a whole number from 1 to 10000, got '${runsText}'`);
  process.exit(2);
}
const lib = await import(pathToFileURL(resolve(dist, 'index.js')).href);
await lib.ready?.();
const c = loadCases().find((x) => new RegExp(pattern).test(x.name));
if (c === undefined) {
  console.error(`spread: no program of bench/cases/ matches '${pattern}'`);
  process.exit(2);
}
const run = runnerOf(lib, c.code, c.input);
const problem = checkResult(c, run());
if (problem !== '') {
  console.error(`${c.name}: ${problem}`);
  process.exit(1);
}
let collections = [];
new PerformanceObserver((list) => collections.push(...list.getEntries())).observe({ entryTypes: ['gc'] });
for (let i = 0; i < 10; i++) run();
await new Promise((done) => setTimeout(done, 50)); // the warm-up's collections are reported, then dropped
const times = [];
const cells = [];
for (let i = 0; i < Number(runsText); i++) {
  collections = [];
  const start = performance.now();
  run();
  const ms = performance.now() - start;
  await new Promise((done) => setTimeout(done, 1)); // the observer reports the run's collections
  const gcMs = collections.reduce((sum, e) => sum + e.duration, 0);
  times.push(ms);
  cells.push(`${ms.toFixed(ms < 10 ? 3 : 1)}(${collections.length}:${gcMs.toFixed(1)})`);
}
console.log(`${c.name}: ${cells.join(' ')}`);
const sorted = [...times].sort((a, b) => a - b);
console.log(`minimum ${sorted[0].toFixed(3)} ms, median ${sorted[sorted.length >> 1].toFixed(3)} ms over ${times.length} runs`);
