import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getPrecompile, precompileAddress } from '../../src/precompiles/index.js';
import { Fork } from '../../src/forks/fork.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';

const word = (n: bigint | number) => BigInt(n).toString(16).padStart(64, '0');
const call = (b: string, e: string, m: string) => word(b.length / 2) + word(e.length / 2) + word(m.length / 2) + b + e + m;
// Each fork's version as the registry picks it: EIP-198, EIP-2565 from Berlin, EIP-7883 from Osaka.
const run = (hex: string, fork: Fork, gas = 10_000_000) => getPrecompile(fork, precompileAddress(5))!(hexToBytes(hex), gas);

// EIP-198 examples 1 and 2 (Fermat's little theorem with the secp256k1 field prime).
const P = 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f';
const P_MINUS_1 = 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e';
const EXAMPLE1 = call('03', P_MINUS_1, P);
const EXAMPLE2 = word(0) + word(32) + word(32) + P_MINUS_1 + P;
// geth's nagydani-1 vectors (64-byte base and modulus).
const NAGY_BASE =
  'e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5';
const NAGY_MOD =
  'fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b';

describe('0x05 MODEXP', () => {
  it('EIP-198 example 1: 3^(p-1) mod p = 1; gas 13056 (EIP-198), 1360 (EIP-2565)', () => {
    const byz = run(EXAMPLE1, Fork.Byzantium);
    expect(byz).toMatchObject({ success: true, gasUsed: 13056 });
    expect(bytesToHex(byz.output)).toBe('0x' + word(1));
    expect(run(EXAMPLE1, Fork.Berlin)).toMatchObject({ success: true, gasUsed: 1360 });
  });
  it('EIP-198 example 2: empty base is zero', () => {
    const r = run(EXAMPLE2, Fork.Istanbul);
    expect(r).toMatchObject({ success: true, gasUsed: 13056 });
    expect(bytesToHex(r.output)).toBe('0x' + word(0));
    expect(run(EXAMPLE2, Fork.Cancun).gasUsed).toBe(1360);
  });
  it('EIP-198 example 3: modulus length 2^256-1 fails on gas', () => {
    const hex = word(0) + word(32) + 'ff'.repeat(32) + 'fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffffe' + P_MINUS_1 + P;
    expect(run(hex, Fork.Byzantium).success).toBe(false);
    expect(run(hex, Fork.Cancun).success).toBe(false);
  });
  it('nagydani-1 square / qube / pow0x10001 outputs and both fork prices', () => {
    const square = run(call(NAGY_BASE, '02', NAGY_MOD), Fork.Berlin);
    expect(square.gasUsed).toBe(200);
    expect(bytesToHex(square.output)).toBe(
      '0x60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc',
    );
    expect(run(call(NAGY_BASE, '02', NAGY_MOD), Fork.Byzantium).gasUsed).toBe(204);
    const qube = run(call(NAGY_BASE, '03', NAGY_MOD), Fork.Berlin);
    expect(bytesToHex(qube.output)).toBe(
      '0x4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801f92225a8961c952ddf2797fa4701b330c85c4b363798100b921a1a22a46a7fec',
    );
    const pow = run(call(NAGY_BASE, '010001', NAGY_MOD), Fork.Berlin);
    expect(pow.gasUsed).toBe(341);
    expect(bytesToHex(pow.output)).toBe(
      '0xc36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2',
    );
    expect(run(call(NAGY_BASE, '010001', NAGY_MOD), Fork.Byzantium).gasUsed).toBe(3276);
  });
  it('EIP-198 complexity tiers (x ≤ 64, ≤ 1024, above)', () => {
    // 128-byte operands, exponent 2 (adjusted length 1): (128²/4 + 96·128 - 3072) / 20 = 665.
    const m128 = 'ff'.repeat(128);
    expect(run(call(m128, '02', m128), Fork.Byzantium).gasUsed).toBe(665);
    // 1025-byte modulus: ⌊(⌊1025²/16⌋ + 480·1025 - 199680) / 20⌋ = 17899.
    expect(run(call('', '', '01'.repeat(1025)), Fork.Byzantium).gasUsed).toBe(17899);
  });
  it('EIP-2565: words² · iterations / 3 with a floor of 200, iterations from a long exponent', () => {
    // 64-byte exponent, first 32 bytes zero: 8·(64-32) + 0 = 256 iterations; 8 words → 64·256/3 = 5461.
    expect(run(call(NAGY_BASE, '00'.repeat(32) + '01' + '00'.repeat(31), NAGY_MOD), Fork.Berlin).gasUsed).toBe(5461);
    // First byte 0x01: the head's top bit adds 248 → 504 iterations → 10752.
    expect(run(call(NAGY_BASE, '01' + '00'.repeat(63), NAGY_MOD), Fork.Berlin).gasUsed).toBe(10752);
    expect(run(call('02', '03', '05'), Fork.London)).toMatchObject({ gasUsed: 200, output: hexToBytes('03') });
  });
  it('zero-length modulus returns empty output; zero modulus returns zeros', () => {
    expect(run(call('02', '03', ''), Fork.Byzantium)).toMatchObject({ success: true, output: new Uint8Array(0) });
    expect(run(word(0) + word(0) + word(0), Fork.Byzantium)).toMatchObject({ success: true, gasUsed: 0 });
    expect(run(word(0) + word(0) + word(0), Fork.Berlin)).toMatchObject({ success: true, gasUsed: 200 });
    expect(bytesToHex(run(call('02', '03', '0000'), Fork.Berlin).output)).toBe('0x0000');
  });
  it('0^0 mod m = 1 and missing input bytes read as zero', () => {
    expect(bytesToHex(run(call('', '', '05'), Fork.Berlin).output)).toBe('0x01');
    // Header says 1-byte base, 1-byte exponent, 2-byte modulus, but only base 3, exp 2, mod 0x01 present:
    // the modulus is 0x0100 (its low byte is past the end).
    const r = run(word(1) + word(1) + word(2) + '03' + '02' + '01', Fork.Berlin);
    expect(bytesToHex(r.output)).toBe('0x0009');
  });
  it('an exponent running far past the input is head · 2^(8·missing)', () => {
    // exp bytes '02' then 31 missing zero bytes: 3^(2·2^248) mod 7; 3 has order 6 mod 7, 2^249 mod 6 = 2, so 3^2 = 2.
    const r = run(word(1) + word(32) + word(1) + '03' + '02', Fork.Berlin);
    expect(bytesToHex(r.output)).toBe('0x00');
    const r7 = run(word(1) + word(32) + word(1) + '03' + '02' + '00'.repeat(31) + '07', Fork.Berlin);
    expect(bytesToHex(r7.output)).toBe('0x02');
  });
  it('huge lengths (2^255 bytes) with a small gas limit fail on price alone (no allocation of the operands)', () => {
    const huge = 1n << 255n;
    for (const [b, e, m] of [
      [huge, 1n, 1n],
      [1n, huge, 1n],
      [1n, 1n, huge],
      [huge, huge, huge],
      [0n, huge, 1n],
    ]) {
      for (const fork of [Fork.Byzantium, Fork.Cancun]) {
        expect(run(word(b) + word(e) + word(m) + 'ff'.repeat(8), fork, 100_000).success).toBe(false);
      }
    }
  });
  it('huge exponent length with zero base and modulus lengths is cheap and empty (EIP-198 example 3 shape)', () => {
    const r = run(word(0) + word(1n << 255n) + word(0), Fork.Byzantium);
    // mult_complexity(0) = 0, so gas is 0 whatever the exponent length.
    expect(r).toMatchObject({ success: true, gasUsed: 0, output: new Uint8Array(0) });
  });
  it('fails when gas is one short', () => {
    expect(run(EXAMPLE1, Fork.Berlin, 1359).success).toBe(false);
    expect(run(EXAMPLE1, Fork.Berlin, 1360).success).toBe(true);
  });
});

