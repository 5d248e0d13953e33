import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_U256 } from '../../src/primitives/word.js';
import { quantity, u64 } from '../../src/primitives/fields.js';
import { loadFixtureFile } from '../../src/statetest/load.js';
import { parsePre } from '../../src/statetest/pre.js';
import { readFixtureText } from '../../src/statetest/read.js';

const dir = mkdtempSync(join(tmpdir(), 'evmkit-read-'));

describe('readFixtureText', () => {
  it('reads a regular file', async () => {
    writeFileSync(join(dir, 'a.json'), '{"x": 1}');
    expect(await readFixtureText(join(dir, 'a.json'))).toBe('{"x": 1}');
  });

  it('refuses a FIFO without blocking, a device and a directory', async () => {
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    await expect(readFixtureText(join(dir, 'fifo'))).rejects.toThrow('not a regular file (a FIFO)');
    await expect(readFixtureText('/dev/zero')).rejects.toThrow('not a regular file (a character device)');
    await expect(readFixtureText(dir)).rejects.toThrow('not a regular file (a directory)');
    await expect(loadFixtureFile(join(dir, 'fifo'))).rejects.toThrow(`${join(dir, 'fifo')}: not a regular file (a FIFO)`);
  });

  it('refuses a file over the limit', async () => {
    writeFileSync(join(dir, 'big.json'), 'x'.repeat(2 * 1024 * 1024));
    await expect(readFixtureText(join(dir, 'big.json'), 1024 * 1024)).rejects.toThrow('file of 2.0 MiB is larger than the 1.0 MiB limit');
  });
});

describe('fixture number bounds', () => {
  it('stands in a value over 2^256 for numbers with too many digits, without converting them', () => {
    expect(quantity('0x' + '0'.repeat(100) + 'ff', 'x')).toBe(255n);
    expect(quantity('0x1' + '0'.repeat(64), 'x')).toBe(MAX_U256 + 1n);
    expect(quantity('0x1' + '0'.repeat(1_000_000), 'x')).toBeGreaterThan(MAX_U256);
    expect(quantity('9'.repeat(78), 'x')).toBe(10n ** 78n - 1n);
    expect(quantity('9'.repeat(79), 'x')).toBeGreaterThan(MAX_U256);
    expect(quantity('0000', 'x')).toBe(0n);
    expect(() => quantity('0x0g', 'x')).toThrow('x: invalid hex');
  });

  it('limits nonces to 64 bits (EIP-2681)', () => {
    expect(u64('0xffffffffffffffff', 'n')).toBe((1n << 64n) - 1n);
    expect(() => u64('0x10000000000000000', 'n')).toThrow('n: exceeds 64 bits (at most 2^64-1)');
  });

  it('checks pre storage keys even when the value is zero, and pre nonces', () => {
    const account = (extra: object) => ({ '0x00000000000000000000000000000000000000aa': { balance: '0', nonce: '0', code: '0x', storage: {}, ...extra } });
    expect(() => parsePre(account({ storage: { '0xzz': '0x00' } }))).toThrow('pre.0x00000000000000000000000000000000000000aa.storage.0xzz: invalid hex');
    expect(() => parsePre(account({ nonce: '0x10000000000000000' }))).toThrow('.nonce: exceeds 64 bits');
    const alloc = parsePre(account({ nonce: '0xffffffffffffffff', storage: { '0x01': '0x00', '0x02': '0x05' } }));
    const aa = alloc.get('0x00000000000000000000000000000000000000aa')!;
    expect(aa.nonce).toBe((1n << 64n) - 1n);
    expect([...aa.storage]).toEqual([[2n, 5n]]);
  });
});
