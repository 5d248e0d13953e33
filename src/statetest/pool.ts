/**
 * The worker pool: runs fixture files on worker threads (always, even with one worker: a case that runs past
 * its time limit can only be stopped by terminating its thread), streams records back in file order, and
 * enforces the per-case time limit by terminating a worker that runs too long and resuming its file on a
 * fresh one. Workers keep Node's default stack: call depth does not use the JavaScript stack (evm/interpreter.ts).
 */
import { Worker } from 'node:worker_threads';
import type { FileTask, WorkerMessage } from './protocol.js';
import type { CaseExtras, CaseFilterData, CaseRecord, SkippedCase } from './types.js';
import type { CostBook } from './costs.js';

/** Where the pool delivers results, in file order; `loaded` and `arrived` report progress as it happens. */
export interface PoolSink {
  record(record: CaseRecord): void;
  /** Cases found but not run, with the reason for each. */
  skipped(cases: readonly SkippedCase[]): void;
  /** Called once per file, in order, after its last record. */
  fileDone?(file: string): void;
  /** A file was loaded: it has `cases` selected cases (called in the order files load, not file order). */
  loaded?(file: string, cases: number): void;
  /** A record came in (called at once, before any wait for the order of files). */
  arrived?(record: CaseRecord): void;
  /** A file ended (in the order files end). */
  ended?(file: string): void;
}

/** Pool settings. */
export interface PoolOptions {
  readonly workers: number;
  /** Per-case time limit in milliseconds. */
  readonly timeoutMs: number;
  readonly filter: CaseFilterData;
  /** The post-state dump and bench timings to add to each record. */
  readonly extras?: CaseExtras;
  /** The worker module speaking protocol.ts (default: the state-test worker; blocktest/worker.js runs blockchain tests). */
  readonly script?: URL;
  /**
   * Earlier runs' times per file: files start longest first (results still come in file order), and the
   * times of this run are recorded into it. Without it, files start in order.
   */
  readonly costs?: CostBook;
}

type Event = { readonly record: CaseRecord } | { readonly skipped: readonly SkippedCase[] };

interface TaskState {
  readonly file: string;
  done: boolean;
  buffer: Event[];
  /** Milliseconds its workers spent on it (loading included), for the cost book. */
  spent: number;
}

interface Current {
  readonly task: number;
  /** When the task was handed to the worker (for the cost book). */
  readonly started: number;
  since: number;
  /** The case running now (null while the file loads). */
  running: { ordinal: number; name: string; fork: string; index?: CaseRecord['index'] } | null;
}

interface Slot {
  worker: Worker;
  current: Current | null;
  /** The worker has sent at least one message. */
  heard: boolean;
}

/** One `run` in progress. */
interface Run {
  readonly tasks: TaskState[];
  readonly sink: PoolSink;
  /** Resumptions after a timeout, served before new files. */
  readonly resume: { task: number; startAt: number }[];
  /** Task indices in the order they are started. */
  readonly order: readonly number[];
  nextFile: number;
  head: number;
  /** Events held back because an older file is still running. */
  buffered: number;
  finish: () => void;
  fail: (error: Error) => void;
}

/**
 * New files are handed out while fewer events than this wait behind an unfinished older file. The bound is on
 * records, not files: one long file (vmPerformance/loopMul, 3 cases of ~15 s) must not stall the other
 * workers, which a window of a few files did. A record is a few hundred bytes.
 */
const MAX_BUFFERED_EVENTS = 100_000;

