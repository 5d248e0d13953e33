/**
 * Section 1: the 27 programs of bench/cases/, each checked against its reference gas and output (through
 * evmkit and through @ethereumjs/evm) before it is timed, then timed through both, interleaved: for every
 * case, rounds alternate evmkit and ethereumjs so that both see the same machine load.
 */
import { Bench } from 'tinybench';
import { checkResult, loadCases } from './lib/cases.js';
import { evmkitRunner } from './lib/evmkit.js';
import { ethereumjsRunner } from './lib/ethereumjs.js';
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

/** Runs the section; returns false when a case disagrees with its reference. */
export async function runPrograms({ quick, filter, ethereumjs }) {
  const cases = loadCases().filter((c) => filter.test(c.name));
  const rounds = quick ? 1 : 3;
  const rows = [];
  let ok = true;
  for (const c of cases) {
    const kit = evmkitRunner(c.code, c.input);
    // --quick leaves snailtracer out of the ethereumjs side: one run of it there takes 7–12 s.
    const ejs = ethereumjs && !(quick && c.gasUsed > 50_000_000n) ? await ethereumjsRunner(c.code, c.input) : null;
    const problem = checkResult(c, kit()) || (ejs ? prefix('ethereumjs: ', checkResult(c, await ejs())) : '');
    if (problem) {
      ok = false;
      rows.push([c.name, String(c.gasUsed), 'FAIL: ' + problem]);
      continue;
    }
    // A case's time budget: ~1 s per round (50 ms quick), but at least one run. In quick mode ethereumjs is not
    // warmed up on the long cases (a single run of snailtracer takes ~10 s there).
    const time = quick ? 50 : 1000;
    const heavy = c.gasUsed > 1_000_000n;
    const kitTimes = [];
    const ejsTimes = [];
    for (let r = 0; r < rounds; r++) {
      kitTimes.push(await timeTask('evmkit', kit, { time, warmup: true }));
      if (ejs) ejsTimes.push(await timeTask('ethereumjs', ejs, { time, warmup: !(heavy && quick) }));
    }
    const k = median(kitTimes.map((t) => t.p50));
    const e = ejs ? median(ejsTimes.map((t) => t.p50)) : NaN;
    const kMin = Math.min(...kitTimes.map((t) => t.min));
    const eMin = ejs ? Math.min(...ejsTimes.map((t) => t.min)) : NaN;
    const gas = Number(c.gasUsed);
    rows.push([c.name, String(gas), fmtMs(k), ejs ? fmtMs(e) : '-', ejs ? (e / k).toFixed(1) + '×' : '-',
      fmtMs(kMin), ejs ? fmtMs(eMin) : '-', ejs ? (eMin / kMin).toFixed(1) + '×' : '-',
      (gas / k / 1000).toFixed(1), ejs ? (gas / e / 1000).toFixed(1) : '-']);
    if (ejs) Object.assign(rows[rows.length - 1], { ratio: e / k, minRatio: eMin / kMin });
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(`\n## Programs (${cases.length} cases; ${rounds} interleaved round(s) of tinybench: median of the p50s, and the minimum)\n`);
  table(['case', 'gas', 'evmkit ms', 'ethereumjs ms', 'ratio', 'evmkit min', 'ethereumjs min', 'ratio (min)',
    'evmkit Mgas/s', 'ethereumjs Mgas/s'], rows);
  const timed = rows.filter((r) => r.ratio !== undefined);
  if (timed.length > 0) {
    const geo = (xs) => Math.exp(xs.reduce((a, r) => a + Math.log(r), 0) / xs.length).toFixed(2);
    console.log(`\ngeometric mean of ethereumjs/evmkit time ratios over ${timed.length} cases: ` +
      `${geo(timed.map((r) => r.ratio))}× (medians), ${geo(timed.map((r) => r.minRatio))}× (minimums)`);
    if (timed.length < rows.length) console.log('(cases without an ethereumjs time are not in the mean; --quick skips snailtracer there)');
  }
  console.log(ok ? 'every case: gas and output equal to the reference' : 'SOME CASES DISAGREE WITH THEIR REFERENCE');
  return ok;
}

function prefix(p, s) {
  return s ? p + s : '';
}
