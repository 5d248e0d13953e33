/** Comparison and bitwise family (0x10–0x1e); shifts per EIP-145, CLZ per EIP-7939. Gas: 3 per PUSH + op + RET_TOP_GAS. */
import { describe, expect, it } from 'vitest';
import { OPCODES, Op, UNDEFINED_OP, baseGasTable, opcodeName } from '../../src/evm/opcodes.js';
import { Eip3155Tracer } from '../../src/trace/eip3155.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { RET_TOP_GAS, evalOp, runCode } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
const SIGN = 1n << 255n;
const neg = (x: bigint): bigint => (1n << 256n) - x;
const BINARY_GAS = 3 + 3 + 3 + RET_TOP_GAS; // two PUSHes and a G_verylow op

describe('comparisons', () => {
  it('LT and GT are unsigned', () => {
    expect(evalOp(Op.LT, [1, MAX]).value).toBe(1n);
    expect(evalOp(Op.GT, [MAX, 1]).value).toBe(1n);
    expect(evalOp(Op.LT, [MAX, 1]).gasUsed).toBe(BINARY_GAS);
  });
  it('SLT and SGT are signed: -1 < 1', () => {
    const r = evalOp(Op.SLT, [MAX, 1]);
    expect(r.value).toBe(1n);
    expect(r.gasUsed).toBe(BINARY_GAS);
    expect(evalOp(Op.SLT, [1, MAX]).value).toBe(0n);
    expect(evalOp(Op.SGT, [1, MAX]).value).toBe(1n);
    expect(evalOp(Op.SGT, [SIGN, SIGN - 1n]).value).toBe(0n); // -2^255 < 2^255 - 1
    expect(evalOp(Op.SLT, [5, 5]).value).toBe(0n);
  });
  it('EQ and ISZERO', () => {
    expect(evalOp(Op.EQ, [MAX, MAX]).value).toBe(1n);
    expect(evalOp(Op.ISZERO, [0]).value).toBe(1n);
    expect(evalOp(Op.ISZERO, [0]).gasUsed).toBe(3 + 3 + RET_TOP_GAS);
  });
});

describe('AND, OR, XOR, NOT', () => {
  it('computes bitwise results', () => {
    expect(evalOp(Op.AND, [0xf0f0, 0xff00]).value).toBe(0xf000n);
    expect(evalOp(Op.OR, [0xf0f0, 0x0f00]).value).toBe(0xfff0n);
    expect(evalOp(Op.XOR, [0xff, 0x0f]).value).toBe(0xf0n);
    expect(evalOp(Op.NOT, [0]).value).toBe(MAX);
    expect(evalOp(Op.NOT, [0]).gasUsed).toBe(3 + 3 + RET_TOP_GAS);
  });
});

describe('BYTE', () => {
  it('indexes from the most significant byte', () => {
    expect(evalOp(Op.BYTE, [31, 0x1234]).value).toBe(0x34n);
    expect(evalOp(Op.BYTE, [30, 0x1234]).value).toBe(0x12n);
    expect(evalOp(Op.BYTE, [0, SIGN]).value).toBe(0x80n);
    expect(evalOp(Op.BYTE, [0, SIGN]).gasUsed).toBe(BINARY_GAS);
  });
  it('gives 0 for an index ≥ 32', () => {
    expect(evalOp(Op.BYTE, [32, MAX]).value).toBe(0n);
    expect(evalOp(Op.BYTE, [MAX, MAX]).value).toBe(0n);
  });
});

