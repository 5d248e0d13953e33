/** `evmkit statetest`: runs official Ethereum state-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { createInterface } from 'node:readline';
import { knownForkNames, parseFork } from '../forks/fork.js';
import { WorkerPool } from '../statetest/pool.js';
import { filterToData, type CaseFilter, type CaseRecord, type StateTestCase } from '../statetest/types.js';
import { FixtureError, loadFixtureFile } from '../statetest/load.js';
import { runCase } from '../statetest/runner.js';
import { Eip3155Tracer } from '../trace/eip3155.js';
import { boolFlag, intFlag, numberFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { collectFixtureFiles } from './files.js';
import { Reporter, summaryLine } from './report.js';

/** Usage text of `evmkit statetest`. */
export const STATETEST_USAGE = `Usage: evmkit statetest [flags] <file|dir>...

Runs state-test fixtures (ethereum/tests GeneralStateTests or execution-spec-tests state_tests).
Directories are searched recursively for *.json files. With no path, fixture file names are read from
stdin, one per line (batch mode, as goevmlab drives it): each file's JSON records go to stdout, followed
by a {"stateRoot": "0x…"} line on stderr.

Flags:
  --fork NAME      run only this fork (e.g. Cancun, Shanghai, ConstantinopleFix)
  --run REGEX      run only tests whose name matches REGEX
  --index N        run only the N-th post entry of each fork (0-based)
  --json           print one JSON record per case on stdout (the closing counts go to stderr)
  --workers N      worker threads (default: ${availableParallelism()})
  --timeout S      per-case time limit in seconds (default: 120)
  --trace          print an EIP-3155 trace of every case on stderr: one JSON line per instruction, then
                   {"output","gasUsed"[,"error"]} for the transaction's own frame (gasUsed without intrinsic
                   gas and refund, as geth) and {"stateRoot":"0x…"}. Cases run one at a time in this
                   process (a debugging aid: --workers and --timeout do not apply)
  --trace.memory   add "memory" to every trace line (implies --trace)
  --trace.returndata add "returnData" to every trace line (implies --trace)
  -h, --help       show this help

Output: a FAIL line per failed case, then "N passed, M failed, K skipped". Exit code 1 if any case
failed, 2 on a usage error.

Examples:
  evmkit statetest fixtures/GeneralStateTests
  evmkit statetest --fork Cancun --run '^add' fixtures/GeneralStateTests/stExample
  evmkit statetest --json --index 0 stExample/add11.json
  evmkit statetest --trace --fork Byzantium stExample/add11.json
  find fixtures -name '*.json' | evmkit statetest --fork Cancun
`;

const FLAGS = {
  fork: 'string',
  run: 'string',
  index: 'string',
  json: 'boolean',
  workers: 'string',
  timeout: 'string',
  trace: 'boolean',
  'trace.memory': 'boolean',
  'trace.returndata': 'boolean',
  help: 'boolean',
} as const;

/** Runs `evmkit statetest` with the arguments after the command name; returns the exit code. */
export async function statetestCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (boolFlag(args, 'help')) {
    process.stdout.write(STATETEST_USAGE);
    return 0;
  }
  const filter = parseFilter(args);
  const json = boolFlag(args, 'json');
  const trace: TraceOptions = { memory: boolFlag(args, 'trace.memory'), returnData: boolFlag(args, 'trace.returndata') };
  if (boolFlag(args, 'trace') || trace.memory || trace.returnData) {
    const files = args.positionals.length === 0 ? undefined : await collectFixtureFiles(args.positionals);
    return runTraced(files, filter, json, trace);
  }
  const pool = new WorkerPool({
    workers: intFlag(args, 'workers', 1) ?? availableParallelism(),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: filterToData(filter),
  });
  try {
    if (args.positionals.length === 0) return await runBatch(pool);
    return await runFiles(pool, await collectFixtureFiles(args.positionals), json);
  } finally {
    await pool.close();
  }
}

