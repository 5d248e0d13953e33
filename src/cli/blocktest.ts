/** `evmkit blocktest`: runs official blockchain-test fixtures (files, directories, or names on stdin). */
import { availableParallelism } from 'node:os';
import { loadBlockTestFile } from '../blocktest/load.js';
import { runBlockTest } from '../blocktest/runner.js';
import { FixtureError } from '../statetest/load.js';
import { WorkerPool } from '../statetest/pool.js';
import type { CaseFilter } from '../statetest/types.js';
import { Eip3155Tracer } from '../trace/eip3155.js';
import { boolFlag, numberFlag, parseArgs, stringFlag } from './args.js';
import { jsonLine } from './escape.js';
import { collectFixtureFiles } from './files.js';
import { fileNamesOnStdin } from './input.js';
import { conclude, Reporter, type Selection } from './report.js';
import { parseRun, runBatch, runFiles, workerCount } from './statetest.js';

/** Usage text of `evmkit blocktest`. */
export const BLOCKTEST_USAGE = `Usage: evmkit blocktest [flags] <file|dir>...

Runs blockchain-test fixtures (ethereum/tests BlockchainTests or execution-spec-tests blockchain_tests):
each test's genesis is set up on its pre-state, its blocks imported in order (a block with
expectException must be rejected, every other block accepted), then the head's hash and state are
compared with lastblockhash and postState (or postStateHash). Directories are searched recursively for
*.json files; a fixture must be a regular file of at most 256 MiB. With no path, fixture file names are read
from stdin, one per line (batch mode): records go to stdout, then a {"stateRoot": "0x…"} line on stderr.

Flags:
  --run REGEX      run only tests whose name matches REGEX
  --json           print one JSON record per test on stdout: {name, file, fork, pass, lastblockhash,
                   stateRoot, error} (fork is the test's network; the closing counts go to stderr)
  --workers N      worker threads (default and maximum: the ${availableParallelism()} available cores)
  --timeout S      per-test time limit in seconds (default: 120)
  --trace          print an EIP-3155 trace of every transaction on stderr, then {"stateRoot":"0x…"} per
                   test; tests run one at a time in this process (--workers and --timeout do not apply)
  -h, --help       show this help

Output: a FAIL line per failed test naming the block, the field, and what was expected and found; a SKIP
line per reason tests were skipped (a network evmkit does not know); then "N passed, M failed, K skipped".
Exit code: 0 every test that ran passed; 1 a test failed or a fixture file could not be used; 2 bad input
(flag, missing path); 3 no test ran at all, with the reason on stderr; 70 an internal error.

Examples:
  evmkit blocktest BlockchainTests/ValidBlocks/bcExample
  evmkit blocktest --run '^basefeeExample' BlockchainTests/ValidBlocks
  evmkit blocktest --json eest/blockchain_tests/cancun
  find BlockchainTests -name '*.json' | evmkit blocktest
`;

const FLAGS = { run: 'string', json: 'boolean', workers: 'string', timeout: 'string', trace: 'boolean', help: 'boolean' } as const;

/** Runs `evmkit blocktest` with the arguments after the command name; returns the exit code. */
export async function blocktestCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, FLAGS);
  if (boolFlag(args, 'help')) {
    process.stdout.write(BLOCKTEST_USAGE);
    return 0;
  }
  const filter: CaseFilter = { run: parseRun(args) };
  const json = boolFlag(args, 'json');
  const runText = stringFlag(args, 'run');
  const selection: Selection = { paths: args.positionals, filters: runText === undefined ? '' : `--run ${runText}` };
  const files = args.positionals.length === 0 ? undefined : await collectFixtureFiles(args.positionals);
  if (boolFlag(args, 'trace')) return runTraced(files, filter, json, selection);
  const pool = new WorkerPool({
    workers: workerCount(args),
    timeoutMs: (numberFlag(args, 'timeout') ?? 120) * 1000,
    filter: { run: filter.run?.source },
    script: new URL('../blocktest/worker.js', import.meta.url),
  });
  try {
    return files === undefined ? await runBatch(pool, selection) : await runFiles(pool, files, json, selection);
  } finally {
    await pool.close();
  }
}

/** --trace: tests one at a time in this process, every transaction traced on stderr. */
async function runTraced(files: string[] | undefined, filter: CaseFilter, json: boolean, selection: Selection): Promise<number> {
  const reporter = new Reporter({ json: json || files === undefined, progress: false, totalFiles: files?.length ?? 0 });
  const write = (text: string) => process.stderr.write(text);
  let count = 0;
  const runFile = async (file: string): Promise<void> => {
    count++;
    let loaded;
    try {
      loaded = await loadBlockTestFile(file, filter);
    } catch (e) {
      const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
      reporter.record({ name: file, file, fork: '', pass: false, error });
      write(jsonLine({ stateRoot: '', error }) + '\n');
      return;
    }
    reporter.skipped(loaded.skipped);
    for (const t of loaded.tests) {
      let tracer: Eip3155Tracer | null = null;
      const end = () => {
        if (tracer?.topLevel !== undefined) tracer.summary(tracer.topLevel);
        tracer?.flush();
        tracer = null;
      };
      const record = runBlockTest(t, {
        importOptions: () => ({
          tracerFor: (_index, state) => {
            end();
            return (tracer = new Eip3155Tracer({ write, refund: () => state.refund }));
          },
        }),
      });
      end();
      reporter.record(record);
      write(jsonLine(record.stateRoot === undefined ? { stateRoot: '', error: record.error } : { stateRoot: record.stateRoot }) + '\n');
    }
    reporter.fileDone();
  };
  for await (const file of files ?? fileNamesOnStdin()) await runFile(file);
  reporter.finish();
  return conclude(reporter, count, files === undefined ? null : json ? process.stderr : process.stdout, selection);
}
