// Uncle rules (before Paris): count, duplicates, ancestors, uncles already included, parent and depth.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/block/block.js';
import { InvalidBlockError } from '../../src/block/errors.js';
import { type BlockHeader, headerHash } from '../../src/block/header.js';
import { type Ancestor, validateOmmers } from '../../src/block/ommers.js';
import { EMPTY_OMMERS_HASH, ommersHash } from '../../src/block/roots.js';
import { bytesToHex } from '../../src/primitives/bytes.js';

const Z = new Uint8Array(32);
function header(number: bigint, parentHash: Uint8Array, extra = 0): BlockHeader {
  return {
    parentHash, ommersHash: EMPTY_OMMERS_HASH, coinbase: '0x0000000000000000000000000000000000000000', stateRoot: Z, transactionsRoot: Z, receiptsRoot: Z,
    logsBloom: new Uint8Array(256), difficulty: 131072n, number, gasLimit: 5000n, gasUsed: 0n, timestamp: number * 10n, extraData: Uint8Array.of(extra), mixHash: Z, nonce: new Uint8Array(8),
  };
}

// A chain 0 … 9; the new block is number 10 on block 9.
const chain: BlockHeader[] = [];
for (let n = 0n; n < 10n; n++) chain.push(header(n, n === 0n ? Z : headerHash(chain[Number(n) - 1])));
const ancestors: Ancestor[] = chain.map((h) => ({ hash: bytesToHex(headerHash(h)), header: h, ommerHashes: [] as string[] })).reverse();
const uncleOf = (n: number, extra = 1) => header(BigInt(n), headerHash(chain[n - 1]), extra); // a sibling of block n

function kind(ommers: BlockHeader[], known: Ancestor[] = ancestors): string {
  const block: Block = { header: { ...header(10n, headerHash(chain[9])), ommersHash: ommersHash(ommers) }, transactions: [], ommers };
  try {
    validateOmmers(block, known, () => {});
    return 'valid';
  } catch (e) {
    if (e instanceof InvalidBlockError) return e.kind;
    throw e;
  }
}

describe('validateOmmers', () => {
  it('accepts up to two uncles one to six generations back', () => {
    expect(kind([])).toBe('valid');
    expect(kind([uncleOf(9), uncleOf(4)])).toBe('valid');
  });

  it('rejects three, a repeat, an ancestor, an uncle already included, a bad hash', () => {
    expect(kind([uncleOf(9), uncleOf(8), uncleOf(7)])).toBe('TOO_MANY_UNCLES');
    expect(kind([uncleOf(9), uncleOf(9)])).toBe('DUPLICATE_UNCLE');
    expect(kind([chain[8]])).toBe('UNCLE_IS_ANCESTOR');
    const included = [{ ...ancestors[0], ommerHashes: [bytesToHex(headerHash(uncleOf(8)))] }, ...ancestors.slice(1)];
    expect(kind([uncleOf(8)], included)).toBe('UNCLE_ALREADY_INCLUDED');
    const block: Block = { header: header(10n, headerHash(chain[9])), transactions: [], ommers: [uncleOf(9)] };
    expect(() => validateOmmers(block, ancestors, () => {})).toThrow(/header\.ommersHash: expected 0x/);
  });

  it('rejects an uncle whose parent is not an ancestor within six generations, or is the block\'s own parent', () => {
    expect(kind([uncleOf(3)])).toBe('UNCLE_PARENT_INCORRECT'); // its parent, block 2, is seven generations back
    expect(kind([header(10n, headerHash(chain[9]), 1)])).toBe('UNCLE_PARENT_INCORRECT'); // a sibling of the block
    expect(kind([header(10n, headerHash(chain[8]), 1)])).toBe('UNCLE_TOO_OLD'); // age 0 from a valid ancestor
  });
});
