/**
 * The fuzzer's one door to evmkit: everything it uses of the engine comes through here (the built dist/),
 * and `runEvmkit` runs a case the way the oracle side does, under the same state-test convention.
 */
import { Fork, forkName, parseFork } from '../../dist/forks/fork.js';
import { OPCODES, UNDEFINED_OP, baseGasTable, opcodeName } from '../../dist/evm/opcodes.js';
import { getPrecompile, precompilesFor } from '../../dist/precompiles/index.js';
import { parseFixture } from '../../dist/statetest/load.js';
import { runCase } from '../../dist/statetest/runner.js';
import type { StateTestCase } from '../../dist/statetest/types.js';
import { WorldState } from '../../dist/state/world.js';
import { stateRoot } from '../../dist/state/root.js';
import { logsHash } from '../../dist/state/logs.js';
import { executeTransaction } from '../../dist/transition/execute.js';
import type { TxResult } from '../../dist/transition/types.js';
import { Eip3155Tracer } from '../../dist/trace/eip3155.js';
import type { Tracer } from '../../dist/evm/tracer.js';
import type { CallResult, Message } from '../../dist/evm/host.js';
import { isSuccess } from '../../dist/evm/status.js';
import { bigIntToBytes, bytesToHex } from '../../dist/primitives/bytes.js';
import { keccak256, sha256 } from '../../dist/primitives/keccak.js';
import { rlpEncode } from '../../dist/primitives/rlp.js';
import { privateKeyToAddress } from '../../dist/primitives/secp256k1.js';
import { addressFromWord, createAddress } from '../../dist/primitives/address.js';
import type { Dump, DumpAccount, Outcome, TraceStep } from './outcome.js';
import type { StateTestJson } from './statetest.js';

export { Fork, forkName, parseFork, OPCODES, opcodeName, precompilesFor };

/** The opcodes defined in `fork`, from evmkit's opcode table. */
export function opcodesOf(fork: Fork): number[] {
  const table = baseGasTable(fork);
  const out: number[] = [];
  for (let op = 0; op < 256; op++) if (table[op] !== UNDEFINED_OP && OPCODES[op] !== undefined) out.push(op);
  return out;
}

/** The precompile addresses (as numbers) active in `fork`, from evmkit's registry. */
export function precompileNumbersOf(fork: Fork): number[] {
  return [...precompilesFor(fork).keys()].map((a) => Number.parseInt(a.slice(2), 16));
}

/** How often each precompile was reached with input it accepted, rejected, or accepted but could not pay for. */
export interface PrecompileCounts {
  valid: number;
  invalid: number;
  outOfGas: number;
}

/** Executed-opcode counts and precompile outcomes, per fork, summed over cases. */
export interface Coverage {
  readonly ops: number[];
  readonly precompiles: Record<string, PrecompileCounts>;
}

/** An empty coverage record. */
export function emptyCoverage(): Coverage {
  return { ops: new Array<number>(256).fill(0), precompiles: {} };
}

/** A precompile that fails with the gas it was given is re-run with a block's worth of gas: failing again means bad input. */
const RERUN_GAS = 30_000_000;

/** Counts opcodes and classifies precompile calls into `coverage`. */
function coverageTracer(coverage: Coverage, fork: Fork): Tracer {
  const precompiles = precompilesFor(fork);
  return {
    onStep(_frame, op) {
      coverage.ops[op]++;
    },
    onCallExit(message: Message, result: CallResult) {
      const run = precompiles.get(message.codeAddress);
      if (run === undefined) return;
      const counts = (coverage.precompiles[message.codeAddress] ??= { valid: 0, invalid: 0, outOfGas: 0 });
      if (isSuccess(result.status)) {
        // ECRECOVER and P256VERIFY answer a bad signature with empty output rather than failing.
        if (result.output.length === 0 && signatureCheck(message.codeAddress)) counts.invalid++;
        else counts.valid++;
      } else if (run(message.input, RERUN_GAS).success) {
        counts.outOfGas++;
      } else {
        counts.invalid++;
      }
    },
  };
}

function signatureCheck(address: string): boolean {
  return address === '0x0000000000000000000000000000000000000001' || address === '0x0000000000000000000000000000000000000100';
}

/** What runEvmkit collects besides the outcome. */
export interface EvmkitOptions {
  readonly coverage?: Coverage;
  readonly trace?: boolean;
  readonly dump?: boolean;
}

/** evmkit's outcome, the extras asked for, and what `evmkit statetest`'s own runner made of the same case. */
export interface EvmkitResult {
  readonly outcome: Outcome;
  readonly dump?: Dump;
  readonly trace?: TraceStep[];
  /** The state root evmkit's state-test runner reports for this case (its harness, not this one). */
  readonly runnerRoot: string | undefined;
  readonly runnerError?: string;
}

