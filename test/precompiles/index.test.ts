import { describe, expect, it } from 'vitest';
import { isPrecompile, precompileAddress, precompileAddresses, precompilesFor } from '../../src/precompiles/index.js';
import { Fork } from '../../src/forks/fork.js';

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
  it('every precompile returns a result, never throws, on odd inputs', () => {
    const inputs = [new Uint8Array(0), new Uint8Array(1).fill(0xff), new Uint8Array(213).fill(0xff), new Uint8Array(192)];
    for (const [, run] of precompilesFor(Fork.Cancun)) {
      for (const input of inputs) {
        for (const gas of [0, 100_000]) {
          const r = run(input, gas, Fork.Cancun);
          expect(typeof r.success).toBe('boolean');
          if (r.success) expect(r.gasUsed).toBeLessThanOrEqual(gas);
        }
      }
    }
  });
});
