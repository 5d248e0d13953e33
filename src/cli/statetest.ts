/** `evmkit statetest`: runs official Ethereum state-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { knownForkNames, parseFork } from '../forks/fork.js';
import { WorkerPool } from '../statetest/pool.js';
import { filterToData, type CaseExtras, type CaseFilter } from '../statetest/types.js';
import { boolFlag, intFlag, numberFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { collectFixtureFiles } from './files.js';
import { fileNamesOnStdin } from './input.js';
import { Progress } from './progress.js';
import { outputFormat, type OutputFormat } from './records.js';
import { conclude, Reporter, type Selection } from './report.js';
import { helpEntry, TRACE_ALIASES, TRACE_FLAGS, traceSettings, traceUsage } from './trace-flags.js';

/** Usage text of `evmkit statetest`. */
export const STATETEST_USAGE = `Usage: evmkit statetest [flags] <file|dir>...
       <fixture names, one per line> | evmkit statetest [flags]

Runs state-test fixtures (ethereum/tests GeneralStateTests or execution-spec-tests state_tests).
Directories are searched recursively for *.json files, each real directory once (symbolic-link loops are
not followed again). A fixture must be a regular file of at most 256 MiB. With no path, fixture file
names are read from stdin, one per line of at most 4096 bytes (batch mode, as goevmlab drives it): the
results go to stdout (JSON lines unless a format is given) and every case is followed by its
{"stateRoot":"0x…"} line on stderr (a file that gives no case, by {"stateRoot":"","error":"…"}).

Flags:
${helpEntry('--fork NAME, --statetest.fork NAME', 'run only this fork (e.g. Cancun, Shanghai, ConstantinopleFix)', 23)}\
${helpEntry('--run REGEX', 'run only tests whose name matches REGEX', 23)}\
${helpEntry('--index N, --statetest.index N', 'run only the N-th post entry of each fork (0-based)', 23)}\
${helpEntry('--format F', 'how results are printed on stdout: text (the default: a FAIL line per failed case), json (one JSON record per case: name, file, fork, index, pass, stateRoot, logsHash[, error]), geth (geth\'s result array [{"name","pass","stateRoot","fork"[,"error"]}]), human (a [PASS] or [FAIL] line per case); with json and geth the SKIP lines and the closing line go to stderr', 23)}\
${helpEntry('--json', 'the same as --format json', 23)}\
${helpEntry('--human', 'the same as --format human (geth\'s --human)', 23)}\
${helpEntry('--dump', 'print the post-state of every case as alloc JSON (as run --dump prints it): a STATE block in text and human, a "state" field in json and geth', 23)}\
${helpEntry('--bench', 'time every case: run it again and again for about 1 s (each run from the pre-state to the state root, untraced) and print gas, runs, time per run and gas/s (a BENCH line, a "bench" field, geth\'s "benchStats"); one worker, so that cases do not share the cores', 23)}\
${helpEntry('--strict', 'fail (exit 3) when any case was skipped, not only when none ran', 23)}\
${helpEntry('--workers N', `worker threads (default and maximum: the ${availableParallelism()} available cores)`, 23)}\
${helpEntry('--timeout S', 'per-case time limit in seconds (default: 120)', 23)}\
${traceUsage(23)}\
${helpEntry('', 'With a trace, the cases run one at a time in this process (--workers and --timeout do not apply, --bench is refused); each case\'s trace ends with {"output","gasUsed"[,"error"]} for the transaction\'s own frame (gasUsed without intrinsic gas and refund, as geth) and {"stateRoot":"0x…"}', 23)}\
${helpEntry('-h, --help', 'show this help', 23)}
Output: the results in the chosen format, a SKIP line per reason cases were skipped (a fork evmkit does
not know) with the count, then "N passed, M failed, K skipped". On a terminal a progress line on stderr
shows the cases done of the total (~ while estimated), failures, files, rate and time left, and the
closing line ends with the time taken. In batch mode on a terminal, a notice says that names are read
from stdin.
Exit code: 0 every case that ran passed; 1 a case failed or a fixture file could not be used; 2 bad input
(flag, missing path); 3 no case ran at all (no fixture files, filters that match nothing, every case
skipped), with the reason on stderr, or with --strict, a case was skipped; 70 an internal error.

Examples (in the repo, A=fixtures/LegacyConstantinople/GeneralStateTests/stExample/add11.json):
  evmkit statetest fixtures/GeneralStateTests
  evmkit statetest --fork Cancun --run '^yul' --workers 1 --timeout 30 fixtures/GeneralStateTests/stExample
  evmkit statetest --json --index 0 $A
  evmkit statetest --statetest.fork Byzantium --statetest.index 0 --format geth --dump $A
  evmkit statetest --human --bench --fork Cancun fixtures/GeneralStateTests/stExample/yulExample.json
  evmkit statetest --strict fixtures/
  evmkit statetest --trace --fork Byzantium $A
  evmkit statetest --trace.format=md --trace.memory --nostack --fork Byzantium $A
  evmkit statetest --trace --trace.returndata --noreturndata=false --nomemory --nostorage $A
  find fixtures -name '*.json' | evmkit statetest --fork Cancun
`;

