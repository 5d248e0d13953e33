/**
 * Synchronous writes to stderr, for output produced faster than a reader may take it (traces, and the
 * `{"stateRoot"}` lines that go with them). process.stderr queues a write to a full pipe in memory and
 * returns, and the traced loop never yields to let the queue drain: a trace piped into a slower reader grew
 * the queue until the heap ran out (4 GB after 67 KB had been read). Here each write waits for the pipe
 * instead, so memory stays bounded by one batch of lines, and a reader that went away (`| head`) ends the
 * process quietly, as SIGPIPE ends a C program (exit code 0, as for a closed stdout: cli/main.ts).
 */
import { writeSync } from 'node:fs';

/** Longest wait between two attempts on a full non-blocking pipe (milliseconds). */
const MAX_WAIT_MS = 16;

/** stderr's file descriptor. */
const STDERR = 2;

const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (no event loop turn: the caller is inside a synchronous run). */
function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Writes all of `text` to `fd` before returning. Node puts the pipes it opens for stdio in non-blocking mode,
 * so a full pipe answers EAGAIN: wait a little (1 ms, doubling up to MAX_WAIT_MS) and try again.
 * Returns false when the reader has gone (EPIPE); other errors are thrown.
 */
export function writeAllSync(fd: number, text: string): boolean {
  const data = Buffer.from(text, 'utf8');
  let offset = 0;
  let wait = 1;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
      wait = 1;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') return false;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') throw e;
      sleep(wait);
      wait = Math.min(wait * 2, MAX_WAIT_MS);
    }
  }
  return true;
}

/**
 * Writes to stderr synchronously (trace lines, batch mode's `{"stateRoot"}` lines); when nobody reads stderr
 * any more, ends the process at once with code 0. Text written through process.stderr comes before the
 * first of these (notices) or after the last (SKIP and closing lines), so the two never reorder lines.
 */
export function writeStderrSync(text: string): void {
  if (!writeAllSync(STDERR, text)) process.exit(0);
}
