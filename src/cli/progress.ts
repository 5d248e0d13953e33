/**
 * The progress line of a state-test run on a terminal: cases done of the total, failures, rate and time
 * left. Cases are counted as they finish on any worker, so the line moves however the files are ordered.
 * The total is exact once every file has loaded; before that it is estimated from the sizes of the files
 * still to load (shown with '~').
 */
import { statSync } from 'node:fs';

/** Redrawn at most this often (milliseconds). */
const REDRAW_MS = 100;

/** Counts progress and draws it on stderr. */
export class Progress {
  private readonly started = Date.now();
  private readonly sizes = new Map<string, number>();
  private unloadedBytes = 0;
  private loadedBytes = 0;
  private loadedCases = 0;
  private done = 0;
  private failed = 0;
  private filesDone = 0;
  private lastDraw = 0;
  private readonly loadedFiles = new Set<string>();

  /** `files`: the fixture files of the run (their sizes weigh the estimate), or null when they come on stdin. */
  constructor(
    private readonly files: readonly string[] | null,
    private readonly draw: boolean,
  ) {
    for (const file of files ?? []) {
      const size = fileSize(file);
      this.sizes.set(file, size);
      this.unloadedBytes += size;
    }
  }

  /** Seconds since the run started. */
  elapsed(): number {
    return (Date.now() - this.started) / 1000;
  }

  /** A file was loaded with `cases` selected cases. */
  loaded(file: string, cases: number): void {
    if (this.loadedFiles.has(file)) return;
    this.loadedFiles.add(file);
    const size = this.sizes.get(file) ?? 0;
    this.unloadedBytes -= size;
    this.loadedBytes += size;
    this.loadedCases += cases;
    this.redraw(false);
  }

  /** A case (or a file that could not be loaded: `fileLevel`) has finished. */
  finished(pass: boolean, fileLevel: boolean): void {
    this.done++;
    if (!pass) this.failed++;
    if (fileLevel) this.loadedCases++; // its one record stands for the file
    this.redraw(false);
  }

  /** A file has ended. */
  fileEnded(file: string): void {
    this.filesDone++;
    if (!this.loadedFiles.has(file)) this.loaded(file, 0);
    this.redraw(false);
  }

  /** The line as it reads now, e.g. ` 335/~578 cases (58%), 2 failed, 12/71 files, 120 cases/s, 3s left`. */
  line(): string {
    const total = this.total();
    const exact = this.unloadedBytes <= 0 || this.files === null;
    const totalText = total === undefined ? '?' : `${exact ? '' : '~'}${total}`;
    const percent = total === undefined || total === 0 ? '' : ` (${Math.min(100, Math.floor((100 * this.done) / total))}%)`;
    const files = this.files === null ? '' : `, ${this.filesDone}/${this.files.length} files`;
    const seconds = this.elapsed();
    const rate = seconds > 0 ? this.done / seconds : 0;
    let tail = '';
    if (rate > 0) tail += `, ${rate >= 10 ? Math.round(rate) : rate.toFixed(1)} cases/s`;
    if (rate > 0 && total !== undefined && total > this.done) tail += `, ${formatSeconds((total - this.done) / rate)} left`;
    return ` ${this.done}/${totalText} cases${percent}, ${this.failed} failed${files}${tail}`;
  }

  /** Draws the line now (no more than every REDRAW_MS unless `force`). */
  redraw(force: boolean): void {
    if (!this.draw) return;
    const now = Date.now();
    if (!force && now - this.lastDraw < REDRAW_MS) return;
    this.lastDraw = now;
    process.stderr.write(`\r\x1b[K${this.line()}`);
  }

  /** Removes the line (before other output, and at the end). */
  clear(): void {
    if (this.draw && this.lastDraw !== 0) process.stderr.write('\r\x1b[K');
  }

  /** The total number of cases: exact once all files loaded, else extrapolated by size; undefined before any data. */
  private total(): number | undefined {
    if (this.unloadedBytes <= 0 || this.files === null) return this.loadedCases;
    if (this.loadedBytes === 0) return undefined;
    return Math.max(this.done, Math.round(this.loadedCases + (this.unloadedBytes * this.loadedCases) / this.loadedBytes));
  }
}

/** `12.3s`, `3m17s` or `1h02m`: a duration for people. */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0; // reported when the worker reads it
  }
}
