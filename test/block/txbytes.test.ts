// decodeTransaction against every `txbytes` of the committed state tests: the sender it recovers is the
// fixture's `sender` (or the address of its `secretKey`), for every transaction the fixture deems valid.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DecodeError } from '../../src/block/rlp-fields.js';
import { decodeTransaction } from '../../src/block/transaction.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { privateKeyToAddress } from '../../src/primitives/secp256k1.js';

const ROOT = resolve(__dirname, '..', '..', 'fixtures');

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (name.endsWith('.json')) yield path;
  }
}

describe('txbytes of the committed state tests', () => {
  it('decode to the fixture\'s sender', () => {
    const types = new Set<number>();
    let checked = 0;
    for (const file of files(ROOT)) {
      const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { transaction: { sender?: string; secretKey?: string }; post: Record<string, { txbytes?: string; expectException?: string }[]> }>;
      for (const [name, test] of Object.entries(json)) {
        const tx = test.transaction;
        const sender = tx.sender ?? privateKeyToAddress(hexToBytes(tx.secretKey!));
        for (const entries of Object.values(test.post)) {
          for (const e of entries) {
            if (e.txbytes === undefined || e.expectException !== undefined) continue;
            let decoded;
            try {
              decoded = decodeTransaction(hexToBytes(e.txbytes));
            } catch (err) {
              if (err instanceof DecodeError) throw new Error(`${file} ${name}: ${err.message}`);
              throw err;
            }
            expect(decoded.tx.sender, `${file} ${name}`).toBe(sender.toLowerCase());
            types.add(decoded.tx.type);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
    // The committed subset has types 0–2 (types 3 and 4 are in transaction.test.ts's vectors).
    expect([...types].sort()).toEqual([0, 1, 2]);
  }, 60_000);
});