/** Parses `test` with evmkit's own fixture loader: the case must be a plain state test. */
export function loadCase(test: StateTestJson, name = 'fuzz'): StateTestCase {
  const loaded = parseFixture(JSON.stringify({ [name]: test }), `${name}.json`);
  if (loaded.cases.length !== 1) throw new Error(`expected one case, got ${loaded.cases.length} (skipped: ${loaded.skipped.map((s) => s.reason).join('; ')})`);
  return loaded.cases[0];
}

/** Checks a test with evmkit's fixture loader; throws its one-line error naming the bad field. */
export function checkFixture(test: unknown, name: string): void {
  parseFixture(JSON.stringify({ [name]: test }), `${name}.json`);
}

/** Runs the case through evmkit's engine under the state-test coinbase convention. */
export function runEvmkit(test: StateTestJson, options: EvmkitOptions = {}): EvmkitResult {
  const c = loadCase(test);
  const state = WorldState.fromAlloc(c.pre);
  const lines: string[] = [];
  const tracers: Tracer[] = [];
  if (options.coverage) tracers.push(coverageTracer(options.coverage, c.fork));
  let traceOut: Eip3155Tracer | undefined;
  if (options.trace === true) {
    traceOut = new Eip3155Tracer({ write: (t) => lines.push(t) });
    tracers.push(traceOut);
  }
  const result: TxResult =
    c.tx === null
      ? { status: 'invalid', error: c.txError, gasUsed: 0n, output: new Uint8Array(0), logs: [] }
      : executeTransaction(state, c.env, c.tx, c.fork, { tracer: combine(tracers) });
  if (result.status === 'invalid') {
    // The state-test convention, as on the oracle side: a rejected transaction still gets the coinbase's
    // 0-value credit (and touch); EIP-158 then deletes an empty coinbase.
    state.addBalance(c.env.coinbase, 0n);
    state.touch(c.env.coinbase);
    state.finalizeTransaction(c.fork >= Fork.SpuriousDragon);
  }
  traceOut?.flush();
  const outcome: Outcome = {
    status: result.status,
    error: result.error,
    gasUsed: result.gasUsed,
    logsHash: bytesToHex(logsHash(result.logs)),
    stateRoot: bytesToHex(stateRoot(state)),
  };
  const runner = runCase(c);
  return {
    outcome,
    runnerRoot: runner.stateRoot,
    ...(runner.stateRoot === undefined ? { runnerError: runner.error } : {}),
    ...(options.trace === true ? { trace: parseTrace(lines.join('')) } : {}),
    ...(options.dump === true ? { dump: dumpState(state) } : {}),
  };
}

function combine(tracers: Tracer[]): Tracer | null {
  if (tracers.length === 0) return null;
  if (tracers.length === 1) return tracers[0];
  return {
    onStep: (...a) => tracers.forEach((t) => t.onStep?.(...a)),
    onStepEnd: (...a) => tracers.forEach((t) => t.onStepEnd?.(...a)),
    onCallEnter: (...a) => tracers.forEach((t) => t.onCallEnter?.(...a)),
    onCallExit: (...a) => tracers.forEach((t) => t.onCallExit?.(...a)),
  };
}

function parseTrace(text: string): TraceStep[] {
  const steps: TraceStep[] = [];
  let last: { pc: number; op: number; gas: string; depth: number } | undefined;
  for (const line of text.split('\n')) {
    if (!line.startsWith('{"pc"')) continue;
    const j = JSON.parse(line) as { pc: number; op: number; gas: string; stack: string[]; depth: number; error?: string };
    // geth's fault line (an error inside an instruction) repeats the step just printed; the oracle has none.
    const fault = j.error !== undefined && last !== undefined && last.pc === j.pc && last.op === j.op && last.gas === j.gas && last.depth === j.depth;
    last = j;
    if (!fault) steps.push({ pc: j.pc, op: j.op, gas: BigInt(j.gas), stack: j.stack, depth: j.depth });
  }
  return steps;
}

function dumpState(state: WorldState): Dump {
  const out = new Map<string, DumpAccount>();
  for (const [address, account] of state.allAccounts()) {
    const storage = new Map<string, bigint>();
    for (const [key, slot] of account.storage) {
      if (slot.current !== 0n) storage.set(bytesToHex(keccak256(bigIntToBytes(key, 32))), slot.current);
    }
    out.set(address, { balance: account.balance, nonce: account.nonce, codeHash: bytesToHex(account.codeHash), storage });
  }
  return out;
}

/** Runs a precompile directly (the generator uses it to check that a "valid" input really is). */
export function precompileAccepts(fork: Fork, address: number, input: Uint8Array): boolean {
  const run = getPrecompile(fork, addressFromWord(BigInt(address)));
  return run !== undefined && run(input, RERUN_GAS).success;
}

/** Hashing, RLP, address and hex helpers of evmkit, re-exported for the generator. */
export { keccak256, sha256, bytesToHex, rlpEncode, privateKeyToAddress, createAddress };
