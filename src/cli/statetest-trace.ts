/** `evmkit statetest --trace`: how a state-test case is loaded and traced (the run itself: cli/traced.ts). */
import { runCaseWith } from '../statetest/extras.js';
import { loadFixtureFile } from '../statetest/load.js';
import type { CaseFilter, CaseRecord, StateTestCase } from '../statetest/types.js';
import { createTracer } from '../trace/format.js';
import type { StepTracer } from '../trace/steps.js';
import type { TraceSettings } from './trace-flags.js';
import type { TracedSuite } from './traced.js';

/** What to trace, and whether to dump each post-state. */
export interface TracedRunOptions extends TraceSettings {
  readonly dump: boolean;
}

/** State tests for runTraced: the cases `filter` selects, each traced in the same run that gives its verdict. */
export function stateTestSuite(filter: CaseFilter, options: TracedRunOptions): TracedSuite<StateTestCase> {
  return {
    load: async (file) => {
      const loaded = await loadFixtureFile(file, filter);
      return { tests: loaded.cases, skipped: loaded.skipped };
    },
    run: (c, write) => traceCase(c, options, write),
  };
}

/** Runs one case traced: its trace and the summary of the transaction's own frame. */
function traceCase(c: StateTestCase, options: TracedRunOptions, write: (text: string) => void): CaseRecord {
  let tracer: StepTracer | undefined;
  const record = runCaseWith(c, { dump: options.dump, benchSeconds: 0 }, (state) => (tracer = createTracer(options.format, { ...options, write, refund: () => state.refund })));
  // Like geth: the summary describes the transaction's own frame (gas without intrinsic cost and refund);
  // a rejected transaction runs no frame and gets none.
  if (tracer?.topLevel !== undefined) tracer.summary(tracer.topLevel);
  tracer?.flush();
  return record;
}