describe('0x05 MODEXP from Osaka: EIP-7883 pricing', () => {
  interface Vector {
    name: string;
    input: string;
    gasBerlin: number;
    gasOsaka: number;
    outputKeccak: string;
  }
  const VECTORS: Vector[] = JSON.parse(readFileSync(join(import.meta.dirname, 'vectors', 'modexp-eip7883.json'), 'utf8'));

  it.each(VECTORS.map((v) => [v.name, v] as const))('EIP-7883 test case %s: both prices, same output', (_, v) => {
    const prague = run(v.input, Fork.Prague);
    const osaka = run(v.input, Fork.Osaka);
    expect(prague).toMatchObject({ success: true, gasUsed: v.gasBerlin });
    expect(osaka).toMatchObject({ success: true, gasUsed: v.gasOsaka });
    expect(bytesToHex(keccak256(osaka.output))).toBe('0x' + v.outputKeccak);
    expect(osaka.output).toEqual(prague.output);
  });

  it('minimum 500 (200 before), complexity 16 up to 32 bytes, no division by 3', () => {
    // 1-byte operands, exponent 3 (1 iteration): max(500, 16·1) = 500; EIP-2565: max(200, 1·1/3) = 200.
    expect(run(call('02', '03', '05'), Fork.Prague)).toMatchObject({ gasUsed: 200, output: hexToBytes('03') });
    expect(run(call('02', '03', '05'), Fork.Osaka)).toMatchObject({ gasUsed: 500, output: hexToBytes('03') });
    // 32-byte operands, exponent p - 1 (255 iterations): 16·255 = 4080 (EIP-2565: 4·4·255/3 = 1360).
    expect(run(EXAMPLE1, Fork.Prague).gasUsed).toBe(1360);
    expect(run(EXAMPLE1, Fork.Osaka).gasUsed).toBe(4080);
    // 33-byte modulus: 5 words, 2·25 = 50 per iteration; 255 iterations → 12750.
    expect(run(call('03', P_MINUS_1, '00' + P), Fork.Osaka).gasUsed).toBe(12750);
  });

  it('each exponent byte past the 32nd counts 16 iterations (8 before)', () => {
    // 64-byte exponent, first 32 bytes zero: 16·32 = 512 iterations; 64-byte operands → 2·8² = 128 → 65536.
    const exp = '00'.repeat(32) + '01' + '00'.repeat(31);
    expect(run(call(NAGY_BASE, exp, NAGY_MOD), Fork.Osaka).gasUsed).toBe(128 * 512);
    expect(run(call(NAGY_BASE, exp, NAGY_MOD), Fork.Prague).gasUsed).toBe(5461); // 64·256/3
  });

  it('fails when gas is one short of the Osaka price', () => {
    expect(run(EXAMPLE1, Fork.Osaka, 4079).success).toBe(false);
    expect(run(EXAMPLE1, Fork.Osaka, 4080).success).toBe(true);
  });
});

