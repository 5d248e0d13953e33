import { describe, expect, it, vi } from 'vitest';
import { blake2f, blake2fCompressJs } from '../../src/precompiles/09-blake2f.js';
import { blake2fWasm, buildBlake2fModule, BLAKE2F_PARAMS_LENGTH } from '../../src/precompiles/blake2f-wasm.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

// The EIP-152 BLAKE2b-512("abc") parameters (h ‖ m ‖ t) as in blake2f.test.ts.
const H =
  '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b';
const M = '6162630000000000' + '00'.repeat(120);
const T = '0300000000000000' + '0000000000000000';
const params = (flag: string) => hexToBytes(H + M + T + flag);

/** Deterministic xorshift32 bytes, so failures reproduce. */
function randomParams(seed: number, final: boolean): Uint8Array {
  const out = new Uint8Array(BLAKE2F_PARAMS_LENGTH);
  let x = seed | 1;
  for (let i = 0; i < out.length - 1; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[out.length - 1] = final ? 1 : 0;
  return out;
}

const variants = [
  ['SIMD', blake2fWasm(true)],
  ['scalar', blake2fWasm(false)],
] as const;

describe('BLAKE2F WebAssembly', () => {
  it('both module variants validate and compile', () => {
    expect(WebAssembly.validate(buildBlake2fModule(true))).toBe(true);
    expect(WebAssembly.validate(buildBlake2fModule(false))).toBe(true);
    for (const [, fn] of variants) expect(fn).not.toBeNull();
  });

  for (const [name, fn] of variants) {
    const wasm = fn!;
    describe(name, () => {
      it('EIP-152 vectors 4-7', () => {
        expect(bytesToHex(wasm(0, params('01')))).toBe(
          '0x08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b',
        );
        expect(bytesToHex(wasm(12, params('01')))).toBe(
          '0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
        );
        expect(bytesToHex(wasm(12, params('00')))).toBe(
          '0x75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735',
        );
        expect(bytesToHex(wasm(1, params('01')))).toBe(
          '0xb63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421',
        );
      });

      it('matches the JS reference on random inputs for rounds 0..25', () => {
        for (let rounds = 0; rounds <= 25; rounds++) {
          for (const final of [false, true]) {
            const p = randomParams(rounds * 2 + (final ? 1 : 0) + 12345, final);
            expect(bytesToHex(wasm(rounds, p)), `rounds=${rounds} final=${final}`).toBe(
              bytesToHex(blake2fCompressJs(rounds, p)),
            );
          }
        }
      });

      it('matches the JS reference across the 100k-round call chunking', () => {
        for (const rounds of [1003, 100_000, 100_007]) {
          const p = randomParams(rounds, true);
          expect(bytesToHex(wasm(rounds, p)), `rounds=${rounds}`).toBe(bytesToHex(blake2fCompressJs(rounds, p)));
        }
      });

      it('reads params at any byte offset and leaves them untouched', () => {
        const p = randomParams(7, false);
        const shifted = new Uint8Array(p.length + 3);
        shifted.set(p, 3);
        const view = shifted.subarray(3);
        expect(bytesToHex(wasm(17, view))).toBe(bytesToHex(blake2fCompressJs(17, p)));
        expect(bytesToHex(view)).toBe(bytesToHex(p));
      });
    });
  }

  it('the precompile gives the same output on its wasm path (≥ 1000 rounds) as the JS reference', () => {
    const p = randomParams(99, true);
    const input = new Uint8Array(213);
    input.set([0, 0, 0x04, 0xd2], 0); // 1234 rounds
    input.set(p, 4);
    const r = blake2f(input, 10_000);
    expect(r).toMatchObject({ success: true, gasUsed: 1234 });
    expect(bytesToHex(r.output)).toBe(bytesToHex(blake2fCompressJs(1234, p)));
  });

  it('falls back to the JS version when WebAssembly is unavailable', async () => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', undefined);
    try {
      const fresh = await import('../../src/precompiles/blake2f-wasm.js');
      expect(fresh.blake2fWasm()).toBeNull();
      const { blake2f: precompile } = await import('../../src/precompiles/09-blake2f.js');
      const input = new Uint8Array(213);
      input.set([0, 0, 0x04, 0xd2], 0); // 1234 rounds: would take the wasm path
      input.set(params('01'), 4);
      const r = precompile(input, 10_000);
      expect(bytesToHex(r.output)).toBe(bytesToHex(blake2fCompressJs(1234, params('01'))));
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
