// Receipts (one per transaction type, and before Byzantium) and the logs bloom, checked against the roots and
// blooms of real fixture blocks.
import { describe, expect, it } from 'vitest';
import { BLOOM_BYTES, logsBloom } from '../../src/block/bloom.js';
import { encodeReceipt } from '../../src/block/receipt.js';
import { receiptsRoot } from '../../src/block/roots.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { rlpDecode } from '../../src/primitives/rlp.js';
import { fixtureChain, fixtureTests } from './helpers.js';

describe('receipts', () => {
  it('types 0–3 in one Cancun block: typed envelopes, status, cumulative gas; the root is the header\'s', () => {
    const [[, json]] = fixtureTests('blockWithAllTransactionTypes.json');
    const { chain, blocks } = fixtureChain(json);
    const applied = chain.importBlock(blocks[0].block)!;
    const receipts = applied.output.receipts;
    expect(receipts.map((r) => r.type)).toEqual([0, 1, 2, 3]);
    let cumulative = 0n;
    for (const r of receipts) {
      cumulative += r.gasUsed;
      expect(r.cumulativeGasUsed).toBe(cumulative);
      expect(r.postState).toBeUndefined();
      const encoded = encodeReceipt(r);
      const body = r.type === 0 ? encoded : encoded.subarray(1);
      if (r.type !== 0) expect(encoded[0]).toBe(r.type);
      const [status, gas, bloom, logs] = rlpDecode(body) as Uint8Array[];
      expect(bytesToHex(status)).toBe(r.status ? '0x01' : '0x');
      expect(BigInt(bytesToHex(gas) === '0x' ? 0 : bytesToHex(gas))).toBe(cumulative);
      expect(bloom.length).toBe(BLOOM_BYTES);
      expect((logs as unknown as unknown[]).length).toBe(r.logs.length);
    }
    expect(bytesToHex(receiptsRoot(receipts))).toBe(bytesToHex(blocks[0].block.header.receiptsRoot));
  });

  it('type 4 (Prague): the receipts root is the header\'s', () => {
    const [[, json]] = fixtureTests('test_eip_7702.json');
    const { chain, blocks } = fixtureChain(json);
    const receipts = chain.importBlock(blocks[0].block)!.output.receipts;
    expect(receipts.map((r) => r.type)).toEqual([4]);
    expect(encodeReceipt(receipts[0])[0]).toBe(4);
    expect(bytesToHex(receiptsRoot(receipts))).toBe(bytesToHex(blocks[0].block.header.receiptsRoot));
  });

  it('before Byzantium: the intermediate state root in place of the status (Frontier and Homestead)', () => {
    const tests = fixtureTests('test_block_intermediate_state.json');
    expect(tests.map(([, t]) => t.network)).toEqual(['Frontier', 'Homestead']);
    for (const [, json] of tests) {
      const { chain, blocks } = fixtureChain(json);
      for (const b of blocks) {
        const receipts = chain.importBlock(b.block)!.output.receipts;
        expect(receipts.length).toBe(b.block.transactions.length);
        for (const r of receipts) {
          expect(r.status).toBeUndefined();
          expect(r.postState?.length).toBe(32);
          const [first] = rlpDecode(encodeReceipt(r)) as Uint8Array[];
          expect(bytesToHex(first)).toBe(bytesToHex(r.postState!));
          // The intermediate root is the state after the transaction, before the block reward.
          expect(bytesToHex(r.postState!)).not.toBe(bytesToHex(b.block.header.stateRoot));
        }
        expect(bytesToHex(receiptsRoot(receipts))).toBe(bytesToHex(b.block.header.receiptsRoot));
      }
    }
  });
});

describe('logsBloom', () => {
  /** The three bits the Yellow Paper's M sets for `data`, as (byte index, mask). */
  const bits = (data: Uint8Array) => {
    const h = keccak256(data);
    return [0, 2, 4].map((i) => {
      const bit = ((h[i] << 8) | h[i + 1]) & 2047;
      return [BLOOM_BYTES - 1 - (bit >> 3), 1 << (bit & 7)] as const;
    });
  };

  it('is empty without logs and sets three bits per address and per topic', () => {
    expect(logsBloom([]).every((b) => b === 0)).toBe(true);
    const address = '0x00000000219ab540356cbb839cbe05303d7705fa';
    const topic = 0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5n;
    const bloom = logsBloom([{ address, topics: [topic], data: new Uint8Array(0) }]);
    const expected = new Uint8Array(BLOOM_BYTES);
    for (const [i, mask] of [...bits(hexToBytes(address)), ...bits(hexToBytes('0x' + topic.toString(16).padStart(64, '0')))]) expected[i] |= mask;
    expect(bytesToHex(bloom)).toBe(bytesToHex(expected));
    const set = [...bloom].reduce((n, b) => n + b.toString(2).replace(/0/g, '').length, 0);
    expect(set).toBeGreaterThan(0);
    expect(set).toBeLessThanOrEqual(6);
  });

  it('of a real block: the receipts\' blooms OR to the header\'s', () => {
    const [[, json]] = fixtureTests('log1_correct.json');
    const { chain, blocks } = fixtureChain(json);
    const output = chain.importBlock(blocks[0].block)!.output;
    expect(output.receipts.flatMap((r) => r.logs).length).toBeGreaterThan(0);
    expect(blocks[0].block.header.logsBloom.some((b) => b !== 0)).toBe(true);
    const fromLogs = logsBloom(output.receipts.flatMap((r) => r.logs));
    expect(bytesToHex(fromLogs)).toBe(bytesToHex(blocks[0].block.header.logsBloom));
    expect(bytesToHex(output.logsBloom)).toBe(bytesToHex(blocks[0].block.header.logsBloom));
  });
});
