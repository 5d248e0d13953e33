/**
 * Arithmetic family (Yellow Paper appendix H.2, 0x01–0x0b). Each case runs `ins(op, …args) + retTop()`;
 * gas = 3 per PUSH + the opcode's gas + RET_TOP_GAS (15).
 */
import { describe, expect, it } from 'vitest';
import { exp256 } from '../../src/primitives/word.js';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { RET_TOP_GAS, evalOp } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
const MIN_SIGNED = 1n << 255n; // -2^255
/** Two's complement of a small negative number. */
const neg = (x: bigint): bigint => (1n << 256n) - x;

describe('ADD, MUL, SUB', () => {
  it('ADD wraps modulo 2^256', () => {
    const r = evalOp(Op.ADD, [MAX, 1]);
    expect(r.status).toBe(Status.Return);
    expect(r.value).toBe(0n);
    expect(r.gasUsed).toBe(3 + 3 + 3 + RET_TOP_GAS); // G_verylow = 3
  });
  it('MUL wraps: 2^255 * 2 = 0, costs G_low = 5', () => {
    const r = evalOp(Op.MUL, [MIN_SIGNED, 2]);
    expect(r.value).toBe(0n);
    expect(r.gasUsed).toBe(3 + 3 + 5 + RET_TOP_GAS);
  });
  it('SUB underflows: 0 - 1 = 2^256 - 1 (first operand is the top)', () => {
    const r = evalOp(Op.SUB, [0, 1]);
    expect(r.value).toBe(MAX);
    expect(r.gasUsed).toBe(3 + 3 + 3 + RET_TOP_GAS);
  });
  it('SUB operand order: 10 - 3 = 7', () => {
    expect(evalOp(Op.SUB, [10, 3]).value).toBe(7n);
  });
});

describe('DIV, SDIV, MOD, SMOD', () => {
  it('DIV by zero is zero, costs G_low', () => {
    const r = evalOp(Op.DIV, [1, 0]);
    expect(r.value).toBe(0n);
    expect(r.gasUsed).toBe(3 + 3 + 5 + RET_TOP_GAS);
  });
  it('DIV truncates: 7 / 2 = 3', () => {
    expect(evalOp(Op.DIV, [7, 2]).value).toBe(3n);
  });
  it('MOD by zero is zero', () => {
    expect(evalOp(Op.MOD, [5, 0]).value).toBe(0n);
  });
  it('SDIV -2^255 / -1 overflows to -2^255', () => {
    const r = evalOp(Op.SDIV, [MIN_SIGNED, MAX]);
    expect(r.value).toBe(MIN_SIGNED);
    expect(r.gasUsed).toBe(3 + 3 + 5 + RET_TOP_GAS);
  });
  it('SDIV rounds toward zero: -7 / 2 = -3', () => {
    expect(evalOp(Op.SDIV, [neg(7n), 2]).value).toBe(neg(3n));
  });
  it('SDIV by zero is zero', () => {
    expect(evalOp(Op.SDIV, [neg(7n), 0]).value).toBe(0n);
  });
  it('SMOD takes the sign of the dividend', () => {
    expect(evalOp(Op.SMOD, [neg(7n), 3]).value).toBe(neg(1n)); // -7 smod 3 = -1
    expect(evalOp(Op.SMOD, [7, neg(3n)]).value).toBe(1n); // 7 smod -3 = 1
    expect(evalOp(Op.SMOD, [neg(8n), neg(3n)]).value).toBe(neg(2n));
  });
  it('SMOD by zero is zero', () => {
    expect(evalOp(Op.SMOD, [neg(7n), 0]).value).toBe(0n);
  });
});

describe('ADDMOD, MULMOD', () => {
  it('ADDMOD does not wrap the intermediate sum: (2^256 - 1 + 1) mod 10 = 6', () => {
    // 2^256 mod 10 = 6 (powers 2^(4k) end in 6); a wrapping sum would give 0.
    const r = evalOp(Op.ADDMOD, [MAX, 1, 10]);
    expect(r.value).toBe(6n);
    expect(r.gasUsed).toBe(3 * 3 + 8 + RET_TOP_GAS); // G_mid = 8
  });
  it('ADDMOD of (2^256-1) + (2^256-1) mod 3 = 0', () => {
    // 2^256 ≡ 1 (mod 3), so 2^256 - 1 ≡ 0 and the sum ≡ 0; the wrapped sum 2^256 - 2 would give 2.
    expect(evalOp(Op.ADDMOD, [MAX, MAX, 3]).value).toBe(0n);
  });
  it('MULMOD uses the 512-bit product: (2^256-1)^2 mod 12345 = 315', () => {
    // The wrapped product is 1, which would give 1.
    const r = evalOp(Op.MULMOD, [MAX, MAX, 12345]);
    expect(r.value).toBe(315n);
    expect(r.gasUsed).toBe(3 * 3 + 8 + RET_TOP_GAS);
  });
  it('ADDMOD and MULMOD with modulus 0 give 0', () => {
    expect(evalOp(Op.ADDMOD, [1, 2, 0]).value).toBe(0n);
    expect(evalOp(Op.MULMOD, [3, 4, 0]).value).toBe(0n);
  });
});

