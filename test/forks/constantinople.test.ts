/**
 * Byzantium → Constantinople: EIP-145 (SHL/SHR/SAR, 3 gas), EIP-1014 (CREATE2: 32000 + 6 per initcode word,
 * address keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:]), EIP-1052 (EXTCODEHASH, 400 gas) and
 * EIP-1283 (net gas metering for SSTORE).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { bytes, create2, ins, retTop } from '../helpers/bytecode.js';
import { CONTRACT, evalOp, outputWord, runCode } from '../helpers/run.js';
import { FRAME_GAS, MISSING, SSTORE_CASES, create2AddressOf, wordOf } from './util.js';

const BEFORE = Fork.Byzantium;
const AFTER = Fork.Constantinople;
const MAX = (1n << 256n) - 1n;

describe('Constantinople, EIP-145: bitwise shifts', () => {
  // evalOp(op, [shift, value]): 2 PUSHes (6) + 3 + retTop (15) = 24.
  const cases: [string, number, bigint, bigint, bigint][] = [
    ['SHL', Op.SHL, 4n, 1n, 16n], // 1 << 4
    ['SHR', Op.SHR, 4n, 0x100n, 0x10n], // 0x100 >> 4
    ['SAR', Op.SAR, 4n, MAX - 15n, MAX], // -16 >> 4 = -1 (arithmetic)
  ];
  for (const [name, opcode, shift, value, result] of cases) {
    it(`${name} is undefined before and shifts for 3 gas after`, () => {
      expect(evalOp(opcode, [shift, value], { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
      expect(evalOp(opcode, [shift, value], { fork: AFTER })).toMatchObject({ status: Status.Return, gasUsed: 6 + 3 + 15, value: result });
    });
  }
});

describe('Constantinople, EIP-1014: CREATE2', () => {
  it('is undefined before; after, it creates at keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:]', () => {
    // CREATE2(0, 0, 0, 0x42): 4 PUSHes (12) + 32000 + 6 · 0 words of (empty) initcode; the empty initcode uses
    // none of what it is given; retTop 15.
    const code = create2({ size: 0, salt: 0x42 }) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const c = runCode(code, { fork: AFTER });
    expect(outputWord(c.output)).toBe(BigInt(create2AddressOf(CONTRACT, 0x42n, new Uint8Array(0))));
    expect(c.gasUsed).toBe(12 + 32000 + 15);
  });
});

describe('Constantinople, EIP-1052: EXTCODEHASH', () => {
  it('is undefined before; after, it costs 400 and gives keccak256(code), 0 for a missing account', () => {
    const code = ins(Op.EXTCODEHASH, CONTRACT) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const c = runCode(code, { fork: AFTER });
    // PUSH20 (3) + 400 + retTop (15).
    expect(c.gasUsed).toBe(3 + 400 + 15);
    expect(outputWord(c.output)).toBe(wordOf(keccak256(bytes(code))));
    expect(evalOp(Op.EXTCODEHASH, [BigInt(MISSING)], { fork: AFTER }).value).toBe(0n);
  });
});

describe('Constantinople, EIP-1283: net gas metering for SSTORE', () => {
  for (const c of SSTORE_CASES) {
    it(`${c.code} from ${c.original}: legacy ${c.legacy.gas}/${c.legacy.refund} → ${c.eip1283.gas}/${c.eip1283.refund}`, () => {
      const storage = { '0': c.original };
      const byz = runCode(c.code, { fork: BEFORE, storage });
      const con = runCode(c.code, { fork: AFTER, storage });
      expect({ gas: byz.gasUsed, refund: byz.state.refund }).toEqual(c.legacy);
      expect({ gas: con.gasUsed, refund: con.state.refund }).toEqual(c.eip1283);
    });
  }
});
