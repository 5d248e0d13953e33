import { describe, expect, it } from 'vitest';
import { getPrecompile, isPrecompile, precompileAddress, precompileAddresses, precompilesFor } from '../../src/precompiles/index.js';
import { Fork, LATEST_FORK } from '../../src/forks/fork.js';

describe('precompile registry', () => {
  it('formats addresses as lower-case 40-digit hex', () => {
    expect(precompileAddress(1)).toBe('0x0000000000000000000000000000000000000001');
    expect(precompileAddress(0x0a)).toBe('0x000000000000000000000000000000000000000a');
  });
  it.each([
    [Fork.Frontier, 4],
    [Fork.SpuriousDragon, 4],
    [Fork.Byzantium, 8],
    [Fork.Petersburg, 8],
    [Fork.Istanbul, 9],
    [Fork.Berlin, 9],
    [Fork.Shanghai, 9],
    [Fork.Cancun, 10],
    [Fork.Prague, 17],
  ])('fork %i has %i precompiles, numbered from 1', (fork, count) => {
    const addresses = precompileAddresses(fork);
    expect(addresses).toEqual(Array.from({ length: count }, (_, i) => precompileAddress(i + 1)));
  });
  it('caches the map per fork', () => {
    expect(precompilesFor(Fork.London)).toBe(precompilesFor(Fork.London));
  });
  it('answers membership', () => {
    expect(isPrecompile(Fork.Cancun, precompileAddress(0x0a))).toBe(true);
    expect(isPrecompile(Fork.Shanghai, precompileAddress(0x0a))).toBe(false);
    expect(isPrecompile(Fork.Byzantium, precompileAddress(0x09))).toBe(false);
    expect(isPrecompile(Fork.Cancun, precompileAddress(0))).toBe(false);
    expect(isPrecompile(Fork.Cancun, precompileAddress(0x0b))).toBe(false);
  });
  it('0x100 (P256VERIFY, EIP-7951) joins in Osaka, after every lower address', () => {
    expect(isPrecompile(Fork.Prague, precompileAddress(0x100))).toBe(false);
    expect(isPrecompile(Fork.Osaka, precompileAddress(0x100))).toBe(true);
    expect(precompileAddresses(Fork.Osaka)).toEqual([...precompileAddresses(Fork.Prague), precompileAddress(0x100)]);
  });
  it('a repricing is a new entry from its fork on, the same entry in between', () => {
    const at = (fork: Fork, n: number) => getPrecompile(fork, precompileAddress(n));
    // MODEXP: EIP-198 (Byzantium), EIP-2565 (Berlin), EIP-7883 (Osaka).
    expect(at(Fork.MuirGlacier, 5)).toBe(at(Fork.Byzantium, 5));
    expect(at(Fork.Berlin, 5)).not.toBe(at(Fork.MuirGlacier, 5));
    expect(at(Fork.Prague, 5)).toBe(at(Fork.Berlin, 5));
    expect(at(Fork.Osaka, 5)).not.toBe(at(Fork.Prague, 5));
    // BN254 add, mul, pairing: EIP-196/197 (Byzantium), EIP-1108 (Istanbul).
    for (const n of [6, 7, 8]) {
      expect(at(Fork.Petersburg, n)).toBe(at(Fork.Byzantium, n));
      expect(at(Fork.Istanbul, n)).not.toBe(at(Fork.Petersburg, n));
      expect(at(Fork.Osaka, n)).toBe(at(Fork.Istanbul, n));
    }
    // Never repriced: one entry from Frontier on.
    expect(at(Fork.Osaka, 1)).toBe(at(Fork.Frontier, 1));
  });
  it('every precompile returns a result, never throws, on odd inputs', () => {
    const inputs = [new Uint8Array(0), new Uint8Array(1).fill(0xff), new Uint8Array(213).fill(0xff), new Uint8Array(192), new Uint8Array(160).fill(0xff)];
    for (const [, run] of precompilesFor(LATEST_FORK)) {
      for (const input of inputs) {
        for (const gas of [0, 100_000]) {
          const r = run(input, gas);
          expect(typeof r.success).toBe('boolean');
          if (r.success) expect(r.gasUsed).toBeLessThanOrEqual(gas);
        }
      }
    }
  });
});
