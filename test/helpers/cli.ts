/**
 * Running the built CLI (`dist/cli/main.js`) from tests: one spawn helper with the exit code and both
 * streams, the pseudo-terminal variant, the build-if-missing step, and the parsers for what the CLI prints
 * (JSON lines, a dump followed by a summary line).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's root directory. */
export const ROOT = join(import.meta.dirname, '..', '..');
/** The built CLI's entry point. */
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** What a finished process left: its exit code (null when a signal or the timeout ended it) and both streams. */
export interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Where and how long a process runs. */
export interface SpawnOptions {
  readonly cwd?: string;
  /** Milliseconds before the process is killed (default 120 s). */
  readonly timeout?: number;
}

/** Runs `node ARGS` (this Node binary) with `input` on stdin; output up to 256 MiB per stream. */
export function runNode(args: readonly string[], input?: string, options: SpawnOptions = {}): Finished {
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    input,
    cwd: options.cwd,
    timeout: options.timeout ?? 120_000,
    maxBuffer: 1 << 28,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs `evmkit ARGS` through the built CLI. */
export function evmkit(args: readonly string[], input?: string, options: SpawnOptions = {}): Finished {
  return runNode([CLI, ...args], input, options);
}

/** True when util-linux `script` is there to run a command on a pseudo-terminal. */
export const HAVE_SCRIPT = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/** Runs `evmkit ARGS` on a pseudo-terminal (`script`); stdout and stderr arrive merged in `output`. */
export function onTerminal(args: readonly string[], input = ''): { code: number | null; output: string } {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, output: r.stdout };
}

/** Builds dist/ when `file` (relative to dist/, default the CLI) is missing: a test run outside `npm test`. */
export function ensureBuilt(file = join('cli', 'main.js')): void {
  if (!existsSync(join(ROOT, 'dist', file))) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
}

/** Each non-empty line of `text` parsed as JSON. */
export function jsonLines<T = Record<string, unknown>>(text: string): T[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The last line of `text`, parsed as JSON. */
export function lastJson<T = Record<string, unknown>>(text: string): T {
  const lines = text.trimEnd().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

/** The JSON value that ends at the last `}` of `text` (a `--dump` followed by a summary line). */
export function jsonUpToLastBrace<T = Record<string, unknown>>(text: string): T {
  return JSON.parse(text.slice(0, text.lastIndexOf('}') + 1)) as T;
}
