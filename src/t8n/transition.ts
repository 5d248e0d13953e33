/**
 * A state transition as geth's `evm t8n` defines it: a pre-state (`alloc`), a block environment (`env`) and
 * transactions go through the block builder; the post-state, the block's roots and receipts and the
 * transactions it could not include come out. This is the library entry `evmkit t8n` runs for each input.
 */
import { BlockBuilder, type BlockOutput } from '../block/builder.js';
import { InvalidBlockError } from '../block/errors.js';
import type { SignedTransaction } from '../block/transaction.js';
import { Fork } from '../forks/fork.js';
import { type ChainConfig, NetworkError, parseNetwork, rulesAt } from '../forks/network.js';
import { rlpDecode, rlpEncode, type RlpInput } from '../primitives/rlp.js';
import { bigIntToBytes, bytesToHex } from '../primitives/bytes.js';
import { MAX_U256 } from '../primitives/word.js';
import { FieldError } from '../primitives/fields.js';
import { WorldState } from '../state/world.js';
import type { Tracer } from '../evm/tracer.js';
import { parseT8nAlloc, t8nAllocJson, type T8nAllocJson } from './alloc.js';
import { type EnvInput, parseEnvJson, resolveEnv, type ResolvedEnv } from './env.js';
import { T8nError, T8nExit } from './errors.js';
import { type Included, type Rejected, resultJson } from './result.js';
import { parseTxs, type TxsInput } from './txs.js';

/** The three inputs, as JSON values (the transactions as JSON or an RLP body). */
export interface T8nInput {
  readonly alloc: unknown;
  readonly env: unknown;
  readonly txs: TxsInput;
}

/** A tracer for each transaction the builder runs, and the end of that transaction (its trace can be written). */
export interface T8nTracing {
  open(index: number, signed: SignedTransaction, state: WorldState): Tracer;
  close(included: boolean): void;
}

/** The `--state.*` settings and what else a run may be given. */
export interface T8nOptions {
  /** A fork, transition or BPO name (`--state.fork`). */
  readonly fork: string;
  /** `--state.chainid`. */
  readonly chainId: bigint;
  /** `--state.reward`: the block reward in wei; -1 pays none, 0 still touches the miners. */
  readonly reward: bigint;
  /** execution-specs' `--state-test`: no system operations (DAO change, system calls, withdrawals, requests). */
  readonly stateTest?: boolean;
  readonly tracing?: T8nTracing;
}

/** What a transition writes: the post-state, the result, and the RLP of the included transactions. */
export interface T8nOutput {
  readonly alloc: T8nAllocJson;
  readonly result: Record<string, unknown>;
  /** Hex of the RLP list of the included transactions (geth's `--output.body`). */
  readonly body: string;
}

/** Runs one transition; throws T8nError with geth's exit code for input it cannot run. */
export function transition(input: T8nInput, options: T8nOptions): T8nOutput {
  const config = chainConfig(options.fork, options.chainId);
  const alloc = jsonField(() => parseT8nAlloc(input.alloc));
  const e = jsonField(() => parseEnvJson(input.env));
  const txs = parseTxs(input.txs, options.chainId);
  const stateTest = options.stateTest === true;
  // A merge by total difficulty (…ToParisAtDiff…) has happened when the env gives currentRandom, as in geth.
  const rules = rulesAt(config, { number: e.number, timestamp: e.timestamp, parentTotalDifficulty: e.random === undefined ? 0n : MAX_U256 });
  const resolved = resolveEnv(e, config, rules, stateTest);
  checkOmmers(e, options.reward);
  const state = WorldState.fromAlloc(alloc);
  const tracing = options.tracing;
  let opened = false; // the builder ran the transaction, so its tracer was opened
  const tracerFor = tracing === undefined ? undefined : (index: number, s: WorldState, signed: SignedTransaction) => ((opened = true), tracing.open(index, signed, s));
  const builder = new BlockBuilder(
    state,
    {
      fork: rules.fork,
      env: resolved.env,
      parentHash: parentHash(e, rules.fork),
      parentBeaconBlockRoot: resolved.parentBeaconBlockRoot,
      daoFork: !stateTest && config.daoForkBlock === e.number,
      systemCalls: !stateTest,
    },
    { tracerFor },
  );
  const included: Included[] = [];
  const rejected: Rejected[] = [];
  txs.forEach((t, index) => {
    if ('error' in t) return void rejected.push({ index, error: t.error });
    const signed = t.signed;
    const blob = blobRejection(signed, resolved);
    if (blob !== undefined) return void rejected.push({ index, error: blob });
    const outcome = builder.addTransaction(signed);
    if (opened) tracing?.close(outcome.included);
    opened = false;
    if (!outcome.included) return void rejected.push({ index, error: outcome.reason });
    included.push({ signed, receipt: outcome.receipt });
    const missing = resolved.missingBlockHash();
    if (missing !== undefined) throw new T8nError(T8nExit.missingBlockhash, `BLOCKHASH(${missing}) in txs[${index}]: env.blockHashes has no hash for block ${missing}`);
  });
  const block = finish(builder, e, options, stateTest);
  const result = resultJson(block, included, rejected, { fork: rules.fork, ...resolved });
  return { alloc: t8nAllocJson(state), result, body: bodyHex(included.map((t) => t.signed)) };
}

