/** `evmkit blocktest --trace`: how a blockchain test is loaded and traced (the run itself: cli/traced.ts). */
import { loadBlockTestFile, type BlockTest } from '../blocktest/load.js';
import { runBlockTest } from '../blocktest/runner.js';
import type { CaseFilter } from '../statetest/types.js';
import { createTracer } from '../trace/format.js';
import type { StepTracer } from '../trace/steps.js';
import type { TraceSettings } from './trace-flags.js';
import type { TracedSuite } from './traced.js';

/** Blockchain tests for runTraced: every transaction traced, each ending with the summary of its own frame. */
export function blockTestSuite(filter: CaseFilter, trace: TraceSettings, dump: boolean): TracedSuite<BlockTest> {
  return {
    load: async (file) => loadBlockTestFile(file, filter),
    run: (t, write) => {
      let tracer: StepTracer | null = null;
      const end = () => {
        if (tracer?.topLevel !== undefined) tracer.summary(tracer.topLevel);
        tracer?.flush();
        tracer = null;
      };
      const record = runBlockTest(t, {
        dump,
        importOptions: () => ({
          tracerFor: (_index, state) => {
            end();
            return (tracer = createTracer(trace.format, { ...trace, write, refund: () => state.refund }));
          },
        }),
      });
      end();
      return record;
    },
  };
}
