// The cost book behind longest-first scheduling: times survive a save and reopen, the order puts the
// longest known file first and unknown files after in their given order, and a broken book is empty; the
// test run itself keeps the book out of the user's cache.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CostBook } from '../../src/statetest/costs.js';
import { evmkit, ROOT } from '../helpers/cli.js';

const saved = process.env.EVMKIT_COST_FILE;
afterEach(() => {
  if (saved === undefined) delete process.env.EVMKIT_COST_FILE;
  else process.env.EVMKIT_COST_FILE = saved;
});

describe('CostBook', () => {
  it('orders files longest first after a run, unknown ones last in their order', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evmkit-costs-')), 'costs.json');
    process.env.EVMKIT_COST_FILE = path;
    const first = CostBook.open('scope');
    expect(first.order(['a.json', 'b.json', 'c.json', 'd.json'])).toEqual([0, 1, 2, 3]);
    first.record('a.json', 10);
    first.record('b.json', 49_000);
    first.record('c.json', 300);
    first.save();
    const again = CostBook.open('scope');
    expect(again.estimate('b.json')).toBe(49_000);
    expect(again.order(['a.json', 'b.json', 'c.json', 'd.json', 'e.json'])).toEqual([1, 2, 0, 3, 4]);
    // Another scope (other filters) has its own times.
    expect(CostBook.open('other').order(['a.json', 'b.json'])).toEqual([0, 1]);
  });

  it('treats a broken book as empty and can be turned off', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'evmkit-costs-')), 'costs.json');
    writeFileSync(path, '{not json');
    process.env.EVMKIT_COST_FILE = path;
    const book = CostBook.open('scope');
    expect(book.order(['x', 'y'])).toEqual([0, 1]);
    book.record('y', 5);
    book.save();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ [`scope\u0000${join(process.cwd(), 'y')}`]: 5 });
    process.env.EVMKIT_COST_FILE = 'off';
    const off = CostBook.open('scope');
    off.record('y', 7);
    off.save();
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ [`scope\u0000${join(process.cwd(), 'y')}`]: 5 });
  });
});

describe('the test run', () => {
  it("keeps the CLI's cost book in a file of its own under the temporary directory (vitest setup, test/setup/)", () => {
    const path = process.env.EVMKIT_COST_FILE!;
    expect(path.startsWith(join(tmpdir(), 'evmkit-test-run-'))).toBe(true);
    const r = evmkit(['statetest', join(ROOT, 'fixtures', 'GeneralStateTests', 'stExample')]);
    expect(r.code).toBe(0);
    const times = Object.keys(JSON.parse(readFileSync(path, 'utf8')) as Record<string, number>);
    expect(times.some((key) => key.endsWith(join('stExample', 'yulExample.json')))).toBe(true);
  });
});