/** Reads --fork, --run and --index. */
function parseFilter(args: ParsedArgs): CaseFilter {
  const forkText = stringFlag(args, 'fork');
  const fork = forkText === undefined ? undefined : parseFork(forkText);
  if (forkText !== undefined && fork === undefined) {
    throw new UsageError(`unknown fork '${forkText}' (valid: ${knownForkNames().join(', ')})`);
  }
  const runText = stringFlag(args, 'run');
  let run: RegExp | undefined;
  try {
    run = runText === undefined ? undefined : new RegExp(runText);
  } catch {
    throw new UsageError(`flag --run: invalid regular expression '${runText}'`);
  }
  return { fork, run, index: intFlag(args, 'index', 0) };
}

/** Runs every file, prints results and the closing line; 1 if anything failed. */
async function runFiles(pool: WorkerPool, files: string[], json: boolean): Promise<number> {
  const progress = process.stderr.isTTY === true;
  const reporter = new Reporter({ json, progress, totalFiles: files.length });
  await pool.run(files, reporter);
  reporter.finish();
  (json ? process.stderr : process.stdout).write(summaryLine(reporter.counts) + '\n');
  return reporter.counts.failed > 0 ? 1 : 0;
}

/** Batch mode: fixture names on stdin until EOF; records on stdout, `{"stateRoot": …}` on stderr per file. */
async function runBatch(pool: WorkerPool): Promise<number> {
  let failed = false;
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const file = line.trim();
    if (file === '') continue;
    const reporter = new Reporter({ json: true, progress: false, totalFiles: 1 });
    await pool.run([file], reporter);
    process.stderr.write(JSON.stringify({ stateRoot: reporter.lastStateRoot }) + '\n');
    if (reporter.counts.failed > 0) failed = true;
  }
  return failed ? 1 : 0;
}

/** What --trace.memory and --trace.returndata add to the trace lines. */
interface TraceOptions {
  readonly memory: boolean;
  readonly returnData: boolean;
}

/**
 * --trace: runs the cases in this process, one at a time, tracing each on stderr; records and the closing
 * line as without --trace. With no files, names are read from stdin (batch mode).
 */
async function runTraced(files: string[] | undefined, filter: CaseFilter, json: boolean, trace: TraceOptions): Promise<number> {
  // Batch mode (names on stdin) always prints JSON records, as without --trace.
  const reporter = new Reporter({ json: json || files === undefined, progress: false, totalFiles: files?.length ?? 0 });
  const runFile = async (file: string): Promise<void> => {
    let loaded;
    try {
      loaded = await loadFixtureFile(file, filter);
    } catch (e) {
      const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
      reporter.record({ name: file, file, fork: '', pass: false, error });
      reporter.fileDone();
      return;
    }
    reporter.skipped(loaded.skipped.length);
    for (const c of loaded.cases) reporter.record(await traceCase(c, trace));
    reporter.fileDone();
  };
  if (files !== undefined) {
    for (const file of files) await runFile(file);
  } else {
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const line of lines) if (line.trim() !== '') await runFile(line.trim());
  }
  reporter.finish();
  if (files !== undefined) (json ? process.stderr : process.stdout).write(summaryLine(reporter.counts) + '\n');
  return reporter.counts.failed > 0 ? 1 : 0;
}

/** Runs one case traced (trace, summary and {"stateRoot"} on stderr), in the same run that gives the verdict. */
async function traceCase(c: StateTestCase, options: TraceOptions): Promise<CaseRecord> {
  const write = (text: string) => process.stderr.write(text);
  let tracer: Eip3155Tracer | undefined;
  const record = runCase(c, {
    tracerFor: (state) =>
      (tracer = new Eip3155Tracer({ write, refund: () => state.refund, memory: options.memory, returnData: options.returnData })),
  });
  // Like geth: the summary describes the transaction's own frame (gas without intrinsic cost and refund);
  // a rejected transaction runs no frame and gets none.
  if (tracer?.topLevel !== undefined) tracer.summary(tracer.topLevel);
  tracer?.flush();
  write(JSON.stringify(record.stateRoot === undefined ? { error: record.error } : { stateRoot: record.stateRoot }) + '\n');
  return record;
}
