/**
 * State reads of two builds, side by side in one process: the same straight-line programs (PUSH20 address,
 * BALANCE / EXTCODESIZE / EXTCODEHASH / SLOAD, POP; 2,000 bodies) through each build's StateHost, runs
 * alternating (in flipped order every other round), so both see the same load. For checking that a change to the state engine leaves the
 * interpreter's reads as fast as they were; copy the old build's dist/ aside first (it must be able to
 * resolve node_modules, e.g. a directory inside the repository or one with a node_modules link).
 *
 *   node bench/ab-reads.js OLD_DIST NEW_DIST [--runs N]
 *
 * Prints ns per body (minimum and median of the runs). Not a test.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runnerOf } from './lib/evmkit.js';
import { CONTRACT } from './lib/cases.js';

const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const RUNS = runsAt >= 0 ? Number(args[runsAt + 1]) : 60;
const dists = args.filter((a, i) => !a.startsWith('--') && (runsAt < 0 || i !== runsAt + 1));
if (dists.length !== 2 || !(RUNS > 0)) {
  process.stderr.write('usage: node bench/ab-reads.js OLD_DIST NEW_DIST [--runs N]\n');
  process.exit(2);
}
const libs = await Promise.all(dists.map((d) => import(pathToFileURL(resolve(d, 'index.js')).href)));
const push20 = '73' + CONTRACT.slice(2);
const bodies = {
  BALANCE: push20 + '3150',
  EXTCODESIZE: push20 + '3b50',
  EXTCODEHASH: push20 + '3f50',
  'SLOAD (a set slot)': '6001' + '5450', // slot 1 of the running contract, set below
  'SLOAD (an unset slot)': '6002' + '5450',
};
const BODIES = 2000;
console.log(`| read | ${dists.map((d) => `${d} min`).join(' | ')} | ${dists.map((d) => `${d} median`).join(' | ')} |`);
console.log(`| --- | ${dists.map(() => '---:').join(' | ')} | ${dists.map(() => '---:').join(' | ')} |`);
for (const [name, body] of Object.entries(bodies)) {
  const code = Uint8Array.from(Buffer.from(body.repeat(BODIES) + '00', 'hex'));
  const runners = libs.map((lib) => runnerOf(lib, code, new Uint8Array(0), null, undefined, new Map([[1n, 7n]])));
  for (const run of runners) for (let i = 0; i < 30; i++) run(); // warm-up
  const times = runners.map(() => []);
  for (let r = 0; r < RUNS; r++) {
    // The order flips every round: the build that runs second was measurably slower (its neighbour's garbage).
    for (const i of r % 2 === 0 ? [0, 1] : [1, 0]) {
      const t = performance.now();
      runners[i]();
      times[i].push(((performance.now() - t) * 1e6) / BODIES);
    }
  }
  const sorted = times.map((t) => t.sort((a, b) => a - b));
  console.log(`| ${name} | ${sorted.map((t) => t[0].toFixed(1)).join(' | ')} | ${sorted.map((t) => t[t.length >> 1].toFixed(1)).join(' | ')} |`);
}
