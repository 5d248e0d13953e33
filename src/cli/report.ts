/** Prints state-test results: FAIL lines or JSON records, a progress line on a terminal, the closing counts. */
import type { PoolSink } from '../statetest/pool.js';
import type { CaseRecord, SkippedCase } from '../statetest/types.js';
import { jsonLine, printable } from './escape.js';
import { formatSeconds, type Progress } from './progress.js';
import { writeStderrSync } from './sync-write.js';
import { benchLine, failLine, gethElement, humanLine, isFileRecord, recordLine, stateBlock, type OutputFormat } from './records.js';

export { failLine } from './records.js';

/** Passed / failed / skipped case counts. */
export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
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

/** The closing line, e.g. `12345 passed, 3 failed, 2 skipped`, and ` in 3m17s` when `seconds` is given. */
export function summaryLine(c: Counts, seconds?: number): string {
  const time = seconds === undefined ? '' : ` in ${formatSeconds(seconds)}`;
  return `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped${time}`;
}

/** Reporter options. */
export interface ReporterOptions {
  readonly format: OutputFormat;
  /** The progress line (a terminal only), or null. */
  readonly progress: Progress | null;
  /** Print `{"stateRoot":"0x…"}` on stderr after each case (batch mode, as geth does for goevmlab). */
  readonly stateRoots: boolean;
  /** Colour PASS and FAIL (--human on a terminal). */
  readonly colour: boolean;
}

/** Counts results and prints them as they stream in. */
export class Reporter implements PoolSink {
  readonly counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  /** Why cases were skipped (printed before the closing line). */
  readonly skips = new SkipSummary();
  /** Records printed in the current group (a geth array; a file in batch mode). */
  private inGroup = 0;

  constructor(private readonly options: ReporterOptions) {}

  /** Where the closing line and the skip reasons go: stderr when stdout carries JSON. */
  get closingStream(): NodeJS.WritableStream {
    return this.options.format === 'json' || this.options.format === 'geth' ? process.stderr : process.stdout;
  }

  /** Counts a record and prints it in the run's format. */
  record(r: CaseRecord): void {
    if (r.pass) this.counts.passed++;
    else this.counts.failed++;
    const text = this.format(r);
    const prints = text !== '' || this.options.stateRoots;
    if (prints) this.options.progress?.clear();
    // A geth array element waits for the ',' or ']' that follows it on the next line.
    if (text !== '') process.stdout.write(this.options.format === 'geth' ? text : text + '\n');
    this.inGroup++;
    if (this.options.stateRoots) writeStderrSync(stateRootLine(r) + '\n');
    this.options.progress?.redraw(prints);
  }

  /** Counts cases the loader would not run (unsupported fork) and keeps their reasons. */
  skipped(cases: readonly SkippedCase[]): void {
    this.counts.skipped += cases.length;
    this.skips.add(cases);
  }

  loaded(file: string, cases: number): void {
    this.options.progress?.loaded(file, cases);
  }

  arrived(r: CaseRecord): void {
    this.options.progress?.finished(r.pass, isFileRecord(r));
  }

  ended(file: string): void {
    this.options.progress?.fileEnded(file);
  }

  /** Starts a group of records: a geth array opens when its first record comes (see endGroup). */
  beginGroup(): void {
    this.inGroup = 0;
  }

  /**
   * Ends a group: closes geth's array (`[]` when empty); in batch mode, a file that gave no record still
   * gets its `{"stateRoot"}` line, so a driver waiting for one per file keeps step.
   */
  endGroup(file?: string): void {
    if (this.options.format === 'geth') process.stdout.write(this.inGroup === 0 ? '[]\n' : '\n]\n');
    if (this.options.stateRoots && this.inGroup === 0 && file !== undefined) {
      writeStderrSync(jsonLine({ stateRoot: '', error: `${file}: no case selected` }) + '\n');
    }
    this.inGroup = 0;
  }

  /** Removes the progress line before the closing output. */
  finish(): void {
    this.options.progress?.clear();
  }

  /** Seconds since the run started, when a progress line is drawn (the closing line then shows them). */
  elapsed(): number | undefined {
    return this.options.progress?.elapsed();
  }

  /** The text of one record in the run's format ('' for nothing). */
  private format(r: CaseRecord): string {
    switch (this.options.format) {
      case 'json':
        return recordLine(r);
      case 'geth':
        return (this.inGroup === 0 ? '[\n' : ',\n') + gethElement(r);
      case 'text':
      case 'human': {
        const lines: string[] = [];
        if (this.options.format === 'human') lines.push(humanLine(r, this.options.colour));
        else if (!r.pass) lines.push(failLine(r));
        if (r.state !== undefined) lines.push(stateBlock(r));
        if (r.bench !== undefined) lines.push(benchLine(r, r.bench));
        return lines.join('\n');
      }
    }
  }
}

/** `{"stateRoot":"0x…"}` for a case, `{"stateRoot":"","error":"…"}` for one without a root. */
export function stateRootLine(r: CaseRecord): string {
  return jsonLine(r.stateRoot === undefined ? { stateRoot: '', error: r.error } : { stateRoot: r.stateRoot });
}

/** What a state-test run was asked for, to explain a run in which no case ran. */
export interface Selection {
  readonly paths: readonly string[];
  /** The selecting flags as given, e.g. `--fork Cancun --run ^add`. */
  readonly filters: string;
  /** --strict: a skipped case makes the run fail too (exit 3). */
  readonly strict: boolean;
}

/**
 * The end of a run: the skip reasons and the closing line on `out` (batch mode, `out` null, prints no
 * closing line: its stderr carries only the goevmlab protocol until stdin ends, then the skip reasons), and
 * the exit code: 1 if a case failed or a file could not be used; 3 with a notice on stderr if no case ran
 * at all (like pytest's "no tests collected": a wrong path or filter must not pass silently), or with
 * --strict if any case was skipped; else 0.
 */
export function conclude(reporter: Reporter, files: number, out: NodeJS.WritableStream | null, selection: Selection): number {
  const skips = reporter.skips.lines();
  (out ?? process.stderr).write(skips.map((l) => l + '\n').join(''));
  out?.write(summaryLine(reporter.counts, reporter.elapsed()) + '\n');
  const { passed, failed, skipped } = reporter.counts;
  if (failed > 0) return 1;
  if (passed === 0) {
    process.stderr.write(`evmkit: ${printable(nothingRan(files, skipped, selection))}\n`);
    return 3;
  }
  if (selection.strict && skipped > 0) {
    process.stderr.write(`evmkit: --strict: ${skipped === 1 ? '1 case was' : `${skipped} cases were`} skipped (see the SKIP lines)\n`);
    return 3;
  }
  return 0;
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