/** A pool of state-test worker threads; reusable across `run` calls (batch mode), then `close`. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private run_: Run | null = null;
  private watchdog: NodeJS.Timeout | null = null;
  /** Workers that died before doing anything, in a row: a broken worker script must not respawn forever. */
  private idleCrashes = 0;

  constructor(private readonly options: PoolOptions) {}

  /** Runs every selected case of `files`, delivering records to `sink` in file order. */
  run(files: readonly string[], sink: PoolSink): Promise<void> {
    if (this.run_ !== null) throw new Error('WorkerPool.run is already running');
    if (files.length === 0) return Promise.resolve();
    const wanted = Math.max(1, Math.min(this.options.workers, files.length));
    while (this.slots.length < wanted) this.slots.push({ worker: this.spawn(), current: null, heard: false });
    return new Promise<void>((resolve, reject) => {
      const tasks = files.map((file) => ({ file, done: false, buffer: [], spent: 0 }));
      const order = this.options.costs?.order(files) ?? files.map((_, i) => i);
      this.run_ = { tasks, sink, resume: [], order, nextFile: 0, head: 0, buffered: 0, finish: resolve, fail: reject };
      const period = Math.max(10, Math.min(1000, this.options.timeoutMs / 10));
      this.watchdog = setInterval(() => this.checkTimeouts(), period);
      for (const slot of this.slots) this.dispatch(slot);
    }).finally(() => {
      if (this.watchdog !== null) clearInterval(this.watchdog);
      this.watchdog = null;
      this.run_ = null;
      this.options.costs?.save();
    });
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(this.options.script ?? new URL('./worker.js', import.meta.url), {
      workerData: { filter: this.options.filter, extras: this.options.extras ?? { dump: false, benchSeconds: 0 } },
    });
    worker.on('message', (m: WorkerMessage) => this.onMessage(worker, m));
    worker.on('error', (e: Error) => this.onCrash(worker, `worker crashed: ${e.message}`));
    worker.on('exit', (code) => this.onCrash(worker, `worker exited with code ${code}`));
    return worker;
  }

  private slotOf(worker: Worker): Slot | undefined {
    return this.slots.find((s) => s.worker === worker);
  }

  /** Gives an idle slot its next piece of work, if any is allowed yet. */
  private dispatch(slot: Slot): void {
    const run = this.run_;
    if (run === null || slot.current !== null) return;
    let work = run.resume.shift();
    if (work === undefined && run.nextFile < run.tasks.length) {
      if (run.buffered >= MAX_BUFFERED_EVENTS) return;
      work = { task: run.order[run.nextFile++], startAt: 0 };
    }
    if (work === undefined) return;
    const now = Date.now();
    slot.current = { task: work.task, started: now, since: now, running: null };
    const message: FileTask = { task: work.task, file: run.tasks[work.task].file, startAt: work.startAt };
    slot.worker.postMessage(message);
  }

  private onMessage(worker: Worker, m: WorkerMessage): void {
    const slot = this.slotOf(worker);
    if (slot === undefined) return;
    slot.heard = true;
    this.idleCrashes = 0;
    if (m.kind === 'ready' && slot.current !== null) slot.current.since = Date.now();
    if (slot.current === null || slot.current.task !== m.task) return;
    switch (m.kind) {
      case 'loading':
        slot.current.since = Date.now(); // the worker's own start-up time is not the file's
        return;
      case 'loaded':
        this.run_?.sink.loaded?.(this.run_.tasks[m.task].file, m.cases);
        return;
      case 'start':
        slot.current.since = Date.now();
        slot.current.running = { ordinal: m.ordinal, name: m.name, fork: m.fork, index: m.index };
        return;
      case 'record':
        this.deliver(m.task, { record: m.record });
        return;
      case 'skip':
        this.deliver(m.task, { skipped: m.cases });
        return;
      case 'done': {
        const run = this.run_;
        if (run !== null) {
          const task = run.tasks[m.task];
          task.spent += Date.now() - slot.current.started;
          this.options.costs?.record(task.file, task.spent);
        }
        slot.current = null;
        this.taskDone(m.task);
        for (const s of this.slots) this.dispatch(s);
        return;
      }
    }
  }

  /** Passes an event through if its file is the oldest unfinished one, else buffers it. */
  private deliver(task: number, event: Event): void {
    const run = this.run_;
    if (run === null) return;
    if ('record' in event) run.sink.arrived?.(event.record);
    if (task === run.head) {
      emit(run.sink, event);
    } else {
      run.tasks[task].buffer.push(event);
      run.buffered++;
    }
  }

  private taskDone(task: number): void {
    const run = this.run_;
    if (run === null) return;
    run.tasks[task].done = true;
    run.sink.ended?.(run.tasks[task].file);
    while (run.head < run.tasks.length && run.tasks[run.head].done) {
      run.sink.fileDone?.(run.tasks[run.head].file);
      run.head++;
      if (run.head < run.tasks.length) {
        const next = run.tasks[run.head];
        for (const e of next.buffer) emit(run.sink, e);
        run.buffered -= next.buffer.length;
        next.buffer = [];
      }
    }
    if (run.head === run.tasks.length) run.finish();
  }

  private checkTimeouts(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      // A worker still starting up (importing the engine) is not running a case yet.
      if (slot.heard && slot.current !== null && now - slot.current.since > this.options.timeoutMs) {
        this.abandon(slot, `timeout after ${this.options.timeoutMs / 1000}s`);
      }
    }
  }

  private onCrash(worker: Worker, reason: string): void {
    const slot = this.slotOf(worker);
    if (slot !== undefined) this.abandon(slot, reason);
  }

  /** Fails the case a worker is stuck on (or its file while loading), replaces the worker, resumes the file. */
  private abandon(slot: Slot, reason: string): void {
    const old = slot.worker;
    const current = slot.current;
    if (!slot.heard && ++this.idleCrashes > 3) {
      this.slots.splice(this.slots.indexOf(slot), 1);
      this.run_?.fail(new Error(reason));
      return;
    }
    slot.worker = this.spawn();
    slot.current = null;
    slot.heard = false;
    old.removeAllListeners();
    old.on('error', () => {});
    void old.terminate();
    const run = this.run_;
    if (run !== null && current !== null) {
      run.tasks[current.task].spent += Date.now() - current.started; // a file that timed out is a long one
      const file = run.tasks[current.task].file;
      const r = current.running;
      if (r === null) {
        const error = `${file}: ${reason} while loading`;
        this.deliver(current.task, { record: { name: file, file, fork: '', pass: false, error } });
        this.taskDone(current.task);
      } else {
        const record = { name: r.name, file, fork: r.fork, ...(r.index === undefined ? {} : { index: r.index }), pass: false, error: reason };
        this.deliver(current.task, { record });
        run.resume.unshift({ task: current.task, startAt: r.ordinal + 1 });
      }
    }
    for (const s of this.slots) this.dispatch(s);
  }
}

function emit(sink: PoolSink, event: Event): void {
  if ('record' in event) sink.record(event.record);
  else sink.skipped(event.skipped);
}
