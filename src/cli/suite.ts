/**
 * What `statetest` and `blocktest` share: the reporting flags (output format, --dump, --strict, workers,
 * time limit) and how they are read, the batch-mode notice, and the two ways a run is driven (files given,
 * or names on stdin), so that both commands report alike through one Reporter.
 */
import { availableParallelism } from 'node:os';
import type { WorkerPool } from '../statetest/pool.js';
import { boolFlag, intFlag, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { fileNamesOnStdin } from './input.js';
import { Progress } from './progress.js';
import { outputFormat, type OutputFormat } from './records.js';
import { conclude, Reporter, type Selection } from './report.js';

/** The reporting flags of both fixture commands, for their FlagSpecs. */
export const REPORT_FLAGS = {
  format: 'string',
  json: 'boolean',
  human: 'boolean',
  dump: 'boolean',
  strict: 'boolean',
  workers: 'string',
  timeout: 'string',
} as const;

/** --format, --json and --human (one of them at most); undefined when none was given. */
export function parseFormat(args: ParsedArgs): OutputFormat | undefined {
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

/** Reads --run. */
export function parseRun(args: ParsedArgs): RegExp | undefined {
  const runText = stringFlag(args, 'run');
  try {
    return runText === undefined ? undefined : new RegExp(runText);
  } catch {
    throw new UsageError(`flag --run: invalid regular expression '${runText}'`);
  }
}

/** The selecting flags as given (of `names`), for the notice of a run in which no case ran. */
export function filterFlags(args: ParsedArgs, names: readonly string[]): string {
  return names
    .flatMap((name) => {
      const v = stringFlag(args, name);
      return v === undefined ? [] : [`--${name} ${v}`];
    })
    .join(' ');
}

/** With no path and a terminal on stdin, says that names are read from there (else the run seems to hang). */
export function batchNotice(command: string): void {
  if (process.stdin.isTTY !== true) return;
  process.stderr.write(`evmkit ${command}: batch mode: reading fixture file names from stdin, one per line (end with Ctrl-D; see 'evmkit ${command} --help')\n`);
}

/** Runs every file on the pool, prints results and the closing line; returns the exit code. */
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
