/** `evmkit statetest --trace`: cases run one at a time in this process, each traced on stderr (EIP-3155). */
import { FixtureError, loadFixtureFile } from '../statetest/load.js';
import { runCase } from '../statetest/runner.js';
import type { CaseFilter, CaseRecord, StateTestCase } from '../statetest/types.js';
import { Eip3155Tracer } from '../trace/eip3155.js';
import { jsonLine } from './escape.js';
import { fileNamesOnStdin } from './input.js';
import { conclude, Reporter, type Selection } from './report.js';

/** What --trace.memory and --trace.returndata add to the trace lines. */
export interface TraceOptions {
  readonly memory: boolean;
  readonly returnData: boolean;
}

/**
 * --trace: runs the cases in this process, one at a time, tracing each on stderr; records and the closing
 * line as without --trace. With no files, names are read from stdin (batch mode). Every case, and every file
 * that cannot be loaded, ends with one `{"stateRoot": …}` line, so a driver counting those lines keeps step.
 */
export async function runTraced(files: string[] | undefined, filter: CaseFilter, json: boolean, trace: TraceOptions, selection: Selection): Promise<number> {
  // Batch mode (names on stdin) always prints JSON records, as without --trace.
  const reporter = new Reporter({ json: json || files === undefined, progress: false, totalFiles: files?.length ?? 0 });
  let count = 0;
  const runFile = async (file: string): Promise<void> => {
    count++;
    let loaded;
    try {
      loaded = await loadFixtureFile(file, filter);
    } catch (e) {
      const error = e instanceof FixtureError ? e.message : `${file}: ${e instanceof Error ? e.message : String(e)}`;
      reporter.record({ name: file, file, fork: '', pass: false, error });
      process.stderr.write(jsonLine({ stateRoot: '', error }) + '\n');
      reporter.fileDone();
      return;
    }
    reporter.skipped(loaded.skipped);
    for (const c of loaded.cases) reporter.record(await traceCase(c, trace));
    reporter.fileDone();
  };
  if (files !== undefined) {
    for (const file of files) await runFile(file);
  } else {
    for await (const file of fileNamesOnStdin()) await runFile(file);
  }
  reporter.finish();
  return conclude(reporter, count, files === undefined ? null : json ? process.stderr : process.stdout, selection);
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
  const root = record.stateRoot === undefined ? { stateRoot: '', error: record.error } : { stateRoot: record.stateRoot };
  write(jsonLine(root) + '\n');
  return record;
}
