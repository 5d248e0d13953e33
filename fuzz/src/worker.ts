/** Fuzz worker thread: generates its share of the cases, runs both EVMs, shrinks and writes out divergences. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkCase, explain } from './check.js';
import type { DivergenceKind } from './compare.js';
import { emptyCoverage, type Coverage } from './evmkit.js';
import { forkSpec } from './forks.js';
import { generateCase, toStateTest, type GenCase } from './generate/case.js';
import { knownBug } from './known.js';
import type { WorkerMessage, WorkerTask } from './protocol.js';
import { filled, writeCase } from './report.js';
import { shrink } from './shrink.js';

const port = parentPort!;
const task = workerData as WorkerTask;
const post = (m: WorkerMessage) => port.postMessage(m);

/** The command that regenerates case `index`. */
export function replayCommand(seed: string, fork: string, index: number): string {
  return `npm run fuzz -- --seed ${seed} --fork ${fork} --replay ${index}`;
}

/** The `_info` of a written case. */
function info(c: GenCase, summary: string): Record<string, unknown> {
  return {
    comment: `evmkit differential fuzzing: ${summary}`,
    seed: c.seed,
    index: c.index,
    fork: c.spec.name,
    command: replayCommand(c.seed, c.spec.name, c.index),
    generator: 'fuzz/src/generate (evmkit)',
  };
}

async function main(): Promise<void> {
  const coverage: Record<string, Coverage> = {};
  const shrunkPerKind = new Map<DivergenceKind, number>();
  for (let i = task.worker; i < task.cases; i += task.workers) {
    const forkName = task.forks[i % task.forks.length];
    const spec = forkSpec(forkName)!;
    const c = generateCase(spec, task.seed, i);
    const test = toStateTest(c, info(c, 'generated'));
    const checked = await checkCase(test, (coverage[forkName] ??= emptyCoverage()));
    const d = checked.divergence;
    const known = d === undefined ? undefined : knownBug(test, checked);
    post({ kind: 'case', fork: forkName, status: checked.evmkit?.outcome.status ?? 'error', diverged: d !== undefined && known === undefined, ...(known ? { known } : {}) });
    if (d === undefined || known !== undefined) continue;
    const may = task.shrink && (shrunkPerKind.get(d.kind) ?? 0) < task.shrinkPerKind;
    let reduced = c;
    let shrunk = null;
    if (may) {
      shrunkPerKind.set(d.kind, (shrunkPerKind.get(d.kind) ?? 0) + 1);
      const r = await shrink(c, async (x) => {
        const t = toStateTest(x);
        const k = await checkCase(t);
        return k.divergence?.kind === d.kind && knownBug(t, k) === undefined;
      }, { checks: 400, ms: 90_000 });
      reduced = r.case;
      shrunk = { checks: r.checks, codeBytes: reduced.accounts.reduce((n, a) => n + a.code.reduce((m, p) => m + p.length, 0), 0) };
    }
    const reducedTest = toStateTest(reduced, info(c, d.summary));
    const again = await checkCase(reducedTest);
    const details = again.divergence === undefined ? { trace: ['(the reduced case no longer diverges)'], accounts: [] } : await explain(reducedTest);
    const name = `${forkName}-${task.seed}-${i}`;
    const file = writeCase(task.outDir, name, filled(reducedTest, again.divergence ? again : checked));
    const lines = [...details.trace, ...details.accounts.map((a) => `  account ${a.address} ${a.field}: evmkit ${a.evmkit}, oracle ${a.oracle}`)];
    post({ kind: 'divergence', report: { fork: forkName, index: i, kind: d.kind, summary: (again.divergence ?? d).summary, file, details: lines, shrunk } });
  }
  post({ kind: 'coverage', byFork: coverage });
  post({ kind: 'done' });
}

main().catch((e: unknown) => {
  // A bug in the fuzzer itself: report it as one line and end the worker.
  port.postMessage({ kind: 'fatal', message: e instanceof Error ? e.stack ?? e.message : String(e) });
});
