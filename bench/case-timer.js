/**
 * One build, some programs, a fixed time: `node bench/case-timer.js [DIST] [REGEX] [SECONDS] [WARMUP]` runs each
 * program of bench/cases/ whose name matches REGEX (default: all) through the build in DIST (default: dist/)
 * for WARMUP seconds (default 2), then SECONDS more (default 3), and prints one JSON line: per case the
 * minimum and the median ms of the timed runs. Gas and output are checked first. Run two builds as
 * alternating processes (A B A B …) for a before/after on a busy machine: separate processes keep one
 * build's JIT state away from the other's, which the in-process --baseline of the programs section cannot.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkResult, loadCases } from './lib/cases.js';
import { runnerOf } from './lib/evmkit.js';

const [dist = 'dist', pattern = '.', seconds = '3', warmup = '2'] = process.argv.slice(2);
for (const [name, value] of [['SECONDS', seconds], ['WARMUP', warmup]]) {
  if (!/^[0-9]+(\.[0-9]+)?$/.test(value) || Number(value) > 600) {
    console.error(`case-timer: ${name}: expected seconds (0–600), got '${value}'`);
    process.exit(2);
  }
}
const lib = await import(pathToFileURL(resolve(dist, 'index.js')).href);
await lib.ready?.();
const out = {};
for (const c of loadCases().filter((x) => new RegExp(pattern).test(x.name))) {
  const run = runnerOf(lib, c.code, c.input);
  const problem = checkResult(c, run());
  if (problem !== '') {
    console.error(`${c.name}: ${problem}`);
    process.exit(1);
  }
  let end = performance.now() + Number(warmup) * 1000;
  while (performance.now() < end) run();
  const times = [];
  end = performance.now() + Number(seconds) * 1000;
  do {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  } while (performance.now() < end);
  times.sort((a, b) => a - b);
  out[c.name] = { min: Number(times[0].toFixed(4)), median: Number(times[times.length >> 1].toFixed(4)), runs: times.length };
}
console.log(JSON.stringify(out));
