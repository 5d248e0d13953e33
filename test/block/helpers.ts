// Loading the committed blockchain-test fixtures into a Chain, for tests that check real outcomes.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeBlock, type DecodedBlock } from '../../src/block/block.js';
import { Chain } from '../../src/block/chain.js';
import { parseNetwork } from '../../src/forks/network.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { parseBlobSchedules } from '../../src/statetest/env.js';
import { parsePre } from '../../src/statetest/pre.js';
import type { Alloc } from '../../src/transition/types.js';

const DIR = resolve(__dirname, '..', 'fixtures', 'blockchain');

/** A fixture test: its chain on the genesis, its pre-state and its blocks, decoded. */
export interface FixtureChain {
  readonly chain: Chain;
  readonly pre: Alloc;
  readonly genesis: DecodedBlock;
  readonly blocks: DecodedBlock[];
  readonly json: Record<string, unknown>;
}

/** The tests of one file in test/fixtures/blockchain, by name. */
export function fixtureTests(file: string): [string, Record<string, unknown>][] {
  return Object.entries(JSON.parse(readFileSync(join(DIR, file), 'utf8')) as Record<string, Record<string, unknown>>);
}

/** Sets up the chain of a fixture test (genesis only) and decodes its blocks. */
export function fixtureChain(json: Record<string, unknown>): FixtureChain {
  const config = (json.config ?? {}) as Record<string, unknown>;
  const network = parseNetwork(json.network as string, 1n, parseBlobSchedules(config));
  const pre = parsePre(json.pre);
  const genesis = decodeBlock(hexToBytes(json.genesisRLP as string));
  const blocks = (json.blocks as { rlp: string }[]).map((b) => decodeBlock(hexToBytes(b.rlp)));
  return { chain: new Chain(network, genesis.block, pre), pre, genesis, blocks, json };
}

/** The alloc of the four system contracts (EIP-4788, EIP-2935, EIP-7002, EIP-7251). */
export function systemContractsAlloc(): Alloc {
  return parsePre(JSON.parse(readFileSync(join(__dirname, 'system-contracts.json'), 'utf8')));
}
