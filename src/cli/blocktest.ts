/** `evmkit blocktest`: runs official blockchain-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { WorkerPool } from '../statetest/pool.js';
import { CostBook } from '../statetest/costs.js';
import type { CaseFilter } from '../statetest/types.js';
import { boolFlag, numberFlag, parseArgs } from './args.js';
import { collectFixtureFiles } from './files.js';
import type { Selection } from './report.js';
import { batchNotice, filterFlags, parseFormat, parseRun, REPORT_FLAGS, runBatch, runFiles, workerCount } from './suite.js';
import { helpEntry, TRACE_ALIASES, TRACE_FLAGS, traceSettings, traceUsage } from './trace-flags.js';
import { prepareEngine } from '../statetest/engine.js';

/** Usage text of `evmkit blocktest`. */
export const BLOCKTEST_USAGE = `Usage: evmkit blocktest [flags] <file|dir>...
       <fixture names, one per line> | evmkit blocktest [flags]

Runs blockchain-test fixtures (ethereum/tests BlockchainTests or execution-spec-tests blockchain_tests):
each test's genesis is set up on its pre-state, its blocks imported in order (a block with
expectException must be rejected, every other block accepted), then the head's hash and state are
compared with lastblockhash and postState (or postStateHash). Directories are searched recursively for
*.json files; a fixture must be a regular file of at most 256 MiB. With no path, fixture file names are read
from stdin, one per line (batch mode): the results go to stdout (JSON lines unless a format is given), and
each test is followed by a {"stateRoot":"0x…"} line on stderr (a file that gives no test, by
{"stateRoot":"","error":"…"}). Output and exit codes are those of 'evmkit statetest'.

Flags:
${helpEntry('--run REGEX', 'run only tests whose name matches REGEX', 23)}\
${helpEntry('--format F', 'how results are printed on stdout: text (the default: a FAIL line per failed test), json (one JSON record per test: name, file, fork, pass, lastblockhash, stateRoot[, error]; fork is the test\'s network), geth (geth\'s result array [{"name","pass","stateRoot","fork"[,"error"]}]), human (a [PASS] or [FAIL] line per test); with json and geth the SKIP lines and the closing line go to stderr', 23)}\
${helpEntry('--json', 'the same as --format json', 23)}\
${helpEntry('--human', 'the same as --format human (geth\'s --human)', 23)}\
${helpEntry('--dump', 'print the state of each test\'s head as alloc JSON (as run --dump prints it): a STATE block in text and human, a "state" field in json and geth', 23)}\
${helpEntry('--strict', 'fail (exit 3) when any test was skipped, not only when none ran', 23)}\
${helpEntry('--workers N', `worker threads (default and maximum: the ${availableParallelism()} available cores)`, 23)}\
${helpEntry('--timeout S', 'per-test time limit in seconds (default: 120)', 23)}\
${traceUsage(23)}\
${helpEntry('', 'With a trace, every transaction of every block is traced, each ending with its {"output","gasUsed"[,"error"]} line, and each test with {"stateRoot":"0x…"}; the tests run one at a time in this process (--workers and --timeout do not apply)', 23)}\
${helpEntry('-h, --help', 'show this help', 23)}
Output: the results in the chosen format (a FAIL line names the block, the field, and what was expected
and found), a SKIP line per reason tests were skipped (a network evmkit does not know) with the count,
then "N passed, M failed, K skipped". On a terminal a progress line on stderr shows the tests done of the
total, failures, files, rate and time left, and the closing line ends with the time taken.
Exit code: 0 every test that ran passed; 1 a test failed or a fixture file could not be used; 2 bad input
(flag, missing path); 3 no test ran at all, with the reason on stderr, or with --strict, a test was
skipped; 70 an internal error.

Examples (in the repo, B=test/fixtures/blockchain/log1_correct.json):
  evmkit blocktest test/fixtures/blockchain
  evmkit blocktest --run '^log1' --workers 1 --timeout 30 test/fixtures/blockchain
  evmkit blocktest --json $B
  evmkit blocktest --format geth --dump $B
  evmkit blocktest --human --strict test/fixtures/blockchain
  evmkit blocktest --trace $B
  evmkit blocktest --trace.format=md --trace.memory --nostack $B
  evmkit blocktest --trace --trace.returndata --noreturndata=false --nomemory --nostorage $B
  find test/fixtures/blockchain -name '*.json' | evmkit blocktest
`;

/** The flags of `evmkit blocktest` (exported for the help test). */
export const BLOCKTEST_FLAGS = { run: 'string', ...REPORT_FLAGS, ...TRACE_FLAGS, help: 'boolean' } as const;

/** The short tracing names (geth's). */
export const BLOCKTEST_ALIASES = TRACE_ALIASES;

/** Runs `evmkit blocktest` with the arguments after the command name; returns the exit code. */
export async function blocktestCommand(argv: readonly string[]): Promise<number> {
  await prepareEngine();
  const args = parseArgs(argv, BLOCKTEST_FLAGS, BLOCKTEST_ALIASES);
  if (boolFlag(args, 'help')) {
    process.stdout.write(BLOCKTEST_USAGE);
    return 0;
  }
  const filter: CaseFilter = { run: parseRun(args) };
  const format = parseFormat(args);
  const trace = traceSettings(args);
  const dump = boolFlag(args, 'dump');
  const selection: Selection = { paths: args.positionals, filters: filterFlags(args, ['run']), strict: boolFlag(args, 'strict') };
  const batch = args.positionals.length === 0;
  if (batch) batchNotice('blocktest');
  const files = batch ? undefined : await collectFixtureFiles(args.positionals);
  if (trace !== null) {
    // Loaded only here: without a trace the engine runs in the workers and this thread never needs it.
    const [{ runTraced }, { blockTestSuite }] = await Promise.all([import('./traced.js'), import('./blocktest-trace.js')]);
    return runTraced(files, blockTestSuite(filter, trace, dump), format ?? (batch ? 'json' : 'text'), selection);
  }
  const pool = new WorkerPool({
    workers: workerCount(args),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: { run: filter.run?.source },
    extras: { dump, benchSeconds: 0 },
    script: new URL('../blocktest/worker.js', import.meta.url),
    costs: CostBook.open(`blocktest ${filter.run?.source ?? ''}`),
  });
  try {
    return files === undefined ? await runBatch(pool, format ?? 'json', selection) : await runFiles(pool, files, format ?? 'text', selection);
  } finally {
    await pool.close();
  }
}
