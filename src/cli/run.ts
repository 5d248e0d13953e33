/** `evmkit run`: runs EVM bytecode once (like geth's `evm run`), optionally traced, benchmarked or dumped. */
import { writeFileSync } from 'node:fs';
import {
  Fork,
  LATEST_FORK,
  Status,
  WorldState,
  blockEnv,
  bytesToHex,
  decodeSnapshot,
  forkName,
  isSnapshot,
  isSuccess,
  knownForkNames,
  openHost,
  parseAddress,
  parseAlloc,
  parseFork,
  runFrame,
  encodeSnapshot,
  statusText,
  type Address,
  type Alloc,
  type BlockEnv,
  type CallResult,
  type FrameStart,
} from '../index.js';
import { allocToJson } from '../state/alloc.js';
import { createTracer } from '../trace/format.js';
import type { StepTracer } from '../trace/steps.js';
import { boolFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { MAX_HEX_FILE, MAX_JSON_FILE, parseHex, readBytes, readText } from './input.js';
import { writeHexLine } from './output.js';
import { writeStderrSync } from './sync-write.js';
import { TRACE_ALIASES, TRACE_FLAGS, traceSettings, traceUsage } from './trace-flags.js';
import { prepareEngine } from '../statetest/engine.js';
import { stateTestBlockHash } from '../statetest/env.js';

const DEFAULT_GAS = 10_000_000_000n;
const DEFAULT_SENDER = '0x000000000000000000000000000073656e646572'; // "sender"
const DEFAULT_RECEIVER = '0x0000000000000000000000007265636569766572'; // "receiver"
const MAX_U64 = (1n << 64n) - 1n;
const MAX_U256 = (1n << 256n) - 1n;
/** A benchmark repeats the run until this much execution time has accumulated. */
const BENCH_SECONDS = 1;

/** Usage text of `evmkit run`. */
export const RUN_USAGE = `Usage: evmkit run [flags] <hex>
       evmkit run [flags] --codefile FILE|-

Runs EVM bytecode once, the way geth's 'evm run' does: the code is placed at the receiver and called by
the sender with --input as call data (or, with --create, run as initcode: code followed by --input).
This is a bare message call, not a full transaction: no intrinsic gas, no gas purchase, no refund and no
coinbase payment; the reported gas is the execution gas only (for --create it includes the code deposit).
The sender is given enough balance for --value. Block: number 1, timestamp 0, coinbase 0x00…00, base fee
7 wei, chain id 1, block gas limit = --gas. EIP-2929 warm set: sender, receiver, precompiles, coinbase.

Output (stdout): the return data as 0x-hex, then ' error: <reason>' if execution reverted or halted.
Exit code: 0 whatever the outcome of the execution; 2 on bad input (one 'evmkit: …' line on stderr);
70 on an internal error. Code and input files are read up to 64 MiB of hex, --prestate up to 256 MiB
(FIFOs and stdin as streams, up to the same limits).

Flags:
  --codefile FILE    read the code (hex) from FILE, or from stdin with '-'
  --input HEX        call data (default: empty)
  --inputfile FILE   read the call data (hex) from FILE
  --gas N            gas for the call (default: ${DEFAULT_GAS})
  --price N          gas price the code sees (GASPRICE; default: 0)
  --value N          value sent with the call (default: 0)
  --sender ADDR      caller (default: ${DEFAULT_SENDER})
  --receiver ADDR    address the code runs at (default: ${DEFAULT_RECEIVER});
                     unused with --create (the new address derives from the sender and its nonce)
  --create           run the code as initcode; the output is the deployed code
  --prestate FILE    genesis-style alloc JSON: { "0xaddr": { balance, nonce, code, storage } },
                     or an evmkit state snapshot (see --dump.snapshot); with a prestate the code
                     argument may be omitted to run the receiver's code
  --fork NAME        fork rules (default: ${forkName(LATEST_FORK)}; e.g. Shanghai, Berlin, ConstantinopleFix)
  --dump             print the post-state as alloc JSON on stdout (before the output line);
                     it can be fed back with --prestate
  --dump.snapshot FILE  write the post-state to FILE as a compact binary snapshot (for --prestate)
  --bench            repeat the run for about ${BENCH_SECONDS}s (fresh state each time, untraced) and print gas
                     used, total time, mean time per run and gas/s on stderr
${traceUsage(21)}  -h, --help         show this help

Numbers are decimal or 0x-hex. Hex may have a 0x prefix; code files may end with a newline.

Examples:
  evmkit run 6040                                  # prints 0x
  evmkit run 60ff60005260206000f3                  # returns a 32-byte word
  evmkit run --input 0x1234 --codefile examples/calldata.hex
  evmkit run --inputfile examples/input.hex --codefile - < examples/calldata.hex
  evmkit run --gas 100000 --price 7 --value 1 --sender 0x00000000000000000000000000000000000000aa \\
             --receiver 0x00000000000000000000000000000000000000bb 3a5f5260205ff3   # returns GASPRICE
  evmkit run --create 600a600c600039600a6000f3602a60005260206000f3
  evmkit run --prestate examples/pre.json --receiver 0x00000000000000000000000000000000000000aa --dump --fork Shanghai
  evmkit run --prestate examples/pre.json --receiver 0x00000000000000000000000000000000000000aa --dump.snapshot post.snap
  evmkit run --prestate post.snap --receiver 0x00000000000000000000000000000000000000aa   # a snapshot as the prestate
  evmkit run --bench --gas 30000000 5b600056       # loops until 30M gas are spent
  evmkit run --trace 6040
  evmkit run --trace.format=md --trace.memory --trace.returndata 60aa600052
  evmkit run --trace --nostack --nomemory --noreturndata --nostorage 6040
`;

/** The flags of `evmkit run` (exported for the help test). */
export const RUN_FLAGS = {
  codefile: 'string',
  input: 'string',
  inputfile: 'string',
  gas: 'string',
  price: 'string',
  value: 'string',
  sender: 'string',
  receiver: 'string',
  create: 'boolean',
  prestate: 'string',
  fork: 'string',
  dump: 'boolean',
  'dump.snapshot': 'string',
  bench: 'boolean',
  ...TRACE_FLAGS,
  help: 'boolean',
} as const;

/** Everything a run needs, parsed and checked. */
interface RunSetup {
  readonly alloc: Alloc;
  readonly fork: Fork;
  readonly env: BlockEnv;
  readonly sender: Address;
  readonly receiver: Address;
  /** Code to place at the receiver (undefined: keep the prestate's) or the initcode with --create. */
  readonly code: Uint8Array | undefined;
  readonly input: Uint8Array;
  readonly gas: bigint;
  readonly price: bigint;
  readonly value: bigint;
  readonly create: boolean;
}

/** The outcome of one run. */
interface RunOutcome {
  readonly state: WorldState;
  readonly result: CallResult;
  /** Return data, or the deployed code of a successful --create. */
  readonly output: Uint8Array;
  readonly gasUsed: bigint;
  /** Why execution failed ('' on success). */
  readonly error: string;
  /** Nanoseconds spent in the message call itself. */
  readonly nanos: bigint;
}

/** Runs `evmkit run` with the arguments after the command name; returns the exit code. */
export async function runCommand(argv: readonly string[]): Promise<number> {
  await prepareEngine();
  const args = parseArgs(argv, RUN_FLAGS, TRACE_ALIASES);
  if (boolFlag(args, 'help')) {
    process.stdout.write(RUN_USAGE);
    return 0;
  }
  const setup = parseSetup(args);
  const trace = traceSettings(args);

  let tracer: StepTracer | null = null;
  let state: WorldState | undefined;
  if (trace !== null) {
    tracer = createTracer(trace.format, { ...trace, write: writeStderrSync, refund: () => state?.refund ?? 0 });
  }
  const outcome = runOnce(setup, tracer, (s) => (state = s));
  tracer?.summary({ output: outcome.output, gasUsed: outcome.gasUsed, error: outcome.error });

  if (boolFlag(args, 'dump')) process.stdout.write(dumpAlloc(outcome.state) + '\n');
  const snapshotFile = stringFlag(args, 'dump.snapshot');
  if (snapshotFile !== undefined) writeSnapshot(snapshotFile, outcome.state);
  if (boolFlag(args, 'bench')) bench(setup, outcome.gasUsed);
  await writeHexLine(process.stdout, outcome.output);
  if (outcome.error !== '') process.stdout.write(` error: ${outcome.error}\n`);
  return 0;
}

// ── parsing ─────────────────────────────────────────────────────────────────────────────────────────────

/** Reads every flag and the code into a RunSetup; throws UsageError naming the offending flag. */
function parseSetup(args: ParsedArgs): RunSetup {
  const codeFile = stringFlag(args, 'codefile');
  if (args.positionals.length > 1) throw new UsageError(`expected one code argument, got ${args.positionals.length}`);
  const codeArg = args.positionals[0];
  if (codeFile !== undefined && codeArg !== undefined) throw new UsageError('give the code either as an argument or with --codefile, not both');
  let code: Uint8Array | undefined;
  if (codeFile !== undefined) code = parseHex(`--codefile ${codeFile}`, readText('--codefile', codeFile, MAX_HEX_FILE).trim());
  else if (codeArg !== undefined) code = parseHex('code', codeArg);

  const prestateFile = stringFlag(args, 'prestate');
  if (code === undefined && prestateFile === undefined) throw new UsageError("no code given (pass hex, or --codefile FILE); see 'evmkit run --help'");
  const alloc = prestateFile === undefined ? new Map() : readAlloc(prestateFile);

  const inputText = stringFlag(args, 'input');
  const inputFile = stringFlag(args, 'inputfile');
  if (inputText !== undefined && inputFile !== undefined) throw new UsageError('give the call data either with --input or with --inputfile, not both');
  let input: Uint8Array = new Uint8Array(0);
  if (inputText !== undefined) input = parseHex('--input', inputText);
  else if (inputFile !== undefined) input = parseHex(`--inputfile ${inputFile}`, readText('--inputfile', inputFile, MAX_HEX_FILE).trim());

  const forkText = stringFlag(args, 'fork');
  const fork = forkText === undefined ? LATEST_FORK : parseFork(forkText);
  if (fork === undefined) throw new UsageError(`--fork: unknown fork '${forkText}' (valid: ${knownForkNames().join(', ')})`);

  const gas = numberArg(args, 'gas', DEFAULT_GAS, MAX_U64);
  const create = boolFlag(args, 'create');
  return {
    alloc,
    fork,
    // BLOCKHASH as geth's `evm run` answers it (its runtime default): keccak256 of the decimal block number.
    env: blockEnv({ gasLimit: gas, blockHash: stateTestBlockHash }),
    sender: addressArg(args, 'sender', DEFAULT_SENDER),
    receiver: addressArg(args, 'receiver', DEFAULT_RECEIVER),
    // geth's `evm run --create` runs the code followed by the input as initcode.
    code: create && code !== undefined ? concat(code, input) : code,
    input: create ? new Uint8Array(0) : input,
    gas,
    price: numberArg(args, 'price', 0n, MAX_U256),
    value: numberArg(args, 'value', 0n, MAX_U256),
    create,
  };
}

/** Reads a snapshot, or a genesis-style alloc where `nonce`, `balance`, `code` and `storage` may be omitted (as in geth). */
function readAlloc(path: string): Alloc {
  const bytes = readBytes('--prestate', path, MAX_JSON_FILE);
  if (isSnapshot(bytes)) {
    try {
      return decodeSnapshot(bytes).alloc;
    } catch (e) {
      throw new UsageError(`--prestate ${path}: ${(e as Error).message}`);
    }
  }
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--prestate ${path}: invalid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new UsageError(`--prestate ${path}: expected a JSON object of accounts`);
  }
  // fromEntries defines each key as its own property: a key '__proto__' stays a (bad) address, not a prototype.
  const filled = Object.fromEntries(
    Object.entries(json).map(([address, account]) => [
      address,
      typeof account === 'object' && account !== null && !Array.isArray(account)
        ? { nonce: '0x0', balance: '0x0', code: '0x', storage: {}, ...account }
        : account,
    ]),
  );
  try {
    return parseAlloc(filled);
  } catch (e) {
    throw new UsageError(`--prestate ${path}: ${(e as Error).message.replace(/^alloc\./, '')}`);
  }
}

