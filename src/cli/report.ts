/** Prints state-test results: FAIL lines or JSON records, a progress line on a terminal, the closing counts. */
import type { PoolSink } from '../statetest/pool.js';
import type { CaseRecord } from '../statetest/types.js';

/** Passed / failed / skipped case counts. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/** One line for a failed case: `FAIL file testName fork d/g/v: reason`. */
export function failLine(r: CaseRecord): string {
  if (r.index === undefined) return `FAIL ${r.error ?? r.file}`; // a file that could not be loaded
  const { data, gas, value } = r.index;
  return `FAIL ${r.file} ${r.name} ${r.fork} ${data}/${gas}/${value}: ${r.error ?? 'failed'}`;
}

/** The closing line, e.g. `12345 passed, 3 failed, 2 skipped`. */
export function summaryLine(c: Counts): string {
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`;
}

/** Reporter options. */
export interface ReporterOptions {
  readonly json: boolean;
  /** Draw a progress line on stderr (a terminal only). */
  readonly progress: boolean;
  readonly totalFiles: number;
}

/** Counts results and prints them as they stream in. */
export class Reporter implements PoolSink {
  readonly counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  /** The state root of the most recent case (batch mode prints it). */
  lastStateRoot = '';
  private filesDone = 0;
  private lastDraw = 0;

  constructor(private readonly options: ReporterOptions) {}

  /** Counts a record and prints it (all with --json, failures otherwise). */
  record(r: CaseRecord): void {
    if (r.pass) this.counts.passed++;
    else this.counts.failed++;
    if (r.stateRoot !== undefined) this.lastStateRoot = r.stateRoot;
    if (this.options.json) {
      this.clearProgress();
      process.stdout.write(JSON.stringify(r) + '\n');
    } else if (!r.pass) {
      this.clearProgress();
      process.stdout.write(failLine(r) + '\n');
    }
    this.drawProgress(false);
  }

  /** Counts cases the loader would not run (unsupported fork). */
  skipped(count: number): void {
    this.counts.skipped += count;
  }

  /** Advances the file counter. */
  fileDone(): void {
    this.filesDone++;
    this.drawProgress(false);
  }

  /** Removes the progress line before the closing output. */
  finish(): void {
    this.clearProgress();
  }

  private drawProgress(force: boolean): void {
    if (!this.options.progress) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < 100) return;
    this.lastDraw = now;
    const { passed, failed } = this.counts;
    process.stderr.write(`\r\x1b[K ${this.filesDone}/${this.options.totalFiles} files, ${passed + failed} cases, ${failed} failed`);
  }

  private clearProgress(): void {
    if (this.options.progress && this.lastDraw !== 0) process.stderr.write('\r\x1b[K');
  }
}