/** The flags of `evmkit statetest` (exported for the help test). */
export const STATETEST_FLAGS = {
  fork: 'string',
  run: 'string',
  index: 'string',
  format: 'string',
  json: 'boolean',
  human: 'boolean',
  dump: 'boolean',
  bench: 'boolean',
  strict: 'boolean',
  workers: 'string',
  timeout: 'string',
  ...TRACE_FLAGS,
  help: 'boolean',
} as const;

/** geth's names for our flags, and the short tracing names. */
export const STATETEST_ALIASES = { 'statetest.fork': 'fork', 'statetest.index': 'index', ...TRACE_ALIASES } as const;

/** Seconds of repeated runs per case with --bench. */
const BENCH_SECONDS = 1;

/** Runs `evmkit statetest` with the arguments after the command name; returns the exit code. */
export async function statetestCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, STATETEST_FLAGS, STATETEST_ALIASES);
  if (boolFlag(args, 'help')) {
    process.stdout.write(STATETEST_USAGE);
    return 0;
  }
  const filter = parseFilter(args);
  const format = parseFormat(args);
  const trace = traceSettings(args);
  const extras: CaseExtras = { dump: boolFlag(args, 'dump'), benchSeconds: boolFlag(args, 'bench') ? BENCH_SECONDS : 0 };
  const selection: Selection = { paths: args.positionals, filters: filterFlags(args), strict: boolFlag(args, 'strict') };
  const batch = args.positionals.length === 0;
  if (batch && process.stdin.isTTY === true) {
    process.stderr.write("evmkit statetest: batch mode: reading fixture file names from stdin, one per line (end with Ctrl-D; see 'evmkit statetest --help')\n");
  }
  if (trace !== null) {
    if (extras.benchSeconds > 0) throw new UsageError('--bench and a trace do not go together: a traced run is no measurement');
    const files = batch ? undefined : await collectFixtureFiles(args.positionals);
    // Loaded only here: without a trace the engine runs in the workers and this thread never needs it.
    const { runTraced } = await import('./statetest-trace.js');
    return runTraced(files, filter, format ?? (batch ? 'json' : 'text'), { ...trace, dump: extras.dump }, selection);
  }
  const pool = new WorkerPool({
    workers: extras.benchSeconds > 0 ? 1 : workerCount(args),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: filterToData(filter),
    extras,
  });
  try {
    if (batch) return await runBatch(pool, format ?? 'json', selection);
    return await runFiles(pool, await collectFixtureFiles(args.positionals), format ?? 'text', selection);
  } finally {
    await pool.close();
  }
}

/** --format, --json and --human (one of them at most); undefined when none was given. */
function parseFormat(args: ParsedArgs): OutputFormat | undefined {
  const given: OutputFormat[] = [];
  const text = stringFlag(args, 'format');
  if (text !== undefined) {
    const format = outputFormat(text);
    if (format === undefined) throw new UsageError(`flag --format: unknown format '${text}' (valid: text, json, geth, human)`);
    given.push(format);
  }
  if (boolFlag(args, 'json')) given.push('json');
  if (boolFlag(args, 'human')) given.push('human');
  if (new Set(given).size > 1) throw new UsageError(`give one output format, not ${given.join(' and ')}`);
  return given[0];
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
export async function runFiles(pool: WorkerPool, files: string[], format: OutputFormat, selection: Selection): Promise<number> {
  const terminal = process.stderr.isTTY === true;
  const progress = terminal ? new Progress(files, true) : null;
  const reporter = new Reporter({ format, progress, stateRoots: false, colour: process.stdout.isTTY === true });
  reporter.beginGroup();
  await pool.run(files, reporter);
  reporter.finish();
  reporter.endGroup();
  return conclude(reporter, files.length, reporter.closingStream, selection);
}

/**
 * Batch mode: fixture names on stdin until EOF; each file's records on stdout (a geth array per file with
 * --format geth), and a `{"stateRoot":…}` line on stderr per case, as geth prints them for goevmlab.
 */
export async function runBatch(pool: WorkerPool, format: OutputFormat, selection: Selection): Promise<number> {
  const reporter = new Reporter({ format, progress: null, stateRoots: true, colour: false });
  let files = 0;
  for await (const line of fileNamesOnStdin()) {
    files++;
    reporter.beginGroup();
    await pool.run([line], reporter);
    reporter.endGroup(line);
  }
  return conclude(reporter, files, null, selection);
}
