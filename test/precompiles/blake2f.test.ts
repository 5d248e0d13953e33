import { describe, expect, it } from 'vitest';
import { blake2f } from '../../src/precompiles/09-blake2f.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';

// EIP-152 test vectors: BLAKE2b-512("abc") state with varying rounds and final flag.
const H =
  '48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b';
const M = '6162630000000000' + '00'.repeat(120);
const T = '0300000000000000' + '0000000000000000';
const input = (rounds: string, flag: string) => hexToBytes(rounds + H + M + T + flag);
const run = (data: Uint8Array, gas = 1_000_000) => blake2f(data, gas);

describe('0x09 BLAKE2F (EIP-152)', () => {
  it('vector 0: empty input fails', () => {
    expect(run(new Uint8Array(0)).success).toBe(false);
  });
  it('vectors 1 and 2: 212 and 214 bytes fail', () => {
    expect(run(input('0000000c', '01').subarray(1)).success).toBe(false);
    expect(run(hexToBytes('000000000c' + H + M + T + '01')).success).toBe(false);
  });
  it('vector 3: final flag 2 fails', () => {
    expect(run(input('0000000c', '02')).success).toBe(false);
  });
  it('vector 4: 0 rounds costs 0 gas', () => {
    const r = run(input('00000000', '01'), 0);
    expect(r).toMatchObject({ success: true, gasUsed: 0 });
    expect(bytesToHex(r.output)).toBe(
      '0x08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b',
    );
  });
  it('vector 5: 12 rounds = BLAKE2b-512("abc"); rounds 10 and 11 reuse SIGMA[0] and SIGMA[1]', () => {
    const r = run(input('0000000c', '01'));
    expect(r).toMatchObject({ success: true, gasUsed: 12 });
    expect(bytesToHex(r.output)).toBe(
      '0xba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923',
    );
  });
  it('vector 6: final flag 0', () => {
    expect(bytesToHex(run(input('0000000c', '00')).output)).toBe(
      '0x75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735',
    );
  });
  it('vector 7: 1 round', () => {
    const r = run(input('00000001', '01'));
    expect(r.gasUsed).toBe(1);
    expect(bytesToHex(r.output)).toBe(
      '0xb63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421',
    );
  });
  it('vector 8 priced: 2^32-1 rounds fail on price before any round runs', () => {
    expect(run(input('ffffffff', '01'), 1_000_000).success).toBe(false);
    expect(run(input('ffffffff', '01'), 0xffffffff - 1).success).toBe(false);
  });
  it('charges exactly the rounds (fails one short)', () => {
    expect(run(input('0000000c', '01'), 11).success).toBe(false);
    expect(run(input('0000000c', '01'), 12).success).toBe(true);
  });
});
