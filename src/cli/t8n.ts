/**
 * `evmkit t8n`: the transition tool of geth's `evm t8n` (cmd/evm/README.md), with its flags, files, defaults
 * and exit codes: inputs from files or stdin, outputs to files, stdout or stderr, traces per transaction.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BPO_BLOB_SCHEDULES } from '../forks/blob.js';
import { knownForkNames } from '../forks/fork.js';
import { KNOWN_TRANSITIONS } from '../forks/network.js';
import { T8nError, T8nExit } from '../t8n/errors.js';
import { transition, type T8nInput, type T8nOptions, type T8nOutput } from '../t8n/transition.js';
import { rlpBodyText, stdinTxs, type TxsInput } from '../t8n/txs.js';
import { boolFlag, parseArgs, stringFlag, UsageError, type ParsedArgs } from './args.js';
import { printable } from './escape.js';
import { MAX_JSON_FILE, readText } from './input.js';
import { runBatch } from './t8n-batch.js';
import { TraceFiles } from './t8n-trace.js';

const FLAGS = {
  'input.alloc': 'string',
  'input.env': 'string',
  'input.txs': 'string',
  'output.basedir': 'string',
  'output.alloc': 'string',
  'output.result': 'string',
  'output.body': 'string',
  'state.fork': 'string',
  'state.chainid': 'string',
  'state.reward': 'string',
  'state-test': 'boolean',
  trace: 'boolean',
  'trace.memory': 'boolean',
  'trace.returndata': 'boolean',
  'trace.nostack': 'boolean',
  batch: 'boolean',
  version: 'boolean',
  help: 'boolean',
} as const;

/** geth's defaults. */
const DEFAULTS = { alloc: 'alloc.json', env: 'env.json', txs: 'txs.json', outAlloc: 'alloc.json', outResult: 'result.json', fork: 'GrayGlacier' } as const;

/** What `--state.fork` accepts, one name per line of --help (the filler looks a fork up there). */
function forkList(): string {
  const names = [...knownForkNames(), ...BPO_BLOB_SCHEDULES.keys()];
  const wrap = (list: readonly string[]) => {
    const lines: string[] = [];
    let line = '';
    for (const n of list) {
      if (line.length + n.length + 2 > 84) (lines.push(line), (line = ''));
      line += (line === '' ? '' : ', ') + n;
    }
    return [...lines, line].map((l) => `                        ${l}`).join('\n');
  };
  return `${wrap(names)}\n                      transitions (any <Fork>To<Fork>At<N>, At<N>k, AtTime<T>, AtDiff<hex>), e.g.:\n${wrap(KNOWN_TRANSITIONS)}`;
}

/** Usage text of `evmkit t8n`. */
export function t8nUsage(): string {
  return `Usage: evmkit t8n [flags]

The state transition tool (geth's evm t8n): applies transactions to a pre-state in a block environment and
writes the post-state, the block's roots and receipts, and the transactions it rejected (the others go on).

Inputs (a file name, or stdin: one JSON object {alloc, env, txs | txsRlp} read from standard input):
  --input.alloc F       the pre-state, geth's genesis alloc (default: alloc.json)
  --input.env F         the block environment (default: env.json)
  --input.txs F         the transactions as JSON; a name ending in .rlp holds the RLP list of signed
                        transactions as a JSON hex string, as --output.body writes it (default: txs.json)
Outputs (a file name in --output.basedir, stdout, stderr, or "" for none):
  --output.basedir D    where output and trace files go; created if missing (default: the current directory)
  --output.alloc F      the post-state (default: alloc.json)
  --output.result F     stateRoot, txRoot, receiptsRoot, logsHash, logsBloom, receipts, rejected, and the
                        derived env values (default: result.json)
  --output.body F       the RLP of the included transactions, as a JSON hex string (default: none)
State:
  --state.fork NAME     the rules (default: ${DEFAULTS.fork}); a fork, a transition, or a BPO name:
${forkList()}
  --state.chainid N     the chain id (default: 1)
  --state.reward N      the block reward in wei, paid after the transactions (and 1/32 more per uncle, uncles
                        (8-delta)/8); 0 still touches the miner, -1 pays nothing (default: 0)
  --state-test          run a state test's transaction: no system operations (DAO change, EIP-4788/2935
                        calls, withdrawals, EIP-7685 requests), no withdrawals or beacon root needed in env
                        (execution-specs' t8n flag)
Tracing (files trace-<txIndex>-<txHash>.jsonl in --output.basedir, EIP-3155 lines then a summary):
  --trace               trace every included transaction
  --trace.memory        add the memory to every line
  --trace.returndata    add the return data of the last call to every line
  --trace.nostack       leave the stack out ("stack":null)
Other:
  --batch               read one request per line on stdin, {"state": {"fork", "chainid", "reward",
                        "stateTest"}, "input": {alloc, env, txs | txsRlp}}, and answer each with one line
                        {alloc, result, body} or {error, exitCode} on stdout (state defaults to the flags)
  --version             print "evmkit t8n <version>"
  -h, --help            show this help

Exit codes (geth's): 0 done; 2 the block failed (a requests system call, a deposit log out of shape);
3 configuration (a flag, an unknown fork, an env field the fork needs); 4 BLOCKHASH of a block env.blockHashes
lacks; 10 invalid JSON or a field of the wrong shape; 11 a file that cannot be read or written; 12 an .rlp
input that is not a hex string of an RLP list; 70 an internal error. Each error is one line on stderr.

Examples:
  evmkit t8n --state.fork Berlin --input.alloc alloc.json --input.txs txs.json --input.env env.json
  evmkit t8n --input.alloc stdin --input.env stdin --input.txs stdin --output.result stdout --output.alloc stdout \\
             --state.fork Cancun < input.json
  evmkit t8n --state.fork London --input.txs signed_txs.rlp --output.result stdout --trace --output.basedir out
`;
}

