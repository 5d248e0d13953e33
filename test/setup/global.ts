/**
 * Once per test run: a temporary directory for the statetest cost book (src/statetest/costs.ts), handed to
 * every test file (env.ts) and removed when the run ends, so that `npm test` writes nothing outside the
 * checkout and the temporary directory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cost book the CLI runs of this test run read and write. */
    costFile: string;
  }
}

/** Makes the run's directory and provides its cost-book path; the returned function removes it. */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-test-run-'));
  project.provide('costFile', join(dir, 'statetest-costs.json'));
  return () => rmSync(dir, { recursive: true, force: true });
}
