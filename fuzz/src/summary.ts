/** The campaign's tallies and the summary printed at the end. */
import { emptyCoverage, forkSpecCoverageNames, type Coverage } from './coverage-names.js';
import { forkSpec } from './forks.js';
import { KNOWN_BUGS } from './known.js';
import type { DivergenceReport, WorkerMessage } from './protocol.js';

/** Per-fork counts. */
interface ForkTally {
  cases: number;
  statuses: Record<string, number>;
  coverage: Coverage;
}

/** Everything the summary prints. */
export interface Summary {
  readonly seed: string;
  readonly forks: readonly string[];
  readonly workers: number;
  cases: number;
  seconds: number;
  readonly byFork: Record<string, ForkTally>;
  readonly known: Record<string, number>;
  readonly divergences: DivergenceReport[];
}

/** A summary with nothing counted yet. */
export function newSummary(o: { seed: string; forks: string[]; workers: number }): Summary {
  const byFork: Record<string, ForkTally> = {};
  for (const f of o.forks) byFork[f] = { cases: 0, statuses: {}, coverage: emptyCoverage() };
  return { seed: o.seed, forks: o.forks, workers: o.workers, cases: 0, seconds: 0, byFork, known: {}, divergences: [] };
}

/** Adds one worker message to the tallies. */
export function record(s: Summary, m: WorkerMessage): void {
  if (m.kind === 'case') {
    s.cases++;
    const t = s.byFork[m.fork];
    t.cases++;
    t.statuses[m.status] = (t.statuses[m.status] ?? 0) + 1;
    if (m.known !== undefined) s.known[m.known] = (s.known[m.known] ?? 0) + 1;
  } else if (m.kind === 'divergence') {
    s.divergences.push(m.report);
  } else if (m.kind === 'coverage') {
    for (const [fork, c] of Object.entries(m.byFork)) {
      const into = s.byFork[fork].coverage;
      c.ops.forEach((n, op) => (into.ops[op] += n));
      for (const [address, p] of Object.entries(c.precompiles)) {
        const q = (into.precompiles[address] ??= { valid: 0, invalid: 0, outOfGas: 0 });
        q.valid += p.valid;
        q.invalid += p.invalid;
        q.outOfGas += p.outOfGas;
      }
    }
  }
}

const STATUSES = ['success', 'revert', 'halt', 'invalid', 'error'] as const;

/** Prints the summary on stdout; its last line is `fuzz: N passed, M failed`. */
export function printSummary(s: Summary): void {
  const out: string[] = [];
  const total: Record<string, number> = {};
  for (const t of Object.values(s.byFork)) for (const [k, n] of Object.entries(t.statuses)) total[k] = (total[k] ?? 0) + n;
  const invalid = total.invalid ?? 0;
  out.push(`seed ${s.seed}: ${s.cases} cases over ${s.forks.length} forks (${s.forks.join(', ')}), ${s.workers} workers, ${s.seconds.toFixed(1)} s (${(s.cases / Math.max(s.seconds, 0.001)).toFixed(1)} cases/s)`);
  out.push(`cases: ${s.cases}: valid ${s.cases - invalid}, invalid ${invalid}`);
  out.push(`outcomes: ${STATUSES.filter((k) => total[k]).map((k) => `${k} ${total[k]}`).join(', ')}`);
  out.push('');
  out.push('| fork | cases | success | revert | halt | invalid | opcodes run | precompile calls: accepted/rejected/out of gas |');
  out.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  const gaps: string[] = [];
  const notInEvmkit: string[] = [];
  for (const fork of s.forks) {
    const t = s.byFork[fork];
    const names = forkSpecCoverageNames(fork);
    const missingOps = names.opcodes.filter((op) => t.coverage.ops[op] === 0);
    const pre = names.precompiles.map((a) => {
      const c = t.coverage.precompiles[a] ?? { valid: 0, invalid: 0, outOfGas: 0 };
      if (c.valid === 0) gaps.push(`${fork}: precompile ${short(a)} never accepted an input`);
      if (c.invalid === 0 && !names.alwaysValid.has(a)) gaps.push(`${fork}: precompile ${short(a)} never rejected an input`);
      return `${short(a)} ${c.valid}/${c.invalid}/${c.outOfGas}`;
    });
    if (missingOps.length > 0) gaps.push(`${fork}: opcodes never executed: ${missingOps.map((op) => names.opName(op)).join(' ')}`);
    const spec = forkSpec(fork)!;
    const absent = [...spec.missingPrecompiles.map((a) => `precompile 0x${a.toString(16).padStart(2, '0')}`), ...spec.missingOpcodes.map((op) => `opcode 0x${op.toString(16)}`)];
    if (absent.length > 0) notInEvmkit.push(`${fork}: ${absent.join(', ')}`);
    const st = (k: string) => t.statuses[k] ?? 0;
    out.push(`| ${fork} | ${t.cases} | ${st('success')} | ${st('revert')} | ${st('halt')} | ${st('invalid')} | ${names.opcodes.length - missingOps.length}/${names.opcodes.length} | ${pre.join(', ') || '—'} |`);
  }
  out.push('');
  out.push(gaps.length === 0 ? 'coverage: every defined opcode executed; every precompile accepted an input and (where it can) rejected one' : `coverage gaps:\n  ${gaps.join('\n  ')}`);
  if (notInEvmkit.length > 0) out.push(`not fuzzed (defined by the fork's EIPs, not in evmkit yet):\n  ${notInEvmkit.join('\n  ')}`);
  const known = Object.entries(s.known);
  out.push(`known classes: ${known.length === 0 ? 'none seen' : known.map(([id, n]) => `${id} (${KNOWN_BUGS.find((b) => b.id === id)?.side ?? '?'}, ${n} cases)`).join(', ')}`);
  const byKind: Record<string, number> = {};
  for (const d of s.divergences) byKind[d.kind] = (byKind[d.kind] ?? 0) + 1;
  out.push(`divergences: ${s.divergences.length}${s.divergences.length ? ' (' + Object.entries(byKind).map(([k, n]) => `${k} ${n}`).join(', ') + ')' : ''}`);
  for (const d of s.divergences) out.push(`  ${d.fork} #${d.index} [${d.kind}] ${d.summary}\n    ${d.file}`);
  out.push(`fuzz: ${s.cases - s.divergences.length} passed, ${s.divergences.length} failed`);
  process.stdout.write(out.join('\n') + '\n');
}

function short(address: string): string {
  return '0x' + address.slice(2).replace(/^0+/, '').padStart(2, '0');
}
