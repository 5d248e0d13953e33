/**
 * Runs the hostile-input corpus (cases.ts) against the built CLI, one subprocess per case. Besides each
 * case's own exit code, first stderr line and output, every case must end within TIME_BOUND_MS (a hang
 * guard, not a speed measurement) and its memory bound, and print no stack trace, no internal JavaScript
 * error text and no raw control byte.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, closeSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CASES, FILES, type FileSpec, type HostileCase } from './cases.js';
import { CLI, ensureBuilt } from '../helpers/cli.js';

/** Reports the process's peak resident memory on fd 3 when it exits. */
const RSS_HOOK = pathToFileURL(join(import.meta.dirname, 'rss-hook.mjs')).href;
const TIME_BOUND_MS = 30_000;
const DEFAULT_RSS_MB = 400;

/** Text that only a crash or an unhandled JavaScript error prints. */
const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\))$/m;
const INTERNAL_ERROR =
  /internal error|TypeError|RangeError|ReferenceError|SyntaxError|Cannot read propert|is not a function|is not iterable|Maximum call stack|Invalid string length|Invalid array length|\bundefined\b|\bNaN\b|\[object |\bERR_[A-Z_]+|\b(ENOENT|EACCES|EISDIR|ENOTDIR|ELOOP|EPIPE|EAGAIN|EMFILE|ENAMETOOLONG|ENXIO)\b/;

let dir: string;

/** The first control byte in the output other than '\n' (C0, DEL, or a C1 control encoded in UTF-8), or -1. */
function firstControlByte(b: Buffer): number {
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    if ((c < 0x20 && c !== 0x0a) || c === 0x7f) return i;
    if (c === 0xc2 && i + 1 < b.length && b[i + 1] >= 0x80 && b[i + 1] <= 0x9f) return i;
  }
  return -1;
}

function makeFile(path: string, spec: FileSpec): void {
  mkdirSync(dirname(path), { recursive: true });
  if (typeof spec === 'string') writeFileSync(path, spec);
  else if ('bytes' in spec) writeFileSync(path, Buffer.from(spec.bytes));
  else if ('json' in spec) writeFileSync(path, JSON.stringify(spec.json));
  else if ('symlink' in spec) symlinkSync(spec.symlink, path);
  else if ('fifo' in spec) execFileSync('mkfifo', [path]);
  else if ('sparse' in spec) {
    closeSync(openSync(path, 'w'));
    truncateSync(path, spec.sparse); // a hole: no disk space, no time to write
  } else mkdirSync(path, { recursive: true });
}

interface Outcome {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: Buffer;
  readonly stderr: Buffer;
  /** Peak resident memory in MB, when the process said. */
  readonly rssMb: number | undefined;
}

const sub = (text: string): string => text.split('$D').join(dir);

/** Runs one case as a subprocess; resolves when it exits or is killed at the time bound. */
function runCase(c: HostileCase): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const stdinFd = typeof c.stdin === 'object' ? openSync(c.stdin.file, 'r') : 'pipe';
    const child = spawn(process.execPath, ['--import', RSS_HOOK, CLI, ...c.args.map(sub)], {
      stdio: [stdinFd, 'pipe', 'pipe', 'pipe'],
      timeout: TIME_BOUND_MS,
      killSignal: 'SIGKILL',
    });
    if (typeof stdinFd === 'number') closeSync(stdinFd);
    else child.stdin!.end(sub(c.stdin ?? ''));
    child.stdin?.on('error', () => {}); // a process that exits before reading stdin
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let rss = '';
    if (c.closeStdout === true) child.stdout!.destroy();
    else child.stdout!.on('data', (d: Buffer) => out.push(d));
    child.stderr!.on('data', (d: Buffer) => err.push(d));
    child.stdio[3]!.on('data', (d: Buffer) => (rss += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      resolve({
        code,
        signal,
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
        rssMb: rss === '' ? undefined : Number(rss) / 1024,
      }),
    );
  });
}

function firstLine(b: Buffer): string {
  const text = b.toString('utf8');
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'evmkit-hostile-'));
  for (const [name, spec] of Object.entries(FILES)) makeFile(join(dir, name), spec);
}, 120_000);

afterAll(() => {
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe.concurrent('hostile input', () => {
  it('has at least 60 kinds of input, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.kind)).size).toBe(CASES.length);
  });

  for (const c of CASES) {
    it(c.kind, { timeout: TIME_BOUND_MS + 10_000 }, async () => {
      const r = await runCase(c);
      const stderr = r.stderr.toString('utf8');
      const stdout = c.closeStdout === true ? '' : r.stdout.toString('utf8');
      const context = `stderr: ${JSON.stringify(stderr.slice(0, 500))}`;
      expect(r.signal, `killed (time bound ${TIME_BOUND_MS / 1000}s?) ${context}`).toBeNull();
      expect(r.code, context).toBe(c.exit);

      const expected = c.stderr;
      if (typeof expected === 'string') expect(firstLine(r.stderr)).toBe(sub(expected));
      else expect(firstLine(r.stderr)).toMatch(new RegExp(expected.source.split('\\$D').join(escapeRegExp(dir)), expected.flags));

      if (typeof c.stdout === 'string') expect(stdout).toBe(sub(c.stdout));
      else if (c.stdout instanceof RegExp) expect(stdout).toMatch(new RegExp(c.stdout.source.split('\\$D').join(escapeRegExp(dir)), c.stdout.flags));
      else if (c.stdout !== undefined) expect(r.stdout.length).toBe(c.stdout.bytes);

      for (const [name, text, bytes] of [['stdout', stdout, r.stdout], ['stderr', stderr, r.stderr]] as const) {
        expect(text, `${name} shows a stack trace`).not.toMatch(STACK_TRACE);
        if (bytes.length < 1 << 20) expect(text, `${name} shows an internal error`).not.toMatch(INTERNAL_ERROR);
        expect(firstControlByte(bytes), `${name} has a raw control byte`).toBe(-1);
      }
      expect(r.rssMb, 'peak memory reported').toBeDefined();
      expect(r.rssMb!, 'peak memory (MB)').toBeLessThan(c.maxRssMb ?? DEFAULT_RSS_MB);
    });
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
