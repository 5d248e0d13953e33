/** `evmkit statetest --trace`: cases run one at a time in this process, each traced on stderr. */
import { runCaseWith } from '../statetest/extras.js';
import { FixtureError, loadFixtureFile } from '../statetest/load.js';
import type { CaseFilter, CaseRecord, StateTestCase } from '../statetest/types.js';
import { createTracer } from '../trace/format.js';
import type { StepTracer } from '../trace/steps.js';
import { fileNamesOnStdin } from './input.js';
import type { OutputFormat } from './records.js';
import { conclude, Reporter, stateRootLine, type Selection } from './report.js';
import type { TraceSettings } from './trace-flags.js';

/** What to trace, and whether to dump each post-state. */
export interface TracedRunOptions extends TraceSettings {
  readonly dump: boolean;
}

/**
 * --trace: runs the cases in this process, one at a time, tracing each on stderr; records and the closing
 * line as without --trace. With no files, names are read from stdin (batch mode). Every case, and every file
 * that cannot be loaded, ends with one `{"stateRoot": …}` line, so a driver counting those lines keeps step.
 */
export async function runTraced(files: string[] | undefined, filter: CaseFilter, format: OutputFormat, options: TracedRunOptions, selection: Selection): Promise<number> {
  const batch = files === undefined;
  const reporter = new Reporter({ format, progress: null, stateRoots: false, colour: process.stdout.isTTY === true });
  let count = 0;
  const runFile = async (file: string): Promise<void> => {
    count++;
    if (batch) reporter.beginGroup();
    let loaded;
    try {
      loaded = await loadFixtureFile(file, filter);
    } catch (e) {
      const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
      const record: CaseRecord = { name: file, file, fork: '', pass: false, error };
      reporter.record(record);
      process.stderr.write(stateRootLine(record) + '\n');
      if (batch) reporter.endGroup();
      return;
    }
    reporter.skipped(loaded.skipped);
    for (const c of loaded.cases) reporter.record(traceCase(c, options));
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

/** Runs one case traced (trace, summary and {"stateRoot"} on stderr), in the same run that gives the verdict. */
function traceCase(c: StateTestCase, options: TracedRunOptions): CaseRecord {
  const write = (text: string) => process.stderr.write(text);
  let tracer: StepTracer | undefined;
  const record = runCaseWith(c, { dump: options.dump, benchSeconds: 0 }, (state) => (tracer = createTracer(options.format, { ...options, write, refund: () => state.refund })));
  // Like geth: the summary describes the transaction's own frame (gas without intrinsic cost and refund);
  // a rejected transaction runs no frame and gets none.
  if (tracer?.topLevel !== undefined) tracer.summary(tracer.topLevel);
  tracer?.flush();
  write(stateRootLine(record) + '\n');
  return record;
}
