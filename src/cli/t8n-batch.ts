/**
 * `evmkit t8n --batch`: many transitions in one process, for fillers, fuzzers and test drivers that would
 * otherwise start a process per block. Each stdin line is one request in the shape execution-spec-tests
 * posts to a t8n server, `{"state": {"fork", "chainid", "reward", "stateTest"}, "input": {alloc, env, txs |
 * txsRlp}}`; each answer is one stdout line, `{alloc, result, body}` or `{error, exitCode}`, in order.
 */
import { once } from 'node:events';
import { T8nError, T8nExit } from '../t8n/errors.js';
import { transition, type T8nOptions } from '../t8n/transition.js';
import { stdinTxs } from '../t8n/txs.js';
import { boolFlag, type ParsedArgs } from './args.js';
import { MAX_JSON_FILE } from './input.js';

/** Reads requests until stdin ends; returns 0 (a failed request is answered, not fatal). */
export async function runBatch(args: ParsedArgs, defaults: Omit<T8nOptions, 'tracing'>): Promise<number> {
  if (boolFlag(args, 'trace')) throw new T8nError(T8nExit.config, '--batch: --trace is not available (trace one request at a time)');
  for await (const line of requestLines(process.stdin)) {
    if (line.trim() === '') continue;
    if (!process.stdout.write(answerOf(line, defaults) + '\n')) await once(process.stdout, 'drain');
  }
  return 0;
}

/** The answer line of one request line. */
export function answerOf(line: string, defaults: Omit<T8nOptions, 'tracing'>): string {
  try {
    const request = object(parse(line), 'request');
    const state = object(request.state ?? {}, 'request.state');
    const input = object(request.input, 'request.input');
    const output = transition({ alloc: input.alloc, env: input.env, txs: stdinTxs(input) }, { ...defaults, ...stateOf(state) });
    return JSON.stringify(output);
  } catch (e) {
    // A bug is answered too (code 70, as the command would exit), so the requests after it still run.
    if (!(e instanceof T8nError)) return JSON.stringify({ error: `internal error: ${e instanceof Error ? e.message : String(e)}`, exitCode: 70 });
    return JSON.stringify({ error: e.message, exitCode: e.exitCode });
  }
}

function parse(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch (e) {
    throw new T8nError(T8nExit.json, `request: invalid JSON: ${(e as Error).message}`);
  }
}

function object(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new T8nError(T8nExit.json, `${where}: expected an object`);
  return value as Record<string, unknown>;
}

/** The request's `state`, each field overriding its flag. */
function stateOf(state: Record<string, unknown>): Partial<T8nOptions> {
  const out: { -readonly [K in keyof T8nOptions]?: T8nOptions[K] } = {};
  if (state.fork !== undefined) {
    if (typeof state.fork !== 'string') throw new T8nError(T8nExit.config, 'request.state.fork: expected a string');
    out.fork = state.fork;
  }
  if (state.chainid !== undefined) out.chainId = integer(state.chainid, 'request.state.chainid', 0n);
  if (state.reward !== undefined) out.reward = integer(state.reward, 'request.state.reward', -1n);
  if (state.stateTest !== undefined) out.stateTest = state.stateTest === true;
  return out;
}

function integer(value: unknown, where: string, min: bigint): bigint {
  const ok = (typeof value === 'number' && Number.isSafeInteger(value)) || (typeof value === 'string' && /^(-?[0-9]+|0x[0-9a-fA-F]+)$/.test(value));
  const n = ok ? BigInt(value as number | string) : undefined;
  if (n === undefined || n < min) throw new T8nError(T8nExit.config, `${where}: expected an integer of at least ${min}`);
  return n;
}

/**
 * The lines of a stream, each at most MAX_JSON_FILE bytes. Chunks are kept in a list until a newline ends
 * the line, so a line of many megabytes is joined once, not copied chunk by chunk.
 */
async function* requestLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let size = 0;
  let number = 0;
  for await (const data of stream) {
    let chunk = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10)) {
      number++;
      if (size + nl > MAX_JSON_FILE) throw new T8nError(T8nExit.io, `stdin: line ${number} is longer than ${MAX_JSON_FILE} bytes`);
      parts.push(chunk.subarray(0, nl));
      yield Buffer.concat(parts).toString('utf8');
      parts = [];
      size = 0;
      chunk = chunk.subarray(nl + 1);
    }
    size += chunk.length;
    if (size > MAX_JSON_FILE) throw new T8nError(T8nExit.io, `stdin: line ${number + 1} is longer than ${MAX_JSON_FILE} bytes`);
    if (chunk.length > 0) parts.push(chunk);
  }
  if (size > 0) yield Buffer.concat(parts).toString('utf8');
}
