/**
 * `npm run fuzz -- --seed S --cases N [--fork F] [--workers W]`: a differential fuzzing campaign of evmkit
 * against @ethereumjs/vm, with a progress line, a summary, and every divergence reduced and written out.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { allForks, defaultForks, forkSpec } from './forks.js';
import type { DivergenceReport, WorkerMessage, WorkerTask } from './protocol.js';
import { newSummary, printSummary, record, type Summary } from './summary.js';

const USAGE = `Usage: npm run fuzz -- [flags]

Differential fuzzing: generated state tests run by evmkit and by @ethereumjs/vm, compared on validity,
status, gas used, logs hash and post-state root. Divergences are reduced and written as state tests.

Flags:
  --seed S        campaign seed (default 1); case i of seed S is always the same case
  --cases N       number of cases (default 1000)
  --fork F        a fork name, a comma-separated list, or 'all' (default: ${defaultForks().map((f) => f.name).join(', ')})
  --workers W     worker threads, at most one per core (default: ${availableParallelism()})
  --out DIR       where divergent cases are written (default fuzz/out)
  --no-shrink     write divergent cases as generated
  --replay I      run case I of the campaign (same --seed and --fork) alone: both outcomes, any divergence
  --file F        check one state-test file (e.g. a written divergence) on both EVMs
  -h, --help      this text

Exit code: 0 when no divergence other than known oracle bugs, 1 otherwise, 2 on a usage error.
`;

class UsageError extends Error {}

interface Options {
  seed: string;
  cases: number;
  forks: string[];
  workers: number;
  outDir: string;
  shrink: boolean;
  replay?: number;
  file?: string;
}

function parse(argv: string[]): Options | 'help' {
  const o: Options = { seed: '1', cases: 1000, forks: defaultForks().map((f) => f.name), workers: availableParallelism(), outDir: 'fuzz/out', shrink: true };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`flag ${flag}: missing value`);
      return v;
    };
    const int = (min: number): number => {
      const v = next();
      if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`flag ${flag}: expected an integer ≥ ${min}, got '${v}'`);
      return Number(v);
    };
    switch (flag) {
      case '-h': case '--help': return 'help';
      case '--seed': o.seed = next(); break;
      case '--cases': o.cases = int(1); break;
      case '--workers': o.workers = Math.min(int(1), availableParallelism()); break; // bounded by cores
      case '--out': o.outDir = next(); break;
      case '--no-shrink': o.shrink = false; break;
      case '--replay': o.replay = int(0); break;
      case '--file': o.file = next(); break;
      case '--fork': o.forks = parseForks(next()); break;
      default: throw new UsageError(`unknown flag '${flag}' (see --help)`);
    }
  }
  return o;
}

function parseForks(text: string): string[] {
  if (text === 'all') return allForks().map((f) => f.name);
  return text.split(',').map((name) => {
    const spec = forkSpec(name.trim());
    if (spec === undefined) throw new UsageError(`--fork: unknown fork '${name}' (valid: ${allForks().map((f) => f.name).join(', ')}, all)`);
    return spec.name;
  });
}

const WORKER = new URL('./worker.js', import.meta.url);
const SINGLE = new URL('./single.js', import.meta.url);
/** Deep call chains recurse in evmkit: workers get the stack evmkit's own pool gives them. */
const STACK_MB = 256;

/** Runs the campaign on worker threads; resolves with the summary. */
async function campaign(o: Options): Promise<Summary> {
  const summary = newSummary(o);
  const workers = Math.min(o.workers, o.cases);
  const started = Date.now();
  const tty = process.stderr.isTTY === true;
  let lastLine = 0;
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastLine < (tty ? 250 : 15_000)) return;
    lastLine = now;
    const rate = summary.cases / Math.max((now - started) / 1000, 0.001);
    const line = `fuzz: ${summary.cases}/${o.cases} cases, ${summary.divergences.length} divergences, ${rate.toFixed(1)} cases/s`;
    process.stderr.write(tty ? `\r${line}\x1b[K` : line + '\n');
  };
  await Promise.all(
    Array.from({ length: workers }, (_, w) => {
      const task: WorkerTask = { seed: o.seed, forks: o.forks, cases: o.cases, worker: w, workers, outDir: resolve(o.outDir), shrink: o.shrink, shrinkPerKind: 3 };
      return new Promise<void>((done, fail) => {
        const worker = new Worker(WORKER, { workerData: task, resourceLimits: { stackSizeMb: STACK_MB } });
        worker.on('message', (m: WorkerMessage | { kind: 'fatal'; message: string }) => {
          if (m.kind === 'fatal') return fail(new Error(`worker ${w}: ${m.message}`));
          if (m.kind === 'divergence') announce(m.report, tty);
          record(summary, m);
          if (m.kind === 'done') {
            void worker.terminate();
            done();
          }
          progress();
        });
        worker.on('error', fail);
      });
    }),
  );
  progress(true);
  if (tty) process.stderr.write('\n');
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

function announce(r: DivergenceReport, tty: boolean): void {
  const text = [`DIVERGENCE ${r.fork} #${r.index} [${r.kind}] ${r.summary}`, `  written: ${r.file}${r.shrunk ? ` (reduced in ${r.shrunk.checks} checks to ${r.shrunk.codeBytes} code bytes)` : ''}`, ...r.details.map((l) => '  ' + l)];
  process.stderr.write((tty ? '\r\x1b[K' : '') + text.join('\n') + '\n');
}

/** --replay and --file: one case on one worker, its report on stdout. */
function single(o: Options): Promise<number> {
  return new Promise((done, fail) => {
    // The fork case i of a campaign over these forks had.
    const fork = o.replay === undefined ? o.forks[0] : o.forks[o.replay % o.forks.length];
    const worker = new Worker(SINGLE, { workerData: { seed: o.seed, fork, index: o.replay, file: o.file }, resourceLimits: { stackSizeMb: STACK_MB } });
    worker.on('message', (m: { kind: 'line'; text: string } | { kind: 'exit'; code: number }) => {
      if (m.kind === 'line') process.stdout.write(m.text + '\n');
      else done(m.code);
    });
    worker.on('error', fail);
  });
}

async function main(): Promise<number> {
  const o = parse(process.argv.slice(2));
  if (o === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (o.replay !== undefined || o.file !== undefined) return single(o);
  const summary = await campaign(o);
  printSummary(summary);
  return summary.divergences.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`fuzz: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof UsageError ? 2 : 1;
  },
);
