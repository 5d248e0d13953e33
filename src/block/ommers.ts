/**
 * Uncle (ommer) validation before Paris (Yellow Paper 11.1, geth's `VerifyUncles`): at most two, none
 * repeated, none already in the chain or included by a recent block, each a valid header whose parent is
 * one of the block's six nearest ancestors, one to six generations older than the block.
 */
import { bytesEqual, bytesToHex } from '../primitives/bytes.js';
import type { Block } from './block.js';
import { InvalidBlockError } from './errors.js';
import { type BlockHeader, headerHash } from './header.js';
import { ommersHash } from './roots.js';

/** At most this many uncles per block. */
export const MAX_OMMERS = 2;
/** An uncle is at most this many generations older than its block. */
export const MAX_OMMER_DEPTH = 6n;

/** A block of the chain the new block extends: its hash, header and the hashes of the uncles it included. */
export interface Ancestor {
  readonly hash: string;
  readonly header: BlockHeader;
  readonly ommerHashes: readonly string[];
}

/**
 * Checks a block's uncles against `ancestors` (its parent first, at least seven generations when the chain
 * has them). `validateOmmer` checks one uncle's header against its parent (the rules of the uncle's fork).
 */
export function validateOmmers(block: Block, ancestors: readonly Ancestor[], validateOmmer: (ommer: BlockHeader, parent: Ancestor) => void): void {
  const h = block.header;
  const expected = ommersHash(block.ommers);
  if (!bytesEqual(expected, h.ommersHash)) {
    throw new InvalidBlockError('INVALID_UNCLES_HASH', `header.ommersHash: expected ${bytesToHex(expected)} (of the block's uncles), got ${bytesToHex(h.ommersHash)}`);
  }
  if (block.ommers.length === 0) return;
  if (block.ommers.length > MAX_OMMERS) throw new InvalidBlockError('TOO_MANY_UNCLES', `uncles: ${block.ommers.length}, at most ${MAX_OMMERS}`);
  const recent = ancestors.slice(0, Number(MAX_OMMER_DEPTH) + 1);
  const byHash = new Map(recent.map((a) => [a.hash, a]));
  const included = new Set(recent.flatMap((a) => a.ommerHashes));
  const seen = new Set<string>();
  block.ommers.forEach((ommer, i) => {
    const hash = bytesToHex(headerHash(ommer));
    const where = `uncles[${i}]`;
    if (seen.has(hash)) throw new InvalidBlockError('DUPLICATE_UNCLE', `${where}: ${hash} appears twice`);
    seen.add(hash);
    if (byHash.has(hash)) throw new InvalidBlockError('UNCLE_IS_ANCESTOR', `${where}: ${hash} is an ancestor of the block`);
    if (included.has(hash)) throw new InvalidBlockError('UNCLE_ALREADY_INCLUDED', `${where}: ${hash} was included by an earlier block`);
    const parentHash = bytesToHex(ommer.parentHash);
    const parent = byHash.get(parentHash);
    if (parent === undefined || parentHash === bytesToHex(h.parentHash)) {
      throw new InvalidBlockError('UNCLE_PARENT_INCORRECT', `${where}.parentHash: ${parentHash} is not an ancestor of the block older than its parent`);
    }
    const age = h.number - ommer.number;
    if (age < 1n || age > MAX_OMMER_DEPTH) throw new InvalidBlockError('UNCLE_TOO_OLD', `${where}.number: ${ommer.number} is ${age} generations from block ${h.number} (1 to ${MAX_OMMER_DEPTH})`);
    try {
      validateOmmer(ommer, parent);
    } catch (e) {
      if (e instanceof InvalidBlockError) throw new InvalidBlockError(e.kind, `${where}: ${e.message}`);
      throw e;
    }
  });
}
