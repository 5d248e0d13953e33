/**
 * How one state-test result is printed in each output format: FAIL lines (text), JSON lines (json), geth's
 * result array (geth), geth's `[PASS]`/`[FAIL]` lines (human). Every piece of untrusted text is escaped.
 */
import type { BenchStats, CaseRecord } from '../statetest/types.js';
import { jsonLine, printable } from './escape.js';
import { formatSeconds } from './progress.js';

/** The output formats of `evmkit statetest`. */
export type OutputFormat = 'text' | 'json' | 'geth' | 'human';

/** The output format a name stands for, or undefined. */
export function outputFormat(name: string): OutputFormat | undefined {
  return name === 'text' || name === 'json' || name === 'geth' || name === 'human' ? name : undefined;
}

/** True for the record of a fixture file that could not be used (it names no fork). */
export function isFileRecord(r: CaseRecord): boolean {
  return r.fork === '';
}

/** `file test fork d/g/v` (a blockchain test has no d/g/v), or the file alone for a file that could not be loaded. */
function caseName(r: CaseRecord): string {
  if (isFileRecord(r)) return r.file;
  if (r.index === undefined) return `${r.file} ${r.name} ${r.fork}`;
  const { data, gas, value } = r.index;
  return `${r.file} ${r.name} ${r.fork} ${data}/${gas}/${value}`;
}

/** One line for a failed case: `FAIL file testName fork d/g/v: reason`, non-printable characters escaped. */
export function failLine(r: CaseRecord): string {
  if (isFileRecord(r)) return printable(`FAIL ${r.error ?? r.file}`); // the error names the file
  return printable(`FAIL ${caseName(r)}: ${r.error ?? 'failed'}`);
}

/** geth's `--human` line, `[PASS] file test fork d/g/v` or `[FAIL] …: reason`; coloured on a terminal. */
export function humanLine(r: CaseRecord, colour: boolean): string {
  const mark = r.pass ? (colour ? '\x1b[32mPASS\x1b[0m' : 'PASS') : colour ? '\x1b[31mFAIL\x1b[0m' : 'FAIL';
  if (isFileRecord(r)) return `[${mark}] ${printable(r.error ?? r.file)}`;
  return `[${mark}] ${printable(caseName(r))}${r.pass ? '' : printable(`: ${r.error ?? 'failed'}`)}`;
}

/** `BENCH file test fork d/g/v: 21000 gas, 1234 runs, 0.81 ms per run, 25.9 Mgas/s`. */
export function benchLine(r: CaseRecord, b: BenchStats): string {
  const mean = b.nanos / b.runs;
  const gasPerSecond = mean > 0 ? (Number(b.gasUsed) * 1e9) / mean : 0;
  return printable(`BENCH ${caseName(r)}: ${b.gasUsed} gas, ${b.runs} runs, ${formatNanos(mean)} per run, ${formatRate(gasPerSecond)}gas/s`);
}

/** `STATE file test fork d/g/v` and the post-state as indented alloc JSON. */
export function stateBlock(r: CaseRecord): string {
  return `${printable(`STATE ${caseName(r)}`)}\n${indentedJson(r.state, '')}`;
}

/**
 * One element of geth's result array (`evm statetest` prints `[{name, pass, stateRoot, fork, error}]`,
 * indented by two spaces, `state` with --dump and `benchStats` with --bench), indented as an element.
 */
export function gethElement(r: CaseRecord): string {
  const element: Record<string, unknown> = { name: r.name, pass: r.pass };
  if (r.stateRoot !== undefined) element.stateRoot = r.stateRoot;
  element.fork = r.fork;
  if (r.error !== undefined) element.error = r.error;
  if (r.state !== undefined) element.state = r.state;
  // geth's execStats: time is nanoseconds per run; allocation counts have no meaning here and are left out.
  if (r.bench !== undefined) element.benchStats = { time: Math.round(r.bench.nanos / r.bench.runs), gasUsed: Number(r.bench.gasUsed) };
  return indentedJson(element, '  ');
}

/** The record as one JSON line. */
export function recordLine(r: CaseRecord): string {
  return jsonLine(r);
}

/** JSON indented by two spaces per level, every line prefixed by `indent`, non-printable characters escaped. */
function indentedJson(value: unknown, indent: string): string {
  const text = jsonLine(value, 2);
  return indent === '' ? text : text.replace(/^/gm, indent);
}

function formatNanos(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)} ms`;
  return formatSeconds(ns / 1e9);
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)} G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(2)} k`;
  return `${perSecond.toFixed(0)} `;
}
