import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/precompiles/02-sha256.js';
import { ripemd160 } from '../../src/precompiles/03-ripemd160.js';
import { identity } from '../../src/precompiles/04-identity.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

const abc = new TextEncoder().encode('abc');

describe('0x02 SHA256', () => {
  it('hashes empty input for 60 gas', () => {
    const r = sha256(new Uint8Array(0), 100);
    expect(r.success).toBe(true);
    expect(r.gasUsed).toBe(60);
    expect(bytesToHex(r.output)).toBe('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('charges 12 per started word', () => {
    expect(sha256(abc, 100).gasUsed).toBe(72);
    expect(sha256(new Uint8Array(33), 100).gasUsed).toBe(84);
    expect(bytesToHex(sha256(abc, 100).output)).toBe(
      '0xba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
  it('fails below the price', () => {
    expect(sha256(abc, 71).success).toBe(false);
  });
});

describe('0x03 RIPEMD160', () => {
  it('hashes and left-pads to 32 bytes', () => {
    const r = ripemd160(new Uint8Array(0), 600);
    expect(r.success).toBe(true);
    expect(r.gasUsed).toBe(600);
    expect(bytesToHex(r.output)).toBe('0x0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31');
  });
  it('charges 120 per word and fails below it (CallRipemd160_4_gas719)', () => {
    const input = new Uint8Array(32);
    expect(ripemd160(input, 720).gasUsed).toBe(720);
    expect(ripemd160(input, 719).success).toBe(false);
    expect(bytesToHex(ripemd160(abc, 1000).output)).toBe(
      '0x0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc',
    );
  });
});

describe('0x04 IDENTITY', () => {
  it('copies the input for 15 + 3/word', () => {
    const input = hexToBytes('0x' + 'ab'.repeat(33));
    const r = identity(input, 21);
    expect(r.success).toBe(true);
    expect(r.gasUsed).toBe(21);
    expect(r.output).toEqual(input);
    expect(r.output).not.toBe(input);
  });
  it('empty input costs 15; one gas short fails (CallIdentity_4_gas17)', () => {
    expect(identity(new Uint8Array(0), 15)).toMatchObject({ success: true, gasUsed: 15 });
    expect(identity(new Uint8Array(32), 17).success).toBe(false);
    expect(identity(new Uint8Array(32), 18).success).toBe(true);
  });
});