describe('0x05 MODEXP from Osaka: EIP-7823 length bound', () => {
  const BOUND = 1024;
  const ones = (n: number) => 'ff'.repeat(n);
  const GAS = 1_000_000_000;

  it('accepts 1,024-byte base, exponent and modulus', () => {
    // modulus 2^8192 - 1, base 2, exponent 1: 2 mod m = 2. Complexity 2·128² = 32768, iterations
    // 16·(1024 - 32) + 0 = 15872 (exponent 1 has its only bit in the last byte, outside the head).
    const exp = '00'.repeat(BOUND - 1) + '01';
    const r = run(call('00'.repeat(BOUND - 1) + '02', exp, ones(BOUND)), Fork.Osaka, GAS);
    expect(r).toMatchObject({ success: true, gasUsed: 32768 * 15872 });
    expect(bytesToHex(r.output)).toBe('0x' + '00'.repeat(BOUND - 1) + '02');
  });

  it.each([
    ['base', (n: number) => call(ones(n), '01', '05')],
    ['exponent', (n: number) => call('02', '00'.repeat(n - 1) + '01', '05')],
    ['modulus', (n: number) => call('02', '01', ones(n))],
  ])('a %s of 1,025 bytes fails in Osaka (all gas) and runs in Prague', (_, input: (n: number) => string) => {
    expect(run(input(BOUND), Fork.Osaka, GAS).success).toBe(true);
    expect(run(input(BOUND + 1), Fork.Osaka, GAS)).toMatchObject({ success: false, output: new Uint8Array(0) });
    expect(run(input(BOUND + 1), Fork.Prague, GAS).success).toBe(true);
  });

  it('checks the declared lengths before reading or pricing anything', () => {
    // A header alone that declares 1,025 bytes of base: no data, gas enough for any price; still fails.
    expect(run(word(1025) + word(0) + word(0), Fork.Osaka, GAS).success).toBe(false);
    expect(run(word(1025) + word(0) + word(0), Fork.Prague, GAS).success).toBe(true);
    // A 2^255-byte exponent fails at once, whatever the gas.
    expect(run(word(1) + word(1n << 255n) + word(1), Fork.Osaka, Number.MAX_SAFE_INTEGER).success).toBe(false);
    // Zero-length base and modulus, a 1,024-byte (absent, so zero) exponent: complexity 16 (lengths ≤ 32),
    // iterations 16·(1024 - 32) = 15872: 253952 gas, empty output.
    expect(run(word(0) + word(1024) + word(0), Fork.Osaka, GAS)).toMatchObject({ success: true, gasUsed: 253952, output: new Uint8Array(0) });
  });
});