/** A decimal or 0x-hex number flag in [0, max]. */
function numberArg(args: ParsedArgs, name: string, fallback: bigint, max: bigint): bigint {
  const text = stringFlag(args, name);
  if (text === undefined) return fallback;
  if (!/^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(text)) throw new UsageError(`--${name}: expected a number (decimal or 0x-hex), got '${text}'`);
  const n = BigInt(text);
  if (n > max) throw new UsageError(`--${name}: ${text} is too large (at most ${max === MAX_U64 ? '2^64-1' : '2^256-1'})`);
  return n;
}

/** A 20-byte address flag. */
function addressArg(args: ParsedArgs, name: string, fallback: string): Address {
  const text = stringFlag(args, name) ?? fallback;
  const bytes = parseHex(`--${name}`, text);
  if (bytes.length !== 20) throw new UsageError(`--${name}: an address is 20 bytes, got ${bytes.length}`);
  return parseAddress('0x' + text.replace(/^0[xX]/, '')); // geth takes the 0x as optional
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

// ── execution ───────────────────────────────────────────────────────────────────────────────────────────

/** Builds a fresh state from the setup and runs the message; `onState` sees the state before execution. */
function runOnce(s: RunSetup, tracer: StepTracer | null, onState?: (state: WorldState) => void): RunOutcome {
  const state = WorldState.fromAlloc(s.alloc);
  onState?.(state);
  const fork = s.fork;
  if (!s.create && s.code !== undefined) state.setCode(s.receiver, s.code);
  if (state.getBalance(s.sender) < s.value) state.setBalance(s.sender, s.value);
  const nonce = state.getNonce(s.sender);
  // EIP-2681: a creation from a sender at nonce 2^64-1 fails before anything runs, its gas untouched.
  const nonceOverflow = s.create && nonce >= MAX_U64;
  if (s.create && !nonceOverflow) state.setNonce(s.sender, nonce + 1n); // as a creating transaction bumps it
  const start: FrameStart = {
    sender: s.sender,
    to: s.create ? null : s.receiver,
    nonce,
    value: s.value,
    data: s.create ? (s.code ?? new Uint8Array(0)) : s.input,
    gas: s.gas,
    gasPrice: s.price,
    accessList: [],
    blobHashes: [],
    authorizations: [],
  };
  const host = openHost(state, s.env, fork, start, tracer);

  const begin = process.hrtime.bigint();
  const result: CallResult = nonceOverflow
    ? { status: Status.NonceOverflow, gasLeft: s.gas, output: new Uint8Array(0) }
    : runFrame(host, start);
  const nanos = process.hrtime.bigint() - begin;

  const ok = isSuccess(result.status);
  // A successful creation returns the code it deployed (as geth's `evm run --create` prints it).
  const output = s.create && ok && result.createdAddress !== undefined ? state.getCode(result.createdAddress) : result.output;
  state.finalizeTransaction(fork >= Fork.SpuriousDragon); // EIP-161 empty-account removal, self-destructs
  return { state, result, output, gasUsed: s.gas - result.gasLeft, error: ok ? '' : statusText(result), nanos };
}

/** Repeats the run (fresh state each time, untraced) and prints the statistics on stderr. */
function bench(setup: RunSetup, gasUsed: bigint): void {
  runOnce(setup, null); // warm-up
  let runs = 0;
  let total = 0n;
  const budget = BigInt(BENCH_SECONDS * 1e9);
  while (total < budget) {
    total += runOnce(setup, null).nanos;
    runs++;
  }
  const mean = Number(total) / runs;
  const gasPerSecond = mean > 0 ? (Number(gasUsed) * 1e9) / mean : 0;
  process.stderr.write(
    `EVM gas used:    ${gasUsed}\n` +
      `execution time:  ${formatNanos(Number(total))} (${runs} runs)\n` +
      `mean per run:    ${formatNanos(mean)}\n` +
      `gas/s:           ${formatRate(gasPerSecond)}\n`,
  );
}

function formatNanos(ns: number): string {
  if (ns < 1e3) return `${ns.toFixed(0)}ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)}µs`;
  if (ns < 1e9) return `${(ns / 1e6).toFixed(2)}ms`;
  return `${(ns / 1e9).toFixed(3)}s`;
}

function formatRate(perSecond: number): string {
  if (perSecond >= 1e9) return `${(perSecond / 1e9).toFixed(2)}G`;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)}M`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(2)}k`;
  return perSecond.toFixed(0);
}

// ── dump ────────────────────────────────────────────────────────────────────────────────────────────────

/** The state as genesis-style alloc JSON (state/alloc.ts: sorted, keys and values 32-byte hex). */
export function dumpAlloc(state: WorldState): string {
  return JSON.stringify(allocToJson(state.toAlloc()), null, 2);
}

function writeSnapshot(path: string, state: WorldState): void {
  try {
    writeFileSync(path, encodeSnapshot(state));
  } catch (e) {
    throw new UsageError(`--dump.snapshot ${path}: cannot write: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