/** The network of `--state.fork`; geth's extra-EIP syntax (`London+3855`) is refused. Throws T8nError (3). */
function chainConfig(fork: string, chainId: bigint): ChainConfig {
  if (fork.includes('+')) throw new T8nError(T8nExit.config, `--state.fork: '${fork}': extra EIPs (+N) are not supported; name a fork, transition or BPO`);
  try {
    return parseNetwork(fork, chainId);
  } catch (e) {
    if (e instanceof NetworkError) throw new T8nError(T8nExit.config, `--state.fork: ${e.message.replace(/^network /, '')} (see --help for the names)`);
    throw e;
  }
}

/** Runs a JSON reader; a FieldError becomes T8nError (exit code 10). */
function jsonField<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (e instanceof FieldError) throw new T8nError(T8nExit.json, e.message);
    throw e;
  }
}

/** The parent's hash for EIP-2935 (Prague on), from `blockHashes`; geth makes the call only when they are given. */
function parentHash(e: EnvInput, fork: Fork): Uint8Array | undefined {
  if (fork < Fork.Prague || e.blockHashes === undefined) return undefined;
  return bigIntToBytes(e.number === 0n ? 0n : (e.blockHashes.get(e.number - 1n) ?? 0n), 32);
}

/** An uncle more than 8 blocks old would get a negative reward, which no balance can take. */
function checkOmmers(e: EnvInput, reward: bigint): void {
  e.ommers.forEach((o, i) => {
    if (o.delta > 8n && reward > 0n) throw new T8nError(T8nExit.config, `env.ommers[${i}].delta: ${o.delta} above 8 gives the uncle's miner a negative reward`);
  });
}

/** geth checks that a blob transaction has a blob base fee to pay before anything else. */
function blobRejection(signed: SignedTransaction, env: ResolvedEnv): string | undefined {
  if (signed.tx.type !== 3 || env.excessBlobGas !== undefined) return undefined;
  return 'blob transaction, but the env has no currentExcessBlobGas (nor parentExcessBlobGas and parentBlobGasUsed to derive it)';
}

/** Withdrawals, rewards and requests; a requests system call that fails is exit code 2, as in geth. */
function finish(builder: BlockBuilder, e: EnvInput, options: T8nOptions, stateTest: boolean): BlockOutput {
  try {
    return builder.finish({
      withdrawals: stateTest ? [] : (e.withdrawals ?? []),
      ommers: e.ommers.map((o) => ({ number: e.number - o.delta, coinbase: o.address })),
      blockReward: options.reward < 0n ? null : options.reward,
    });
  } catch (err) {
    if (err instanceof InvalidBlockError) throw new T8nError(T8nExit.evm, `block: ${err.message}`);
    throw err;
  }
}

/** The RLP list of the transactions as a block body holds them: a legacy one as its list, a typed one as a byte string. */
function bodyHex(txs: readonly SignedTransaction[]): string {
  return bytesToHex(rlpEncode(txs.map((t): RlpInput => (t.tx.type === 0 ? (rlpDecode(t.raw) as RlpInput) : t.raw))));
}
