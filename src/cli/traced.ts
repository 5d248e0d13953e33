/**
 * A traced run of `statetest` or `blocktest`: the tests run one at a time in this process, each traced on
 * stderr and followed by its `{"stateRoot"}` line; records, SKIP lines and the closing line as without a
 * trace. Everything of the trace goes through writeStderrSync, so a slow reader slows the run down rather
 * than filling the heap, and a reader that went away ends it.
 */
import { FixtureError } from '../statetest/load.js';
import type { CaseRecord, SkippedCase } from '../statetest/types.js';
import { fileNamesOnStdin } from './input.js';
import type { OutputFormat } from './records.js';
import { conclude, Reporter, stateRootLine, type Selection } from './report.js';
import { writeStderrSync } from './sync-write.js';

/** What a traced run needs to know of one kind of fixture. */
export interface TracedSuite<T> {
  /** The selected tests of a file and the skipped ones; throws (a FixtureError) for a file that cannot be used. */
  load(file: string): Promise<{ readonly tests: readonly T[]; readonly skipped: readonly SkippedCase[] }>;
  /** Runs one test, writing its trace (complete lines) with `write`; never throws. */
  run(test: T, write: (text: string) => void): CaseRecord;
}

/**
 * Runs `files`, or the names on stdin when `files` is undefined (batch mode: a group, a geth array, per file
 * and no closing line). Every test, and every file that cannot be loaded, ends with one `{"stateRoot":…}`
 * line, so a driver counting those lines keeps step. Returns the exit code.
 */
export async function runTraced<T>(files: string[] | undefined, suite: TracedSuite<T>, format: OutputFormat, selection: Selection): Promise<number> {
  const batch = files === undefined;
  const reporter = new Reporter({ format, progress: null, stateRoots: false, colour: process.stdout.isTTY === true });
  let count = 0;
  const runFile = async (file: string): Promise<void> => {
    count++;
    if (batch) reporter.beginGroup();
    let loaded;
    try {
      loaded = await suite.load(file);
    } catch (e) {
      const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
      const record: CaseRecord = { name: file, file, fork: '', pass: false, error };
      reporter.record(record);
      writeStderrSync(stateRootLine(record) + '\n');
      if (batch) reporter.endGroup();
      return;
    }
    reporter.skipped(loaded.skipped);
    for (const test of loaded.tests) {
      const record = suite.run(test, writeStderrSync);
      writeStderrSync(stateRootLine(record) + '\n');
      reporter.record(record);
    }
    if (batch) reporter.endGroup();
  };
  if (batch) {
    for await (const file of fileNamesOnStdin()) await runFile(file);
  } else {
    reporter.beginGroup();
    for (const file of files) await runFile(file);
    reporter.endGroup();
  }
  reporter.finish();
  return conclude(reporter, count, batch ? null : reporter.closingStream, selection);
}