describe('SHL, SHR, SAR (EIP-145)', () => {
  // Operand order: shift on top, then value.
  it('SHL', () => {
    expect(evalOp(Op.SHL, [0, 1]).value).toBe(1n);
    expect(evalOp(Op.SHL, [1, 1]).value).toBe(2n);
    expect(evalOp(Op.SHL, [255, 1]).value).toBe(SIGN);
    expect(evalOp(Op.SHL, [256, 1]).value).toBe(0n);
    expect(evalOp(Op.SHL, [1, MAX]).value).toBe(MAX - 1n);
    expect(evalOp(Op.SHL, [MAX, MAX]).value).toBe(0n);
    expect(evalOp(Op.SHL, [1, 1]).gasUsed).toBe(BINARY_GAS);
  });
  it('SHR', () => {
    expect(evalOp(Op.SHR, [1, SIGN]).value).toBe(1n << 254n);
    expect(evalOp(Op.SHR, [255, SIGN]).value).toBe(1n);
    expect(evalOp(Op.SHR, [256, SIGN]).value).toBe(0n);
    expect(evalOp(Op.SHR, [0x101, MAX]).value).toBe(0n);
    expect(evalOp(Op.SHR, [4, 0x100]).value).toBe(0x10n);
  });
  it('SAR fills with the sign bit (EIP-145 vectors)', () => {
    expect(evalOp(Op.SAR, [1, SIGN]).value).toBe(0xcn << 252n); // 0xc000…
    expect(evalOp(Op.SAR, [0xff, SIGN]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [0x100, SIGN]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [0x101, SIGN]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [0, MAX]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [0x100, MAX]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [0xfe, 1n << 254n]).value).toBe(1n); // 0x4000… >> 254
    expect(evalOp(Op.SAR, [0xf8, SIGN - 1n]).value).toBe(0x7fn);
    expect(evalOp(Op.SAR, [0xfe, SIGN - 1n]).value).toBe(1n);
    expect(evalOp(Op.SAR, [0xff, SIGN - 1n]).value).toBe(0n);
    expect(evalOp(Op.SAR, [0x100, SIGN - 1n]).value).toBe(0n);
  });
  it('SAR rounds toward minus infinity for negatives: -3 >> 1 = -2, and huge shifts of -1 stay -1', () => {
    expect(evalOp(Op.SAR, [1, neg(3n)]).value).toBe(neg(2n));
    expect(evalOp(Op.SAR, [MAX, neg(1n)]).value).toBe(MAX);
    expect(evalOp(Op.SAR, [1, neg(3n)]).gasUsed).toBe(BINARY_GAS);
  });
  it('shift opcodes are undefined before Constantinople: exceptional halt, all gas consumed', () => {
    for (const opcode of [Op.SHL, Op.SHR, Op.SAR]) {
      const r = evalOp(opcode, [1, 1], { fork: Fork.Byzantium, gas: 50_000 });
      expect(r.status).toBe(Status.UndefinedInstruction);
      expect(r.gasLeft).toBe(0n);
      expect(r.gasUsed).toBe(50_000);
      expect(evalOp(opcode, [1, 1], { fork: Fork.Constantinople }).status).toBe(Status.Return);
    }
  });
});

describe('CLZ (EIP-7939)', () => {
  const UNARY_GAS = 3 + 5 + RET_TOP_GAS; // one PUSH and CLZ at 5 (G_low, as MUL)

  it('counts leading zero bits: the EIP test cases, with 256 for zero', () => {
    const cases: [bigint, bigint][] = [
      [0n, 256n],
      [1n, 255n],
      [SIGN, 0n],
      [MAX, 0n],
      [1n << 254n, 1n], // 0x4000…
      [SIGN - 1n, 1n], // 0x7fff…
    ];
    for (const [x, zeros] of cases) {
      const r = evalOp(Op.CLZ, [x], { fork: Fork.Osaka });
      expect(r.value, `clz(0x${x.toString(16)})`).toBe(zeros);
      expect(r.gasUsed).toBe(UNARY_GAS);
    }
  });

  it('counts every bit position: clz(2^k) = 255 - k and clz(2^(k+1) - 1) = 255 - k', () => {
    for (let k = 0; k < 256; k++) {
      expect(evalOp(Op.CLZ, [1n << BigInt(k)], { fork: Fork.Osaka }).value).toBe(BigInt(255 - k));
      expect(evalOp(Op.CLZ, [(1n << BigInt(k + 1)) - 1n], { fork: Fork.Osaka }).value).toBe(BigInt(255 - k));
    }
  });

  it('is undefined before Osaka: exceptional halt, all gas consumed', () => {
    const r = evalOp(Op.CLZ, [1], { fork: Fork.Prague, gas: 50_000 });
    expect(r.status).toBe(Status.UndefinedInstruction);
    expect(r.gasUsed).toBe(50_000);
  });

  it('is one row of the opcode table; trace lines name it from there', () => {
    expect(OPCODES[0x1e]).toMatchObject({ name: 'CLZ', immediate: 0, stackIn: 1, stackOut: 1, since: Fork.Osaka, gas: 5 });
    expect(opcodeName(0x1e)).toBe('CLZ');
    expect(baseGasTable(Fork.Prague)[0x1e]).toBe(UNDEFINED_OP);
    expect(baseGasTable(Fork.Osaka)[0x1e]).toBe(5);
    let text = '';
    const tracer = new Eip3155Tracer({ write: (t) => (text += t) });
    runCode('5f1e00', { fork: Fork.Osaka, tracer }); // PUSH0 CLZ STOP
    tracer.flush();
    const lines = text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[1]).toMatchObject({ pc: 1, op: 0x1e, opName: 'CLZ', gasCost: '0x5', stack: ['0x0'] });
    expect(lines[2]).toMatchObject({ opName: 'STOP', stack: ['0x100'] });
  });

  it('needs one stack item', () => {
    expect(runCode('1e', { fork: Fork.Osaka, gas: 50_000 })).toMatchObject({ status: Status.StackUnderflow, gasUsed: 50_000 });
  });
});
