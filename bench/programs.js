/**
 * Section 1: the 27 programs of bench/cases/, each checked against its reference gas and output before it is
 * timed, then timed interleaved: for every case, rounds alternate the sides so that all see the same load.
 * The sides: evmkit (dist/), and, as references, @ethereumjs/evm (unless --no-ethereumjs), Hardhat's EDR
 * (revm through eth_call; when installed, unless --no-edr; its output is checked, its gas is not visible) and, with
 * `--baseline DIR`, another build of evmkit (a copy of an older dist/, e.g. made with `cp -r dist /tmp/old`
 * before a change). With a baseline, both evmkit builds run from fresh copies (lib/copy.js), so that they are
 * loaded the same way; ratios are reference time / evmkit time (above 1: evmkit is faster).
 */
import { Bench } from 'tinybench';
import { checkOutput, checkResult, loadCases } from './lib/cases.js';
import { DIST, loadCopy } from './lib/copy.js';
import { evmkitRunner, runnerOf } from './lib/evmkit.js';
import { ethereumjsRunner } from './lib/ethereumjs.js';
import { edrRunnerFactory } from './lib/edr.js';
import { fmtMs, median, table } from './lib/report.js';

/** Times `fn` with tinybench and returns its median and minimum latency in ms. */
async function timeTask(name, fn, { time, warmup }) {
  const bench = new Bench({ time, iterations: 1, warmup, warmupIterations: 1, warmupTime: time });
  bench.add(name, fn);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw r.error ?? new Error(`${name}: ${r.state}`);
  return { p50: r.latency.p50, min: r.latency.min };
}

/** The geometric mean of `xs`, as text. */
function geo(xs) {
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length).toFixed(2);
}

/**
 * Runs the section; returns false when a case disagrees with its reference. `baseline`: a dist/ folder of
 * another evmkit build, or undefined; `rounds`: interleaved rounds per case (default 3, 1 with --quick).
 */
export async function runPrograms({ quick, filter, ethereumjs, edr: edrWanted = true, baseline, rounds: roundsOption }) {
  const cases = loadCases().filter((c) => filter.test(c.name));
  const rounds = roundsOption ?? (quick ? 1 : 3);
  const copies = baseline === undefined ? [] : [await loadCopy(DIST), await loadCopy(baseline)];
  const kitOf = (c) => (copies.length > 0 ? runnerOf(copies[0].lib, c.code, c.input) : evmkitRunner(c.code, c.input));
  const edr = edrWanted ? await edrRunnerFactory() : { missing: '--no-edr' };
  if (edr.missing !== undefined) console.log(`(EDR not run: ${edr.missing})`);
  const refNames = [...(baseline !== undefined ? ['baseline'] : []), ...(ethereumjs ? ['ethereumjs'] : []), ...(edr.runner ? ['edr'] : [])];
  const rows = [];
  const ratios = new Map(refNames.map((n) => [n, { med: [], min: [] }]));
  let ok = true;
  for (const c of cases) {
    // --quick leaves snailtracer out of the ethereumjs side: one run of it there takes 7–12 s.
    const sides = [['evmkit', kitOf(c)]];
    if (baseline !== undefined) sides.push(['baseline', runnerOf(copies[1].lib, c.code, c.input)]);
    if (ethereumjs && !(quick && c.gasUsed > 50_000_000n)) sides.push(['ethereumjs', await ethereumjsRunner(c.code, c.input)]);
    if (edr.runner && !(quick && c.gasUsed > 50_000_000n)) sides.push(['edr', await edr.runner(c.code, c.input)]);
    let problem = '';
    for (const [name, run] of sides) {
      const p = name === 'edr' ? checkOutput(c, await run()) : checkResult(c, await run());
      if (p !== '' && problem === '') problem = name === 'evmkit' ? p : `${name}: ${p}`;
    }
    if (problem) {
      ok = false;
      rows.push([c.name, String(c.gasUsed), 'FAIL: ' + problem]);
      continue;
    }
    // A case's time budget: ~1 s per round (50 ms quick), but at least one run. In quick mode ethereumjs is not
    // warmed up on the long cases (a single run of snailtracer takes ~10 s there).
    const time = quick ? 50 : 1000;
    const heavy = c.gasUsed > 1_000_000n;
    const times = sides.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let s = 0; s < sides.length; s++) {
        const [name, run] = sides[s];
        times[s].push(await timeTask(name, run, { time, warmup: !(heavy && quick && name !== 'evmkit') }));
      }
    }
    const med = times.map((t) => median(t.map((x) => x.p50)));
    const min = times.map((t) => Math.min(...t.map((x) => x.min)));
    const row = [c.name, String(c.gasUsed), fmtMs(med[0]), fmtMs(min[0])];
    for (const ref of refNames) {
      const s = sides.findIndex(([name]) => name === ref);
      if (s < 0) {
        row.push('-', '-', '-', '-');
        continue;
      }
      row.push(fmtMs(med[s]), fmtMs(min[s]), (med[s] / med[0]).toFixed(2) + '×', (min[s] / min[0]).toFixed(2) + '×');
      ratios.get(ref).med.push(med[s] / med[0]);
      ratios.get(ref).min.push(min[s] / min[0]);
    }
    row.push((Number(c.gasUsed) / med[0] / 1000).toFixed(1));
    rows.push(row);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  for (const copy of copies) copy.remove();
  console.log(`\n## Programs (${cases.length} cases; ${rounds} interleaved round(s) of tinybench: median of the p50s, and the minimum)\n`);
  if (baseline !== undefined) console.log(`baseline: ${baseline}\n`);
  const header = ['case', 'gas', 'evmkit ms', 'evmkit min'];
  for (const ref of refNames) header.push(`${ref} ms`, `${ref} min`, `${ref}/evmkit`, `${ref}/evmkit (min)`);
  header.push('evmkit Mgas/s');
  table(header, rows);
  for (const ref of refNames) {
    const { med, min } = ratios.get(ref);
    if (med.length === 0) continue;
    console.log(`\ngeometric mean of ${ref}/evmkit time ratios over ${med.length} cases: ${geo(med)}× (medians), ${geo(min)}× (minimums)`);
    if (med.length < rows.length) console.log(`(cases without a ${ref} time are not in the mean; --quick skips snailtracer on ethereumjs and EDR)`);
  }
  console.log(ok ? `every case: gas and output equal to the reference${edr.runner ? ' (EDR: status and output)' : ''}` : 'SOME CASES DISAGREE WITH THEIR REFERENCE');
  return ok;
}
