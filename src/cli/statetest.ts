/** `evmkit statetest`: runs official Ethereum state-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { knownForkNames, parseFork } from '../forks/fork.js';
import { WorkerPool } from '../statetest/pool.js';
import { filterToData, type CaseFilter } from '../statetest/types.js';
import { boolFlag, intFlag, numberFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { jsonLine } from './escape.js';
import { collectFixtureFiles } from './files.js';
import { fileNamesOnStdin } from './input.js';
import { conclude, Reporter, type Selection } from './report.js';

/** Usage text of `evmkit statetest`. */
export const STATETEST_USAGE = `Usage: evmkit statetest [flags] <file|dir>...

Runs state-test fixtures (ethereum/tests GeneralStateTests or execution-spec-tests state_tests).
Directories are searched recursively for *.json files, each real directory once (symbolic-link loops are
not followed again). A fixture must be a regular file of at most 256 MiB. With no path, fixture file
names are read from stdin, one per line of at most 4096 bytes (batch mode, as goevmlab drives it): each
file's JSON records go to stdout, followed by a {"stateRoot": "0x…"} line on stderr.

Flags:
  --fork NAME      run only this fork (e.g. Cancun, Shanghai, ConstantinopleFix)
  --run REGEX      run only tests whose name matches REGEX
  --index N        run only the N-th post entry of each fork (0-based)
  --json           print one JSON record per case on stdout (the closing counts go to stderr)
  --workers N      worker threads (default and maximum: the ${availableParallelism()} available cores)
  --timeout S      per-case time limit in seconds (default: 120)
  --trace          print an EIP-3155 trace of every case on stderr: one JSON line per instruction, then
                   {"output","gasUsed"[,"error"]} for the transaction's own frame (gasUsed without intrinsic
                   gas and refund, as geth) and {"stateRoot":"0x…"}. Cases run one at a time in this
                   process (a debugging aid: --workers and --timeout do not apply)
  --trace.memory   add "memory" to every trace line (implies --trace)
  --trace.returndata add "returnData" to every trace line (implies --trace)
  -h, --help       show this help

Output: a FAIL line per failed case, a SKIP line per reason cases were skipped (a fork evmkit does not
know), then "N passed, M failed, K skipped".
Exit code: 0 every case that ran passed; 1 a case failed or a fixture file could not be used; 2 bad input
(flag, missing path); 3 no case ran at all (no fixture files, filters that match nothing, every case
skipped), with the reason on stderr; 70 an internal error.

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
  const trace = { memory: boolFlag(args, 'trace.memory'), returnData: boolFlag(args, 'trace.returndata') };
  const selection: Selection = { paths: args.positionals, filters: filterFlags(args) };
  if (boolFlag(args, 'trace') || trace.memory || trace.returnData) {
    const files = args.positionals.length === 0 ? undefined : await collectFixtureFiles(args.positionals);
    // Loaded only here: without --trace the engine runs in the workers and this thread never needs it.
    const { runTraced } = await import('./statetest-trace.js');
    return runTraced(files, filter, json, trace, selection);
  }
  const pool = new WorkerPool({
    workers: workerCount(args),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: filterToData(filter),
  });
  try {
    if (args.positionals.length === 0) return await runBatch(pool, selection);
    return await runFiles(pool, await collectFixtureFiles(args.positionals), json, selection);
  } finally {
    await pool.close();
  }
}

/**
 * --workers, at most one per core: each worker holds a copy of the engine and a large stack, and more
 * threads than cores only share the same CPUs (1,000 asked threads once took 4 GB).
 */
export function workerCount(args: ParsedArgs): number {
  const cores = availableParallelism();
  const asked = intFlag(args, 'workers', 1);
  if (asked === undefined) return cores;
  if (asked > cores) process.stderr.write(`evmkit: --workers ${asked} is more than the ${cores} available cores; using ${cores}\n`);
  return Math.min(asked, cores);
}

/** The selecting flags as given, for the notice of a run in which no case ran. */
function filterFlags(args: ParsedArgs): string {
  return (['fork', 'run', 'index'] as const)
    .flatMap((name) => {
      const v = stringFlag(args, name);
      return v === undefined ? [] : [`--${name} ${v}`];
    })
    .join(' ');
}

/** Reads --run (shared with `blocktest`). */
export function parseRun(args: ParsedArgs): RegExp | undefined {
  const runText = stringFlag(args, 'run');
  try {
    return runText === undefined ? undefined : new RegExp(runText);
  } catch {
    throw new UsageError(`flag --run: invalid regular expression '${runText}'`);
  }
}

/** Reads --fork, --run and --index. */
function parseFilter(args: ParsedArgs): CaseFilter {
  const forkText = stringFlag(args, 'fork');
  const fork = forkText === undefined ? undefined : parseFork(forkText);
  if (forkText !== undefined && fork === undefined) {
    throw new UsageError(`unknown fork '${forkText}' (valid: ${knownForkNames().join(', ')})`);
  }
  return { fork, run: parseRun(args), index: intFlag(args, 'index', 0) };
}

/** Runs every file, prints results and the closing line; returns the exit code (shared with `blocktest`). */
export async function runFiles(pool: WorkerPool, files: string[], json: boolean, selection: Selection): Promise<number> {
  const progress = process.stderr.isTTY === true;
  const reporter = new Reporter({ json, progress, totalFiles: files.length });
  await pool.run(files, reporter);
  reporter.finish();
  return conclude(reporter, files.length, json ? process.stderr : process.stdout, selection);
}

/** Batch mode: fixture names on stdin until EOF; records on stdout, `{"stateRoot": …}` on stderr per file. */
export async function runBatch(pool: WorkerPool, selection: Selection): Promise<number> {
  const reporter = new Reporter({ json: true, progress: false, totalFiles: 0 });
  let files = 0;
  for await (const line of fileNamesOnStdin()) {
    files++;
    reporter.lastStateRoot = '';
    await pool.run([line], reporter);
    process.stderr.write(jsonLine({ stateRoot: reporter.lastStateRoot }) + '\n');
  }
  return conclude(reporter, files, null, selection);
}