/** The version line the filler recognises a tool by. */
function versionLine(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `evmkit t8n ${pkg.version}\n`;
}

/** Runs `evmkit t8n` with the arguments after the command name; returns the exit code. */
export async function t8nCommand(argv: readonly string[]): Promise<number> {
  try {
    let args: ParsedArgs;
    try {
      args = parseArgs(argv, FLAGS);
      if (args.positionals.length > 0) throw new UsageError(`unexpected argument '${args.positionals[0]}' (t8n takes flags only)`);
    } catch (e) {
      if (e instanceof UsageError) throw new T8nError(T8nExit.config, e.message);
      throw e;
    }
    if (boolFlag(args, 'help')) return void process.stdout.write(t8nUsage()), 0;
    if (boolFlag(args, 'version')) return void process.stdout.write(versionLine()), 0;
    const options = stateOptions(args);
    if (boolFlag(args, 'batch')) return await runBatch(args, options);
    return runOnce(args, options);
  } catch (e) {
    if (!(e instanceof T8nError)) throw e;
    process.stderr.write(`evmkit t8n: ${printable(e.message)}\n`);
    return e.exitCode;
  }
}

/** `--state.*` and `--state-test`; a malformed number is a configuration error (3). */
export function stateOptions(args: ParsedArgs): T8nOptions {
  const integer = (name: string, fallback: bigint): bigint => {
    const v = stringFlag(args, name);
    if (v === undefined) return fallback;
    if (!/^-?[0-9]+$/.test(v) && !/^0x[0-9a-fA-F]+$/.test(v)) throw new T8nError(T8nExit.config, `--${name}: expected an integer, got '${v}'`);
    return BigInt(v);
  };
  const chainId = integer('state.chainid', 1n);
  const reward = integer('state.reward', 0n);
  if (chainId < 0n) throw new T8nError(T8nExit.config, `--state.chainid: must not be negative, got ${chainId}`);
  if (reward < -1n) throw new T8nError(T8nExit.config, `--state.reward: -1 (no reward) or a reward of 0 or more, got ${reward}`);
  return { fork: stringFlag(args, 'state.fork') ?? DEFAULTS.fork, chainId, reward, stateTest: boolFlag(args, 'state-test') };
}

