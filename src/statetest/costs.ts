/**
 * Per-file run times of earlier runs, so that the worker pool can start the longest files first and the
 * cores finish together (jest does the same with its cached test durations). The estimate is the time the
 * file last took with the same filters; a file never timed is started after the timed ones, in its order.
 * The book is a small JSON file in the user's cache directory ($EVMKIT_COST_FILE overrides the place; the
 * value `off` disables it). Reading or writing it never fails a run: a missing or broken book is empty.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** Files kept at most (the oldest entries are dropped first). */
const MAX_ENTRIES = 50_000;

/** Measured milliseconds per (filters, file). */
export class CostBook {
  private readonly costs: Map<string, number>;
  private changed = false;

  private constructor(private readonly path: string | null, costs: Map<string, number>, private readonly scope: string) {
    this.costs = costs;
  }

  /** The book at the default place (or $EVMKIT_COST_FILE), for runs with the filters described by `scope`. */
  static open(scope: string): CostBook {
    const setting = process.env.EVMKIT_COST_FILE;
    if (setting === 'off') return new CostBook(null, new Map(), scope);
    const cache = process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache');
    const path = setting !== undefined && setting !== '' ? resolve(setting) : join(cache, 'evmkit', 'statetest-costs.json');
    let costs = new Map<string, number>();
    try {
      const data = JSON.parse(readFileSync(path, 'utf8')) as unknown;
      if (data !== null && typeof data === 'object') {
        costs = new Map(Object.entries(data as Record<string, unknown>).filter((e): e is [string, number] => typeof e[1] === 'number'));
      }
    } catch {
      // no book yet, or an unreadable one: start empty
    }
    return new CostBook(path, costs, scope);
  }

  private key(file: string): string {
    return `${this.scope}\u0000${resolve(file)}`;
  }

  /** The last measured time of `file` in milliseconds, or undefined. */
  estimate(file: string): number | undefined {
    return this.costs.get(this.key(file));
  }

  /** Records how long `file` took. */
  record(file: string, ms: number): void {
    const key = this.key(file);
    this.costs.delete(key); // re-inserted last: the newest entries survive trimming
    this.costs.set(key, Math.round(ms));
    this.changed = true;
  }

  /** Task indices of `files` in the order to start them: longest known first, then the rest as given. */
  order(files: readonly string[]): number[] {
    const known: [number, number][] = [];
    const unknown: number[] = [];
    files.forEach((file, i) => {
      const ms = this.estimate(file);
      if (ms === undefined) unknown.push(i);
      else known.push([i, ms]);
    });
    known.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return [...known.map(([i]) => i), ...unknown];
  }

  /** Writes the book back (atomically, through a temporary file); failures are ignored. */
  save(): void {
    if (this.path === null || !this.changed) return;
    const entries = [...this.costs.entries()].slice(-MAX_ENTRIES);
    try {
      mkdirSync(dirname(this.path), { recursive: true });
      const temporary = `${this.path}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(entries)));
      renameSync(temporary, this.path);
      this.changed = false;
    } catch {
      // a read-only home or cache: scheduling just stays in file order next time
    }
  }
}
