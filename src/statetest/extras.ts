/** What `statetest --dump` and `--bench` add to a case's record: the post-state, timings of repeated runs. */
import { allocToJson } from '../state/alloc.js';
import { runCase, type RunCaseOptions } from './runner.js';
import type { BenchStats, CaseExtras, CaseRecord, StateTestCase } from './types.js';

/** Runs a case (traced when `tracerFor` is given) and adds the extras asked for to its record. */
export function runCaseWith(c: StateTestCase, extras: CaseExtras, tracerFor?: RunCaseOptions['tracerFor']): CaseRecord {
  let gasUsed = 0n;
  let state: Record<string, unknown> | undefined;
  const record = runCase(c, {
    tracerFor,
    inspect: (post, result) => {
      gasUsed = result.gasUsed;
      if (extras.dump) state = allocToJson(post.toAlloc());
    },
  });
  if (record.error?.startsWith('internal error') === true) return record;
  return {
    ...record,
    ...(state === undefined ? {} : { state }),
    ...(extras.benchSeconds > 0 ? { bench: bench(c, extras.benchSeconds, gasUsed) } : {}),
  };
}

/**
 * Runs the case again and again, untraced and unverified beyond what runCase does, until `seconds` of run
 * time have passed (at least one run), after a fifth of that spent warming up: the first runs of a case
 * compile the code paths it takes and were three times slower than the later ones here.
 */
function bench(c: StateTestCase, seconds: number, gasUsed: bigint): BenchStats {
  const warmUntil = process.hrtime.bigint() + BigInt(Math.round((seconds * 1e9) / 5));
  do runCase(c);
  while (process.hrtime.bigint() < warmUntil);
  const budget = seconds * 1e9;
  let nanos = 0;
  let runs = 0;
  while (runs === 0 || nanos < budget) {
    const start = process.hrtime.bigint();
    runCase(c);
    nanos += Number(process.hrtime.bigint() - start);
    runs++;
  }
  return { runs, nanos, gasUsed: gasUsed.toString() };
}
