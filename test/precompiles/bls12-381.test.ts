import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { blsG1Add } from '../../src/precompiles/0b-bls12-g1add.js';
import { blsG1Msm } from '../../src/precompiles/0c-bls12-g1msm.js';
import { blsG2Add } from '../../src/precompiles/0d-bls12-g2add.js';
import { blsG2Msm } from '../../src/precompiles/0e-bls12-g2msm.js';
import { blsPairing, pairingOutput } from '../../src/precompiles/0f-bls12-pairing.js';
import { blsMapFpToG1, mapFpToG1Output } from '../../src/precompiles/10-bls12-map-fp-to-g1.js';
import { blsMapFp2ToG2, mapFp2ToG2Output } from '../../src/precompiles/11-bls12-map-fp2-to-g2.js';
import { BLS_G1, BLS_G2, BlsInputError, FIELD_MODULUS, GROUP_ORDER, addOutput, type BlsErrorKind } from '../../src/precompiles/bls12-381.js';
import { G1_MSM_DISCOUNTS, G2_MSM_DISCOUNTS, msmGas, msmOutput } from '../../src/precompiles/bls12-381-msm.js';
import type { Precompile } from '../../src/precompiles/types.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { Op } from '../../src/evm/opcodes.js';
import { call, ins, mstore, op, push, ret } from '../helpers/bytecode.js';
import { runCode, runTx } from '../helpers/run.js';

interface Vector {
  Input: string;
  Name: string;
  Expected: string;
  Gas: number;
}
interface FailVector {
  Input: string;
  Name: string;
  ExpectedError: string;
}

const load = <T>(file: string): T[] => JSON.parse(readFileSync(new URL(`./vectors/eip2537/${file}`, import.meta.url), 'utf8'));

/** The seven precompiles: EIP vector files, the function that explains a rejection, and the final price. */
const PRECOMPILES: {
  name: string;
  run: Precompile;
  output: (input: Uint8Array) => Uint8Array;
  file: string;
  /** The final EIP-2537 price, where the stored vector file predates it (README.md beside the vectors). */
  finalGas?: number;
}[] = [
  { name: '0x0b G1ADD', run: blsG1Add, output: (i) => addOutput(BLS_G1, i), file: 'add_G1_bls.json', finalGas: 375 },
  { name: '0x0c G1MSM', run: blsG1Msm, output: (i) => msmOutput(BLS_G1, i), file: 'msm_G1_bls.json' },
  { name: '0x0d G2ADD', run: blsG2Add, output: (i) => addOutput(BLS_G2, i), file: 'add_G2_bls.json', finalGas: 600 },
  { name: '0x0e G2MSM', run: blsG2Msm, output: (i) => msmOutput(BLS_G2, i), file: 'msm_G2_bls.json' },
  { name: '0x0f PAIRING_CHECK', run: blsPairing, output: pairingOutput, file: 'pairing_check_bls.json' },
  { name: '0x10 MAP_FP_TO_G1', run: blsMapFpToG1, output: mapFpToG1Output, file: 'map_fp_to_G1_bls.json' },
  { name: '0x11 MAP_FP2_TO_G2', run: blsMapFp2ToG2, output: mapFp2ToG2Output, file: 'map_fp2_to_G2_bls.json', finalGas: 23800 },
];

/** The EIP files' error texts (they come from geth) by the rule of EIP-2537 that each one names. */
const ERROR_KINDS: Record<string, BlsErrorKind> = {
  'invalid input length': 'length',
  'invalid field element top bytes': 'padding',
  'invalid fp.Element encoding': 'field',
  'invalid point: not on curve': 'curve',
  'g1 point is not in the correct subgroup': 'subgroup',
  'g2 point is not in the correct subgroup': 'subgroup',
  'g1 point is not on correct subgroup': 'subgroup',
  'g2 point is not on correct subgroup': 'subgroup',
};

function rejection(output: (input: Uint8Array) => Uint8Array, input: Uint8Array): BlsErrorKind | 'accepted' {
  try {
    output(input);
    return 'accepted';
  } catch (e) {
    if (e instanceof BlsInputError) return e.kind;
    throw e;
  }
}

const ENOUGH = 10_000_000;

