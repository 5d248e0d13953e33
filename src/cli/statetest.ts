/** `evmkit statetest`: runs official Ethereum state-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { knownForkNames, parseFork } from '../forks/fork.js';
import { WorkerPool } from '../statetest/pool.js';
import { CostBook } from '../statetest/costs.js';
import { filterToData, type CaseExtras, type CaseFilter } from '../statetest/types.js';
import { boolFlag, intFlag, numberFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { collectFixtureFiles } from './files.js';
import type { Selection } from './report.js';
import { batchNotice, filterFlags, parseFormat, parseRun, REPORT_FLAGS, runBatch, runFiles, workerCount } from './suite.js';
import { helpEntry, TRACE_ALIASES, TRACE_FLAGS, traceSettings, traceUsage } from './trace-flags.js';
import { prepareEngine } from '../statetest/engine.js';

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
  ...REPORT_FLAGS,
  bench: 'boolean',
  ...TRACE_FLAGS,
  help: 'boolean',
} as const;

/** geth's names for our flags, and the short tracing names. */
export const STATETEST_ALIASES = { 'statetest.fork': 'fork', 'statetest.index': 'index', ...TRACE_ALIASES } as const;

/** Seconds of repeated runs per case with --bench. */
const BENCH_SECONDS = 1;

/** Runs `evmkit statetest` with the arguments after the command name; returns the exit code. */
export async function statetestCommand(argv: readonly string[]): Promise<number> {
  await prepareEngine();
  const args = parseArgs(argv, STATETEST_FLAGS, STATETEST_ALIASES);
  if (boolFlag(args, 'help')) {
    process.stdout.write(STATETEST_USAGE);
    return 0;
  }
  const filter = parseFilter(args);
  const format = parseFormat(args);
  const trace = traceSettings(args);
  const extras: CaseExtras = { dump: boolFlag(args, 'dump'), benchSeconds: boolFlag(args, 'bench') ? BENCH_SECONDS : 0 };
  const selection: Selection = { paths: args.positionals, filters: filterFlags(args, ['fork', 'run', 'index']), strict: boolFlag(args, 'strict') };
  const batch = args.positionals.length === 0;
  if (batch) batchNotice('statetest');
  if (trace !== null) {
    if (extras.benchSeconds > 0) throw new UsageError('--bench and a trace do not go together: a traced run is no measurement');
    const files = batch ? undefined : await collectFixtureFiles(args.positionals);
    // Loaded only here: without a trace the engine runs in the workers and this thread never needs it.
    const [{ runTraced }, { stateTestSuite }] = await Promise.all([import('./traced.js'), import('./statetest-trace.js')]);
    return runTraced(files, stateTestSuite(filter, { ...trace, dump: extras.dump }), format ?? (batch ? 'json' : 'text'), selection);
  }
  const pool = new WorkerPool({
    workers: extras.benchSeconds > 0 ? 1 : workerCount(args),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: filterToData(filter),
    extras,
    costs: CostBook.open(`statetest ${JSON.stringify(filterToData(filter))}`),
  });
  try {
    if (batch) return await runBatch(pool, format ?? 'json', selection);
    return await runFiles(pool, await collectFixtureFiles(args.positionals), format ?? 'text', selection);
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
  return { fork, run: parseRun(args), index: intFlag(args, 'index', 0) };
}
