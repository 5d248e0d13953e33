// A trace far larger than a pipe holds, written into a reader that stops, reads slowly, then goes away: the
// traced process must wait for the reader (not queue the trace in memory: it once grew to 4 GB and aborted),
// give it complete lines in order, and end quietly with code 0 when the reader closes (as with `| head`).
// Linux only: the waiting is read from /proc (CPU time and peak memory of the traced process).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT } from '../helpers/cli.js';

/**
 * At most this many CPU ticks (1/100 s) in the stalled second: a waiting process used 2 at a load average of
 * 20; one that went on tracing used 21 there (and ~100 on a free core).
 */
const STALLED_TICKS = 10;
const LOOP = '5b600056'; // JUMPDEST PUSH1 0 JUMP: three trace lines per 12 gas, for as long as the gas lasts

/** CPU time (user + system, in clock ticks) the process has used so far. */
function cpuTicks(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The process's peak resident memory in KiB. */
function peakKiB(pid: number): number {
  return Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
}

/** Seconds without data after which the trace is taken to have stopped flowing. */
const SILENCE_S = 15;

/**
 * The next chunk of the paused stream (resumed until one arrives), or null when none comes for SILENCE_S:
 * a process that queues its trace in memory sends nothing more once the pipe was full, until its run ends.
 */
function nextChunk(child: ChildProcess): Promise<Buffer | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.stderr!.pause();
      child.stderr!.off('data', onData);
      resolve(null);
    }, SILENCE_S * 1000);
    const onData = (chunk: Buffer) => {
      clearTimeout(timer);
      child.stderr!.pause();
      resolve(chunk);
    };
    child.stderr!.once('data', onData);
    child.stderr!.resume();
  });
}

interface Outcome {
  /** CPU ticks the traced process used during a second in which nobody read its stderr. */
  readonly ticksWhileStalled: number;
  /** The trace kept coming while the reader read (false: nothing came for SILENCE_S). */
  readonly flowing: boolean;
  readonly peakKiB: number;
  /** What the slow reader read before it went away. */
  readonly text: string;
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  /** The process ended within SILENCE_S of the reader closing. */
  readonly ended: boolean;
}

/** Runs evmkit with stderr into a pipe that stalls, then reads ~1 MB in small slow pieces, then closes. */
async function traceIntoSlowReader(args: string[]): Promise<Outcome> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  try {
    const chunks: Buffer[] = [];
    let flowing = true;
    const first = await nextChunk(child); // the engine has started and the trace is flowing
    if (first !== null) chunks.push(first);
    await sleep(500); // the pipe and the reader's buffer fill up
    const before = cpuTicks(child.pid!);
    await sleep(1000);
    const ticksWhileStalled = cpuTicks(child.pid!) - before;
    for (let read = first?.length ?? 0; read < 1_000_000; ) {
      const chunk = await nextChunk(child);
      if (chunk === null) {
        flowing = false;
        break;
      }
      chunks.push(chunk);
      read += chunk.length;
      await sleep(5);
    }
    const peak = peakKiB(child.pid!);
    child.stderr!.destroy(); // the reader goes away: the next write gets EPIPE
    const ended = await Promise.race([exited, sleep(SILENCE_S * 1000).then(() => null)]);
    return { ticksWhileStalled, flowing, peakKiB: peak, text: Buffer.concat(chunks).toString('utf8'), code: ended?.code ?? null, signal: ended?.signal ?? null, ended: ended !== null };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
}

/** The complete lines of `text` (a last partial line dropped), each parsed. */
function lines(text: string): Record<string, unknown>[] {
  return text.slice(0, text.lastIndexOf('\n')).split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Checks what every run must show: it waited, stayed small, wrote whole lines of the loop, ended with 0. */
function expectWaitedAndEndedQuietly(o: Outcome): Record<string, unknown>[] {
  expect(o.flowing, 'the trace kept flowing to the reader').toBe(true);
  expect(o.ticksWhileStalled, 'CPU ticks used while the reader was stalled').toBeLessThan(STALLED_TICKS);
  expect(o.peakKiB, 'peak memory (KiB)').toBeLessThan(300 * 1024);
  expect(o.ended, 'ended when the reader closed').toBe(true);
  expect(o.signal).toBeNull();
  expect(o.code).toBe(0);
  const parsed = lines(o.text);
  expect(parsed.length).toBeGreaterThan(5000);
  return parsed;
}

beforeAll(() => {
  ensureBuilt();
});

describe.runIf(existsSync('/proc/self/stat'))('a trace into a slow pipe', { timeout: 60_000 }, () => {
  it('run --trace waits for the reader and ends with 0 when it closes', async () => {
    const parsed = expectWaitedAndEndedQuietly(await traceIntoSlowReader(['run', '--trace', '--gas', '100000000', LOOP]));
    // The loop's three lines, in order, from the start: no line lost or reordered by the waits.
    parsed.forEach((line, i) => expect(line.opName).toBe(['JUMPDEST', 'PUSH1', 'JUMP'][i % 3]));
  });

  it('statetest --trace (a state test looping for 30M gas) does the same', async () => {
    const fixture = JSON.parse(readFileSync(join(ROOT, 'fixtures', 'LegacyConstantinople', 'GeneralStateTests', 'stExample', 'add11.json'), 'utf8'));
    const test = fixture.add11;
    test.pre['0x095e7baea6a6c7c4c2dfeb977efac326af552d87'].code = `0x${LOOP}`;
    test.env.currentGasLimit = '0x01c9c380';
    test.transaction.gasLimit = ['0x01c9c380'];
    const file = join(mkdtempSync(join(tmpdir(), 'evmkit-trace-pipe-')), 'loop.json');
    writeFileSync(file, JSON.stringify({ loop: test }));
    const parsed = expectWaitedAndEndedQuietly(await traceIntoSlowReader(['statetest', '--trace', '--fork', 'Byzantium', file]));
    expect(parsed[0]).toMatchObject({ pc: 0, opName: 'JUMPDEST', depth: 1 });
  });
});