describe.each(PRECOMPILES)('$name: the EIP-2537 test vectors', ({ run, output, file, finalGas }) => {
  const vectors = load<Vector>(file);
  const failures = load<FailVector>(`fail-${file}`);

  it.each(vectors.map((v) => [v.Name, v] as const))('%s: output and gas', (_, v) => {
    const gas = finalGas ?? v.Gas;
    const r = run(hexToBytes(v.Input), ENOUGH);
    expect(r.success).toBe(true);
    expect(bytesToHex(r.output)).toBe('0x' + v.Expected);
    expect(r.gasUsed).toBe(gas);
    // Exactly the price is enough; one less fails.
    expect(run(hexToBytes(v.Input), gas).success).toBe(true);
    expect(run(hexToBytes(v.Input), gas - 1)).toMatchObject({ success: false, output: new Uint8Array(0) });
  });

  it.each(failures.map((v) => [v.Name, v] as const))('%s: fails for the rule the EIP names', (_, v) => {
    const input = hexToBytes(v.Input);
    expect(run(input, ENOUGH)).toMatchObject({ success: false, output: new Uint8Array(0) });
    expect(rejection(output, input)).toBe(ERROR_KINDS[v.ExpectedError]);
  });
});

describe('MSM prices (EIP-2537 discount tables)', () => {
  const table = JSON.parse(readFileSync(new URL('./vectors/eip2537/msm_discount_gas.json', import.meta.url), 'utf8')) as Record<
    'G1' | 'G2',
    Record<string, number>
  >;
  const groups = [
    { name: 'G1', run: blsG1Msm, pair: 160, output: 128, prices: table.G1 },
    { name: 'G2', run: blsG2Msm, pair: 288, output: 256, prices: table.G2 },
  ];
  it.each(groups)('$name: the EIP’s discount_table_k vectors (k all-zero pairs → infinity) at their price', ({ run, pair, output, prices }) => {
    for (const [k, gas] of Object.entries(prices)) {
      const input = new Uint8Array(Number(k) * pair);
      const r = run(input, ENOUGH);
      expect(r, `k = ${k}`).toMatchObject({ success: true, gasUsed: gas, output: new Uint8Array(output) });
      expect(run(input, gas - 1).success, `k = ${k}`).toBe(false);
    }
  });
  it('tables have 128 entries ending at the EIP’s caps, 519 (G1) and 524 (G2), which apply past 128 pairs', () => {
    expect([G1_MSM_DISCOUNTS.length, G1_MSM_DISCOUNTS.at(-1)]).toEqual([128, 519]);
    expect([G2_MSM_DISCOUNTS.length, G2_MSM_DISCOUNTS.at(-1)]).toEqual([128, 524]);
    expect(msmGas(1, 12000, G1_MSM_DISCOUNTS)).toBe(12000);
    expect(msmGas(129, 12000, G1_MSM_DISCOUNTS)).toBe(Math.floor((129 * 12000 * 519) / 1000));
    expect(msmGas(1000, 22500, G2_MSM_DISCOUNTS)).toBe(Math.floor((1000 * 22500 * 524) / 1000));
  });
});

// The generators, as the first point of the EIP's ADD vectors; a 64-byte field element; a 32-byte scalar.
const G1_HEX = hexToBytes(load<Vector>('add_G1_bls.json')[0].Input).subarray(0, 128);
const G2_HEX = hexToBytes(load<Vector>('add_G2_bls.json')[0].Input).subarray(0, 256);
const fe = (v: bigint) => v.toString(16).padStart(128, '0');
const scalar = (v: bigint) => v.toString(16).padStart(64, '0');

