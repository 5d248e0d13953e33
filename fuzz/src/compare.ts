/** Comparing the two sides: outcome fields in order of importance, the first differing trace step, the differing accounts. */
import type { Dump, Outcome, TraceStep } from './outcome.js';

/**
 * What differs first, in this order. `runner`: evmkit's own state-test runner reports another root than its
 * engine under the convention; `crash`: evmkit threw; `oracleCrash`: the oracle threw (a harness problem).
 */
export type DivergenceKind = 'validity' | 'status' | 'gasUsed' | 'logsHash' | 'stateRoot' | 'runner' | 'crash' | 'oracleCrash';

/** A difference between evmkit and the oracle on one case. */
export interface Divergence {
  readonly kind: DivergenceKind;
  /** One line: the field and both values. */
  readonly summary: string;
}

/**
 * The first difference between the outcomes, or undefined when they agree. Status is the receipt status of
 * EIP-658 (success or failure), compared from Byzantium on: before it no receipt carries one, and the label
 * of a failure (revert or exceptional halt) is no consensus data (a halt shows in gas used, which is compared).
 */
export function compareOutcomes(evmkit: Outcome, oracle: Outcome, hasReceiptStatus: boolean): Divergence | undefined {
  const valid = (o: Outcome) => o.status !== 'invalid';
  if (valid(evmkit) !== valid(oracle)) {
    return { kind: 'validity', summary: `validity: evmkit ${describe(evmkit)}, oracle ${describe(oracle)}` };
  }
  if (hasReceiptStatus && (evmkit.status === 'success') !== (oracle.status === 'success')) return { kind: 'status', summary: `status: evmkit ${describe(evmkit)}, oracle ${describe(oracle)}` };
  if (evmkit.gasUsed !== oracle.gasUsed) {
    return { kind: 'gasUsed', summary: `gas used: evmkit ${evmkit.gasUsed}, oracle ${oracle.gasUsed} (${evmkit.status})` };
  }
  if (evmkit.logsHash !== oracle.logsHash) return { kind: 'logsHash', summary: `logs hash: evmkit ${evmkit.logsHash}, oracle ${oracle.logsHash}` };
  if (evmkit.stateRoot !== oracle.stateRoot) return { kind: 'stateRoot', summary: `state root: evmkit ${evmkit.stateRoot}, oracle ${oracle.stateRoot} (${evmkit.status})` };
  return undefined;
}

function describe(o: Outcome): string {
  return o.error === undefined ? o.status : `${o.status} (${o.error})`;
}

/** The first step where the traces differ in pc, op, gas, stack or depth, with both steps. */
export interface TraceDifference {
  readonly step: number;
  readonly evmkit: TraceStep | undefined;
  readonly oracle: TraceStep | undefined;
  /** The step before it (identical on both sides), for context. */
  readonly previous: TraceStep | undefined;
}

/**
 * Compares two traces step by step; undefined when they are identical. A STOP that only one side shows is
 * skipped: evmkit (like geth) prints the implicit STOP after the last byte of code, ethereumjs does not.
 */
export function firstTraceDifference(a: readonly TraceStep[], b: readonly TraceStep[]): TraceDifference | undefined {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x !== undefined && y !== undefined && sameStep(x, y)) {
      i++;
      j++;
      continue;
    }
    if (x !== undefined && x.op === 0 && (y === undefined || y.depth < x.depth || y.pc !== x.pc)) {
      i++;
      continue;
    }
    if (y !== undefined && y.op === 0 && (x === undefined || x.depth < y.depth || x.pc !== y.pc)) {
      j++;
      continue;
    }
    return { step: i, evmkit: x, oracle: y, previous: a[i - 1] };
  }
  return undefined;
}

function sameStep(x: TraceStep, y: TraceStep): boolean {
  return x.pc === y.pc && x.op === y.op && x.gas === y.gas && x.depth === y.depth && x.stack.length === y.stack.length && x.stack.every((v, i) => v === y.stack[i]);
}

/** A step as one EIP-3155-style line. */
export function stepLine(s: TraceStep | undefined, opName: (op: number) => string): string {
  if (s === undefined) return '(no step: the trace ended)';
  const stack = s.stack.length > 6 ? ['…', ...s.stack.slice(-6)] : s.stack;
  return `pc=${s.pc} op=${opName(s.op)} gas=0x${s.gas.toString(16)} depth=${s.depth} stack=[${stack.join(',')}]`;
}

/** One differing field of one account. */
export interface AccountDifference {
  readonly address: string;
  readonly field: string;
  readonly evmkit: string;
  readonly oracle: string;
}

/** The accounts (and fields) in which two post-state dumps differ. */
export function diffDumps(evmkit: Dump, oracle: Dump): AccountDifference[] {
  const out: AccountDifference[] = [];
  const addresses = [...new Set([...evmkit.keys(), ...oracle.keys()])].sort();
  for (const address of addresses) {
    const a = evmkit.get(address);
    const b = oracle.get(address);
    if (a === undefined || b === undefined) {
      out.push({ address, field: 'exists', evmkit: String(a !== undefined), oracle: String(b !== undefined) });
      continue;
    }
    if (a.balance !== b.balance) out.push({ address, field: 'balance', evmkit: a.balance.toString(), oracle: b.balance.toString() });
    if (a.nonce !== b.nonce) out.push({ address, field: 'nonce', evmkit: a.nonce.toString(), oracle: b.nonce.toString() });
    if (a.codeHash !== b.codeHash) out.push({ address, field: 'codeHash', evmkit: a.codeHash, oracle: b.codeHash });
    for (const key of new Set([...a.storage.keys(), ...b.storage.keys()])) {
      const x = a.storage.get(key) ?? 0n;
      const y = b.storage.get(key) ?? 0n;
      if (x !== y) out.push({ address, field: `storage[keccak ${key.slice(0, 10)}…]`, evmkit: '0x' + x.toString(16), oracle: '0x' + y.toString(16) });
    }
  }
  return out;
}