/** One transition from the input flags to the output flags. */
function runOnce(args: ParsedArgs, state: T8nOptions): number {
  const basedir = stringFlag(args, 'output.basedir') ?? '';
  if (basedir !== '') {
    try {
      mkdirSync(basedir, { recursive: true });
    } catch (e) {
      throw new T8nError(T8nExit.io, `--output.basedir: cannot create ${basedir}: ${(e as Error).message}`);
    }
  }
  const input = readInputs(args);
  const content = { memory: boolFlag(args, 'trace.memory'), returnData: boolFlag(args, 'trace.returndata'), stack: !boolFlag(args, 'trace.nostack') };
  // Call depth does not use the JavaScript stack (evm/interpreter.ts), so the transition runs on this thread.
  const tracing = boolFlag(args, 'trace') ? new TraceFiles(basedir, content) : undefined;
  let output: T8nOutput;
  try {
    output = transition(input, { ...state, tracing });
  } finally {
    tracing?.abandon();
  }
  dispatch(args, basedir, output);
  return 0;
}

/** A JSON file (or stdin's text) parsed; bad JSON is exit code 10, naming the input. */
function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new T8nError(T8nExit.json, `${what}: invalid JSON: ${(e as Error).message}`);
  }
}

/** A file's text; a file that cannot be read is exit code 11. */
function readFile(flag: string, path: string): string {
  try {
    return readText(`--${flag}`, path, MAX_JSON_FILE);
  } catch (e) {
    if (e instanceof UsageError) throw new T8nError(T8nExit.io, e.message);
    throw e;
  }
}

/** The three inputs from their flags; any of them `stdin` reads one JSON object {alloc, env, txs | txsRlp}. */
function readInputs(args: ParsedArgs): T8nInput {
  const allocFlag = stringFlag(args, 'input.alloc') ?? DEFAULTS.alloc;
  const envFlag = stringFlag(args, 'input.env') ?? DEFAULTS.env;
  const txsFlag = stringFlag(args, 'input.txs') ?? DEFAULTS.txs;
  let stdin: Record<string, unknown> = {};
  if (allocFlag === 'stdin' || envFlag === 'stdin' || txsFlag === 'stdin') {
    const value = parseJson(readFile('input (stdin)', '-'), 'stdin');
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new T8nError(T8nExit.json, 'stdin: expected a JSON object {alloc, env, txs}');
    stdin = value as Record<string, unknown>;
  }
  const fromFile = (flag: string, path: string) => parseJson(readFile(flag, path), path);
  const alloc = allocFlag === 'stdin' ? stdin.alloc : fromFile('input.alloc', allocFlag);
  const env = envFlag === 'stdin' ? stdin.env : fromFile('input.env', envFlag);
  if (env === undefined) throw new T8nError(T8nExit.json, 'stdin: no env');
  let txs: TxsInput;
  if (txsFlag === 'stdin') txs = stdinTxs(stdin);
  else if (txsFlag.endsWith('.rlp')) txs = { rlp: rlpBodyText(parseJson(readFile('input.txs', txsFlag), txsFlag), txsFlag), where: txsFlag };
  else txs = { json: fromFile('input.txs', txsFlag) };
  return { alloc, env, txs };
}

/** Writes a whole file; failing is exit code 11. */
function writeFileOrFail(path: string, text: string, flag: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new T8nError(T8nExit.io, `${flag}: cannot write ${path}: ${(e as Error).message}`);
  }
}

/** Writes alloc, result and body where their flags say: a file in basedir, stdout, stderr, or nowhere (""). */
function dispatch(args: ParsedArgs, basedir: string, output: T8nOutput): void {
  const toStdout: Record<string, unknown> = {};
  const toStderr: Record<string, unknown> = {};
  const targets: [string, string, unknown][] = [
    [stringFlag(args, 'output.alloc') ?? DEFAULTS.outAlloc, 'alloc', output.alloc],
    [stringFlag(args, 'output.result') ?? DEFAULTS.outResult, 'result', output.result],
    [stringFlag(args, 'output.body') ?? '', 'body', output.body],
  ];
  for (const [target, name, value] of targets) {
    if (target === 'stdout') toStdout[name] = value;
    else if (target === 'stderr') toStderr[name] = value;
    else if (target !== '') writeFileOrFail(join(basedir, target), JSON.stringify(value, null, 1), `--output.${name}`);
  }
  // geth indents files by one space and the stdout/stderr objects by two.
  if (Object.keys(toStdout).length > 0) process.stdout.write(JSON.stringify(toStdout, null, 2) + '\n');
  if (Object.keys(toStderr).length > 0) process.stderr.write(JSON.stringify(toStderr, null, 2) + '\n');
}