describe('encoding rules the vectors leave implicit', () => {
  it('MSM scalars are any 256-bit value, reduced mod r: r·G = ∞ and (r + 2)·G = 2·G', () => {
    const g = bytesToHex(G1_HEX).slice(2);
    const twice = blsG1Msm(hexToBytes(g + scalar(2n)), ENOUGH).output;
    expect(blsG1Msm(hexToBytes(g + scalar(GROUP_ORDER)), ENOUGH).output).toEqual(new Uint8Array(128));
    expect(blsG1Msm(hexToBytes(g + scalar(GROUP_ORDER + 2n)), ENOUGH).output).toEqual(twice);
    expect(blsG1Msm(hexToBytes(g + 'ff'.repeat(32)), ENOUGH).success).toBe(true);
  });
  it('above 512 terms the MSM switches algorithm (Strauss to Pippenger) with the same result', () => {
    // Σ i·G for i = 1 … 513 is (513·514/2)·G.
    const g = bytesToHex(G1_HEX).slice(2);
    const many = Array.from({ length: 513 }, (_, i) => g + scalar(BigInt(i + 1))).join('');
    const r = blsG1Msm(hexToBytes(many), 100_000_000);
    expect(r.gasUsed).toBe(Math.floor((513 * 12000 * 519) / 1000));
    expect(r.output).toEqual(blsG1Msm(hexToBytes(g + scalar(131841n)), ENOUGH).output);
  }, 60_000);
  it('a coordinate equal to p is rejected as a field element; p − 1 passes the field check', () => {
    const input = hexToBytes(fe(FIELD_MODULUS) + fe(0n));
    expect(rejection(mapFpToG1Output, input.subarray(0, 64))).toBe('field');
    expect(rejection(mapFpToG1Output, hexToBytes(fe(FIELD_MODULUS - 1n)))).toBe('accepted');
  });
  it('a non-zero point with x = 0 is not infinity: (0, 2) is checked against the curve (y² = 4 holds)', () => {
    // y² = x³ + 4 has the solution (0, 2), on the curve but outside the subgroup: ADD accepts it, MSM does not.
    const p = fe(0n) + fe(2n);
    expect(rejection((i) => addOutput(BLS_G1, i), hexToBytes(p + p))).toBe('accepted');
    expect(rejection((i) => msmOutput(BLS_G1, i), hexToBytes(p + scalar(1n)))).toBe('subgroup');
    expect(rejection((i) => addOutput(BLS_G1, i), hexToBytes(fe(0n) + fe(1n) + p))).toBe('curve');
  });
  it('the pairing checks every point, the infinity ones too, before dropping the pairs that hold one', () => {
    const inf1 = '00'.repeat(128);
    const badG2 = bytesToHex(G2_HEX).slice(2, 2 + 128 * 3) + fe(1n); // y.c1 changed: off the curve
    expect(rejection(pairingOutput, hexToBytes(inf1 + badG2))).toBe('curve');
    expect(bytesToHex(pairingOutput(hexToBytes(inf1 + bytesToHex(G2_HEX).slice(2))))).toBe('0x' + '00'.repeat(31) + '01');
  });
  it('never throws on arbitrary input (lengths around each size, all 0xff, random bytes)', () => {
    let seed = 7;
    const random = (n: number) => Uint8Array.from({ length: n }, () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 24));
    for (const { run } of PRECOMPILES) {
      for (const n of [0, 1, 63, 64, 65, 127, 128, 129, 160, 255, 256, 257, 288, 384, 512, 576, 768]) {
        for (const input of [new Uint8Array(n), new Uint8Array(n).fill(0xff), random(n)]) {
          const r = run(input, ENOUGH);
          expect(typeof r.success).toBe('boolean');
        }
      }
    }
  });
});

describe('BLS12-381 precompiles in the EVM', () => {
  // Copies the call data, CALLs 0x0b with 1,000 gas, returns the 128-byte output and the success flag.
  const callG1Add = ins(Op.CALLDATACOPY, 0, 0, op(Op.CALLDATASIZE)) +
    call({ gas: 1000, to: 0x0b, argsSize: op(Op.CALLDATASIZE), retOffset: 512, retSize: 128 }) + mstore(640) + ret(512, 160);
  const valid = load<Vector>('add_G1_bls.json')[0];
  const invalid = load<FailVector>('fail-add_G1_bls.json')[1]; // 255 bytes: same memory and copy cost

  it('from Prague a CALL pays the price (375 of the 1,000 given); an error consumes all 1,000', () => {
    const ok = runCode(callG1Add, { fork: Fork.Prague, input: valid.Input });
    expect(bytesToHex(ok.output)).toBe('0x' + valid.Expected + '00'.repeat(31) + '01');
    const bad = runCode(callG1Add, { fork: Fork.Prague, input: invalid.Input });
    expect(bytesToHex(bad.output)).toBe('0x' + '00'.repeat(160));
    expect(bad.gasUsed - ok.gasUsed).toBe(1000 - 375);
  });
  it('before Prague 0x0b is an empty account: the call succeeds with no output', () => {
    const r = runCode(callG1Add, { fork: Fork.Cancun, input: valid.Input });
    expect(bytesToHex(r.output)).toBe('0x' + '00'.repeat(159) + '01');
  });
  it('0x0b–0x11 are warm from the start of a Prague transaction, cold before (EIP-2929 access costs)', () => {
    const balances = [0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x10, 0x11].map((a) => push(a) + op(Op.BALANCE, Op.POP)).join('');
    const intrinsic = 21000;
    const pushesAndPops = 7 * (3 + 2);
    expect(runTx(balances, { fork: Fork.Prague }).gasUsed).toBe(BigInt(intrinsic + pushesAndPops + 7 * 100));
    expect(runTx(balances, { fork: Fork.Cancun }).gasUsed).toBe(BigInt(intrinsic + pushesAndPops + 7 * 2600));
  });
});
