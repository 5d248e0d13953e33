/**
 * Runs one blockchain test: the genesis on `pre` (its root must match), each block imported in order (a
 * block with `expectException` must be rejected, every other one accepted), then the head's hash against
 * `lastblockhash` and its state against `postState` or `postStateHash`.
 */
import { Chain, GenesisError, type ImportOptions } from '../block/chain.js';
import { decodeBlock, type DecodedBlock } from '../block/block.js';
import { InvalidBlockError } from '../block/errors.js';
import { DecodeError } from '../block/rlp-fields.js';
import { parseNetwork } from '../forks/network.js';
import { bytesToHex } from '../primitives/bytes.js';
import { allocToJson } from '../state/alloc.js';
import { stateRoot } from '../state/root.js';
import { WorldState } from '../state/world.js';
import { firstDifference } from '../statetest/diff.js';
import { parseBlobSchedules } from '../statetest/env.js';
import { array, bytes, FieldError, hash32, object, quantity, type JsonObject } from '../primitives/fields.js';
import { parsePre } from '../statetest/pre.js';
import type { BlockTest } from './load.js';
import type { BlockTestRecord } from './types.js';

/** Options of runBlockTest: a tracer per transaction (block number, index in the block), the head's state dumped. */
export interface BlockTestOptions {
  readonly importOptions?: (blockNumber: bigint) => ImportOptions;
  /** Add the head's state to the record as alloc JSON (blocktest --dump). */
  readonly dump?: boolean;
}

/** A failure to report: `where` names the block (`block 3`) or the test part. */
class TestFailure extends Error {}

/** Runs one test and says whether it matches the fixture; never throws. */
export function runBlockTest(t: BlockTest, options: BlockTestOptions = {}): BlockTestRecord {
  const base = { name: t.name, file: t.file, fork: t.network === '' ? '(no network)' : t.network };
  let chain: Chain | undefined;
  try {
    chain = importAll(t, options);
    const verdict = checkPost(object(t.json, 'test'), chain);
    const head = { lastblockhash: chain.headHash, stateRoot: verdict.root };
    return { ...base, pass: verdict.error === undefined, ...head, ...(verdict.error === undefined ? {} : { error: verdict.error }), ...dumped(chain, options) };
  } catch (e) {
    const error = e instanceof TestFailure || e instanceof FieldError ? e.message : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    const head = chain === undefined ? {} : { lastblockhash: chain.headHash, stateRoot: bytesToHex(stateRoot(chain.state())) };
    return { ...base, pass: false, ...head, error, ...(chain === undefined ? {} : dumped(chain, options)) };
  }
}

/** `{state}` with the head's state when --dump asks for it, else nothing. */
function dumped(chain: Chain, options: BlockTestOptions): { state?: Record<string, unknown> } {
  return options.dump === true ? { state: allocToJson(chain.state().toAlloc()) } : {};
}

/** Sets up the genesis and imports every block; throws TestFailure or FieldError. */
function importAll(t: BlockTest, options: BlockTestOptions): Chain {
  const test = object(t.json, 'test');
  const config = object(test.config ?? {}, 'config');
  const chainId = config.chainid === undefined ? 1n : quantity(config.chainid, 'config.chainid');
  if (t.network === '') throw new FieldError('network', test.network === undefined ? 'missing field' : 'expected a string');
  const network = parseNetwork(t.network, chainId, parseBlobSchedules(test.config));
  const pre = parsePre(test.pre);
  const genesis = decodeGenesis(test);
  let chain: Chain;
  try {
    chain = new Chain(network, genesis.block, pre);
  } catch (e) {
    if (e instanceof GenesisError) throw new TestFailure(e.message);
    throw e;
  }
  array(test.blocks, 'blocks').forEach((raw, i) => importOne(chain, object(raw, `blocks[${i}]`), i, options));
  return chain;
}

function decodeGenesis(test: JsonObject): DecodedBlock {
  const rlp = bytes(test.genesisRLP, 'genesisRLP');
  let genesis: DecodedBlock;
  try {
    genesis = decodeBlock(rlp);
  } catch (e) {
    if (e instanceof DecodeError) throw new TestFailure(`genesisRLP: ${e.message}`);
    throw e;
  }
  const header = object(test.genesisBlockHeader, 'genesisBlockHeader');
  const want = hash32(header.hash, 'genesisBlockHeader.hash');
  if (bytesToHex(genesis.hash) !== want) throw new TestFailure(`genesisRLP: hash ${bytesToHex(genesis.hash)}, genesisBlockHeader.hash ${want}`);
  return genesis;
}

/** Imports blocks[i]; a verdict that differs from the fixture's is a TestFailure naming the block. */
function importOne(chain: Chain, b: JsonObject, i: number, options: BlockTestOptions): void {
  const expected = typeof b.expectException === 'string' && b.expectException !== '' ? b.expectException : undefined;
  const label = (n: bigint | undefined) => `block ${n ?? fixtureNumber(b) ?? `#${i}`} (blocks[${i}])`;
  let rlp: Uint8Array;
  try {
    rlp = bytes(b.rlp, `blocks[${i}].rlp`);
  } catch (e) {
    if (e instanceof FieldError) throw new TestFailure(`${label(undefined)}: ${e.message}`);
    throw e;
  }
  let decoded: DecodedBlock;
  try {
    decoded = decodeBlock(rlp);
  } catch (e) {
    if (!(e instanceof DecodeError)) throw e;
    if (expected !== undefined) return; // an undecodable block is an invalid block
    throw new TestFailure(`${label(undefined)}: rejected: ${e.message}`);
  }
  const number = decoded.block.header.number;
  try {
    chain.importBlock(decoded.block, { ...options.importOptions?.(number), size: decoded.size });
  } catch (e) {
    if (!(e instanceof InvalidBlockError)) throw e;
    if (expected !== undefined) return;
    throw new TestFailure(`${label(number)}: rejected: ${e.message}`);
  }
  if (expected !== undefined) throw new TestFailure(`${label(number)}: expected exception ${expected}, but the block was valid`);
}

/** The block number the fixture states (`blocknumber` or `blockHeader.number`), for messages. */
function fixtureNumber(b: JsonObject): string | undefined {
  const n = b.blocknumber ?? (typeof b.blockHeader === 'object' && b.blockHeader !== null ? (b.blockHeader as JsonObject).number : undefined);
  if (typeof n !== 'string') return undefined;
  try {
    return quantity(n, 'blocknumber').toString();
  } catch {
    return undefined;
  }
}

/** The head against `lastblockhash`, its state against `postState` or `postStateHash`. */
function checkPost(test: JsonObject, chain: Chain): { root: string; error?: string } {
  const state = chain.state();
  const root = bytesToHex(stateRoot(state));
  const last = hash32(test.lastblockhash, 'lastblockhash');
  if (chain.headHash !== last) return { root, error: `lastblockhash: got ${chain.headHash}, want ${last}` };
  if (test.postState !== undefined) {
    const expected = parsePre(test.postState);
    const want = bytesToHex(stateRoot(WorldState.fromAlloc(expected)));
    if (root !== want) return { root, error: `postState: state root ${root}, want ${want}; first difference: ${firstDifference(state, expected) ?? 'none'}` };
    return { root };
  }
  const want = hash32(test.postStateHash, 'postStateHash');
  if (root !== want) return { root, error: `postStateHash: got ${root}, want ${want}` };
  return { root };
}
