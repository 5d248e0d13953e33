// Block RLP: fixture blocks decode and re-encode to the same bytes; malformed blocks name the broken field.
import { describe, expect, it } from 'vitest';
import { decodeBlock, encodeBlock } from '../../src/block/block.js';
import { encodeHeader, headerFromRlp, headerHash } from '../../src/block/header.js';
import { DecodeError } from '../../src/block/rlp-fields.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { type RlpInput, rlpDecode, rlpEncode } from '../../src/primitives/rlp.js';
import { fixtureTests } from './helpers.js';

function decodeFailure(raw: Uint8Array): string {
  try {
    decodeBlock(raw);
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  return 'decoded';
}

const [[, cancun]] = fixtureTests('blockWithAllTransactionTypes.json');
const [[, prague]] = fixtureTests('test_eip_7702.json');
const blockOf = (json: Record<string, unknown>) => (json.blocks as { rlp: string; blockHeader: { hash: string } }[])[0];

describe('decodeBlock and encodeBlock', () => {
  for (const [name, json] of [['Cancun, types 0–3', cancun], ['Prague, type 4', prague]] as const) {
    it(`${name}: the hash is the fixture's and the block re-encodes to its bytes`, () => {
      const { rlp, blockHeader } = blockOf(json);
      const decoded = decodeBlock(hexToBytes(rlp));
      expect(bytesToHex(decoded.hash)).toBe(blockHeader.hash);
      expect(decoded.size).toBe((rlp.length - 2) / 2);
      expect(bytesToHex(encodeBlock(decoded.block))).toBe(rlp);
      expect(bytesToHex(headerHash(headerFromRlp(rlpDecode(encodeHeader(decoded.block.header)))))).toBe(blockHeader.hash);
    });
  }

  it('the genesis of each fixture hashes to its genesisBlockHeader.hash', () => {
    for (const json of [cancun, prague]) {
      const genesis = decodeBlock(hexToBytes(json.genesisRLP as string));
      expect(bytesToHex(genesis.hash)).toBe((json.genesisBlockHeader as { hash: string }).hash);
      expect(genesis.block.withdrawals).toEqual([]);
    }
  });

  it('names the field of a malformed block', () => {
    const items = rlpDecode(hexToBytes(blockOf(cancun).rlp)) as RlpInput[];
    const header = items[0] as RlpInput[];
    const withItems = (...changed: RlpInput[]) => rlpEncode(changed);
    expect(decodeFailure(withItems(items[0], items[1]))).toBe('block: expected 3 or 4 items (header, transactions, uncles[, withdrawals]), got 2');
    expect(decodeFailure(withItems(header.slice(0, 14), items[1], items[2], items[3]))).toBe('header: expected 15 to 21 fields, got 14');
    const shortBloom = [...header];
    shortBloom[6] = new Uint8Array(255);
    expect(decodeFailure(withItems(shortBloom, items[1], items[2], items[3]))).toBe('header.logsBloom: expected 256 bytes, got 255');
    const paddedNumber = [...header];
    paddedNumber[8] = Uint8Array.of(0, 1);
    expect(decodeFailure(withItems(paddedNumber, items[1], items[2], items[3]))).toBe('header.number: integer with leading zero bytes');
    const wideTime = [...header];
    wideTime[11] = new Uint8Array(9).fill(1);
    expect(decodeFailure(withItems(wideTime, items[1], items[2], items[3]))).toBe('header.timestamp: integer of 9 bytes exceeds 64 bits');
    expect(decodeFailure(withItems(header, items[1], items[2], [[new Uint8Array(0)]]))).toBe('withdrawals[0]: expected 4 items, got 1');
    expect(decodeFailure(withItems(header, items[1], [new Uint8Array(1)], items[3]))).toBe('uncles[0]: expected a list, got a byte string');
    const legacyAsBytes = rlpEncode((items[1] as RlpInput[])[0]);
    expect(decodeFailure(withItems(header, [legacyAsBytes], items[2], items[3]))).toBe('transactions[0]: a legacy transaction must be a list, not a byte string');
    expect(decodeFailure(new Uint8Array([...hexToBytes(blockOf(cancun).rlp), 0]))).toMatch(/^block: invalid RLP/);
  });
});