describe('EXP', () => {
  it('charges 10 per exponent byte before Spurious Dragon (EIP-160)', () => {
    // 2^256 wraps to 0; exponent 256 = 0x0100 is 2 bytes: 10 + 2·10 = 30.
    const r = evalOp(Op.EXP, [2, 256], { fork: Fork.Frontier });
    expect(r.value).toBe(0n);
    expect(r.gasUsed).toBe(3 + 3 + 30 + RET_TOP_GAS);
    expect(evalOp(Op.EXP, [2, 256], { fork: Fork.TangerineWhistle }).gasUsed).toBe(3 + 3 + 30 + RET_TOP_GAS);
  });
  it('charges 50 per exponent byte from Spurious Dragon (EIP-160)', () => {
    // 10 + 2·50 = 110.
    expect(evalOp(Op.EXP, [2, 256], { fork: Fork.SpuriousDragon }).gasUsed).toBe(3 + 3 + 110 + RET_TOP_GAS);
    expect(evalOp(Op.EXP, [2, 256], { fork: Fork.Cancun }).gasUsed).toBe(3 + 3 + 110 + RET_TOP_GAS);
  });
  it('a zero exponent costs only the base 10 and gives 1 (0^0 = 1)', () => {
    const r = evalOp(Op.EXP, [0, 0]);
    expect(r.value).toBe(1n);
    expect(r.gasUsed).toBe(3 + 3 + 10 + RET_TOP_GAS);
  });
  it('a 32-byte exponent costs 10 + 32·50 = 1610', () => {
    // 1^(2^256-1) = 1; the exponent's byte length is 32.
    const r = evalOp(Op.EXP, [1, MAX]);
    expect(r.value).toBe(1n);
    expect(r.gasUsed).toBe(3 + 3 + 1610 + RET_TOP_GAS);
  });
  it('computes 3^5 = 243 and wraps large powers: 2^255 stays, 2^256 = 0', () => {
    expect(evalOp(Op.EXP, [3, 5]).value).toBe(243n);
    expect(evalOp(Op.EXP, [2, 255]).value).toBe(MIN_SIGNED);
    expect(evalOp(Op.EXP, [MAX, 2]).value).toBe(1n); // (-1)^2
  });
  it('agrees with plain square-and-multiply on seeded random and edge operands', () => {
    const reference = (base: bigint, exponent: bigint): bigint => {
      let result = 1n;
      for (; exponent > 0n; exponent >>= 1n, base = (base * base) & MAX) if (exponent & 1n) result = (result * base) & MAX;
      return result;
    };
    let seed = 0x2545f4914f6cdd1dn;
    const random = (bits: number): bigint => {
      let x = 0n;
      for (let i = 0; i < 4; i++) {
        seed = (seed * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n);
        x = (x << 64n) | seed;
      }
      return x >> BigInt(256 - bits);
    };
    const edges = [0n, 1n, 2n, 3n, 4n, 15n, 16n, 17n, 255n, 256n, 0xffffn, 0x10000n, 1n << 128n, MIN_SIGNED, MAX - 1n, MAX];
    const pairs: [bigint, bigint][] = [];
    for (const b of edges) for (const e of edges) pairs.push([b, e]);
    for (let i = 0; i < 300; i++) pairs.push([random(1 + (i % 256)), random(1 + ((i * 7) % 256))]);
    for (const [b, e] of pairs) expect(exp256(b, e), `${b}^${e}`).toBe(reference(b, e));
  });
});

describe('SIGNEXTEND', () => {
  it('extends a negative byte 0: 0xff → 2^256 - 1, costs G_low', () => {
    const r = evalOp(Op.SIGNEXTEND, [0, 0xff]);
    expect(r.value).toBe(MAX);
    expect(r.gasUsed).toBe(3 + 3 + 5 + RET_TOP_GAS);
  });
  it('clears the bits above a positive byte 0: 0x12347f → 0x7f', () => {
    expect(evalOp(Op.SIGNEXTEND, [0, 0x12347f]).value).toBe(0x7fn);
  });
  it('extends from byte 1: 0x80ff → 0xff…ff80ff', () => {
    expect(evalOp(Op.SIGNEXTEND, [1, 0x80ff]).value).toBe((MAX ^ 0xffffn) | 0x80ffn);
  });
  it('leaves the value unchanged for byte index ≥ 31 (also huge indices)', () => {
    expect(evalOp(Op.SIGNEXTEND, [31, MIN_SIGNED | 5n]).value).toBe(MIN_SIGNED | 5n);
    expect(evalOp(Op.SIGNEXTEND, [MAX, 0xff]).value).toBe(0xffn);
    expect(evalOp(Op.SIGNEXTEND, [32, 0x80]).value).toBe(0x80n);
  });
});
