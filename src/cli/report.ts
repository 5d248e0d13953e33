/** Prints state-test results: FAIL lines or JSON records, a progress line on a terminal, the closing counts. */
import type { PoolSink } from '../statetest/pool.js';
import type { CaseRecord, SkippedCase } from '../statetest/types.js';
import { jsonLine, printable } from './escape.js';

/** Passed / failed / skipped case counts. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

/**
 * One line for a failed case: `FAIL file testName fork d/g/v: reason` (a blockchain test has no d/g/v),
 * non-printable characters escaped.
 */
export function failLine(r: CaseRecord): string {
  if (r.index === undefined && r.fork === '') return printable(`FAIL ${r.error ?? r.file}`); // a file that could not be loaded
  if (r.index === undefined) return printable(`FAIL ${r.file} ${r.name} ${r.fork}: ${r.error ?? 'failed'}`);
  const { data, gas, value } = r.index;
  return printable(`FAIL ${r.file} ${r.name} ${r.fork} ${data}/${gas}/${value}: ${r.error ?? 'failed'}`);
}

/** Skipped cases grouped by reason, in the order the reasons first appeared. */
export class SkipSummary {
  private readonly groups = new Map<string, { cases: number; files: Set<string>; first: SkippedCase }>();

  /** Adds cases the loader did not run. */
  add(cases: readonly SkippedCase[]): void {
    for (const c of cases) {
      let group = this.groups.get(c.reason);
      if (group === undefined) this.groups.set(c.reason, (group = { cases: 0, files: new Set(), first: c }));
      group.cases++;
      group.files.add(c.file);
    }
  }

  /** One line per reason: `SKIP 41 cases: fork Amsterdam not supported (2 files, first: a.json test)`. */
  lines(): string[] {
    return [...this.groups].map(([reason, g]) => {
      const files = g.files.size === 1 ? '1 file' : `${g.files.size} files`;
      const cases = g.cases === 1 ? '1 case' : `${g.cases} cases`;
      return printable(`SKIP ${cases}: ${reason} (${files}, first: ${g.first.file} ${g.first.name})`);
    });
  }
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
  /** Why cases were skipped (printed before the closing line). */
  readonly skips = new SkipSummary();
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
      process.stdout.write(jsonLine(r) + '\n');
    } else if (!r.pass) {
      this.clearProgress();
      process.stdout.write(failLine(r) + '\n');
    }
    this.drawProgress(false);
  }

  /** Counts cases the loader would not run (unsupported fork) and keeps their reasons. */
  skipped(cases: readonly SkippedCase[]): void {
    this.counts.skipped += cases.length;
    this.skips.add(cases);
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

/** What a state-test run was asked for, to explain a run in which no case ran. */
export interface Selection {
  readonly paths: readonly string[];
  /** The selecting flags as given, e.g. `--fork Cancun --run ^add`. */
  readonly filters: string;
}

/**
 * The end of a run: the skip reasons and the closing line on `out` (batch mode, `out` null, prints no
 * closing line: its stderr carries only the goevmlab protocol until stdin ends, then the skip reasons), and
 * the exit code: 1 if a case failed or a file could not be used, 3 with a notice on stderr if no case ran
 * at all (like pytest's "no tests collected": a wrong path or filter must not pass silently), else 0.
 */
export function conclude(reporter: Reporter, files: number, out: NodeJS.WritableStream | null, selection: Selection): number {
  const skips = reporter.skips.lines();
  (out ?? process.stderr).write(skips.map((l) => l + '\n').join(''));
  out?.write(summaryLine(reporter.counts) + '\n');
  const { passed, failed, skipped } = reporter.counts;
  if (failed > 0) return 1;
  if (passed > 0) return 0;
  process.stderr.write(`evmkit: ${printable(nothingRan(files, skipped, selection))}\n`);
  return 3;
}

/** Why a run selected no case. */
function nothingRan(files: number, skipped: number, s: Selection): string {
  if (files === 0) {
    return s.paths.length === 0 ? 'no case ran: no fixture file names on stdin' : `no case ran: no *.json fixture files in ${s.paths.join(', ')}`;
  }
  const inFiles = files === 1 ? 'the fixture file' : `the ${files} fixture files`;
  const skips = skipped === 0 ? '' : `; ${skipped} skipped (see the SKIP lines)`;
  if (s.filters !== '') return `no case ran: nothing in ${inFiles} matched ${s.filters}${skips}`;
  if (skipped > 0) return `no case ran: every case in ${inFiles} was skipped (see the SKIP lines)`;
  return `no case ran: ${inFiles} hold${files === 1 ? 's' : ''} no test case`;
}
