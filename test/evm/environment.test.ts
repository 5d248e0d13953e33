/**
 * Environment: call data, code, balances and code hashes of other accounts, with EIP-2929 cold (2600) vs warm
 * (100) account access and the older prices (Frontier 20, EIP-150 400, EIP-1884 700).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { bytesToBigInt, hexToBytes } from '../../src/primitives/bytes.js';
import { calldataload, ins, mstore, op, push, ret, retTop } from '../helpers/bytecode.js';
import { CONTRACT, RET_TOP_GAS, SENDER, outputWord, runCode } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
const OTHER = '0x00000000000000000000000000000000000000aa';
const EMPTY = '0x00000000000000000000000000000000000000bb'; // exists, but empty (EIP-161)
const MISSING = '0x00000000000000000000000000000000000000cc';
const FUNDED = '0x00000000000000000000000000000000000000dd'; // balance, no code
const KECCAK_EMPTY = 0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470n;
const OTHER_CODE = '6001600155';
const PRE = {
  [OTHER]: { code: OTHER_CODE, balance: 77n },
  [EMPTY]: {},
  [FUNDED]: { balance: 5n },
};

describe('call data', () => {
  const input = '0102';
  it('CALLDATALOAD left-aligns and zero-pads past the end', () => {
    const r = runCode(calldataload(0) + retTop(), { input });
    expect(outputWord(r.output)).toBe(0x0102n << 240n);
    expect(r.gasUsed).toBe(3 + 3 + RET_TOP_GAS);
    expect(outputWord(runCode(calldataload(1) + retTop(), { input }).output)).toBe(0x02n << 248n);
    expect(outputWord(runCode(calldataload(2) + retTop(), { input }).output)).toBe(0n);
    expect(outputWord(runCode(calldataload(MAX) + retTop(), { input }).output)).toBe(0n);
  });
  it('CALLDATASIZE', () => {
    const r = runCode(op(Op.CALLDATASIZE) + retTop(), { input: '010203' });
    expect(outputWord(r.output)).toBe(3n);
    expect(r.gasUsed).toBe(2 + RET_TOP_GAS);
  });
  it('CALLDATACOPY zero-fills past the end of the data, overwriting memory', () => {
    // Memory starts all ones; copying 32 bytes from data offset 1 of 0x010203 leaves 02 03 00…00.
    const code = mstore(0, MAX) + ins(Op.CALLDATACOPY, 0, 1, 32) + ret(0, 32);
    const r = runCode(code, { input: '010203' });
    expect(outputWord(r.output)).toBe(0x0203n << 240n);
    // MSTORE 12; CALLDATACOPY: 3 PUSHes + 3 + 3·1 word (no expansion); RETURN 6.
    expect(r.gasUsed).toBe(12 + 9 + 3 + 3 + 6);
  });
  it('CALLDATACOPY from a huge data offset copies zeros', () => {
    const r = runCode(mstore(0, MAX) + ins(Op.CALLDATACOPY, 0, MAX, 32) + ret(0, 32), { input: '01' });
    expect(outputWord(r.output)).toBe(0n);
  });
  it('CALLDATACOPY charges expansion plus 3 per word: 33 bytes at 0 → 2 words', () => {
    const r = runCode(ins(Op.CALLDATACOPY, 0, 0, 33));
    expect(r.gasUsed).toBe(9 + 3 + 3 * 2 + 6); // C_mem(2) = 6
  });
});

describe('code', () => {
  it('CODECOPY copies the running code and zero-pads', () => {
    const code = ins(Op.CODECOPY, 0, 0, 32) + ret(0, 32);
    const r = runCode(code);
    const expected = new Uint8Array(32);
    expected.set(hexToBytes(code));
    expect(Array.from(r.output)).toEqual(Array.from(expected));
    // 3 PUSHes + 3 + 3 (1 word copied) + 3 (1 word of memory) + RETURN's 2 PUSHes.
    expect(r.gasUsed).toBe(9 + 3 + 3 + 3 + 6);
  });
  it('CODESIZE', () => {
    const code = op(Op.CODESIZE) + retTop();
    expect(outputWord(runCode(code).output)).toBe(BigInt(code.length / 2));
  });
  it('EXTCODESIZE and EXTCODECOPY read another account’s code', () => {
    const r = runCode(ins(Op.EXTCODESIZE, OTHER) + retTop(), { pre: PRE });
    expect(outputWord(r.output)).toBe(5n);
    expect(r.gasUsed).toBe(3 + 2600 + RET_TOP_GAS); // cold
    const c = runCode(ins(Op.EXTCODECOPY, OTHER, 0, 0, 32) + ret(0, 32), { pre: PRE });
    expect(outputWord(c.output)).toBe(BigInt('0x' + OTHER_CODE) << BigInt(8 * (32 - 5)));
    // 4 PUSHes + 2600 cold + 3 copy + 3 memory + 6.
    expect(c.gasUsed).toBe(12 + 2600 + 3 + 3 + 6);
  });
});

describe('EXTCODEHASH (EIP-1052, EIP-161)', () => {
  const hashOf = (address: string) => outputWord(runCode(ins(Op.EXTCODEHASH, address) + retTop(), { pre: PRE }).output);
  it('is 0 for a non-existent account', () => {
    expect(hashOf(MISSING)).toBe(0n);
  });
  it('is 0 for an empty (dead) account', () => {
    expect(hashOf(EMPTY)).toBe(0n);
  });
  it('is keccak256("") for an account with balance and no code', () => {
    expect(hashOf(FUNDED)).toBe(KECCAK_EMPTY);
  });
  it('is keccak256(code) for a contract', () => {
    expect(hashOf(OTHER)).toBe(bytesToBigInt(keccak256(hexToBytes(OTHER_CODE))));
  });
  it('costs 2600 cold then 100 warm (Cancun), 700 in Istanbul, 400 in Constantinople', () => {
    const twice = ins(Op.EXTCODEHASH, OTHER) + op(Op.POP) + ins(Op.EXTCODEHASH, OTHER) + retTop();
    expect(runCode(twice, { pre: PRE }).gasUsed).toBe(3 + 2600 + 2 + 3 + 100 + RET_TOP_GAS);
    expect(runCode(twice, { pre: PRE, fork: Fork.Istanbul }).gasUsed).toBe(3 + 700 + 2 + 3 + 700 + RET_TOP_GAS);
    expect(runCode(twice, { pre: PRE, fork: Fork.Constantinople }).gasUsed).toBe(3 + 400 + 2 + 3 + 400 + RET_TOP_GAS);
  });
  it('is undefined before Constantinople', () => {
    expect(runCode(ins(Op.EXTCODEHASH, OTHER), { fork: Fork.Byzantium, gas: 100 }).status).toBe(Status.UndefinedInstruction);
  });
});

describe('BALANCE', () => {
  it('cold 2600, then warm 100 (EIP-2929)', () => {
    const code = ins(Op.BALANCE, OTHER) + op(Op.POP) + ins(Op.BALANCE, OTHER) + retTop();
    const r = runCode(code, { pre: PRE });
    expect(outputWord(r.output)).toBe(77n);
    expect(r.gasUsed).toBe(3 + 2600 + 2 + 3 + 100 + RET_TOP_GAS);
  });
  it('the running account, the caller and precompiles are warm: 100', () => {
    for (const address of [CONTRACT, SENDER, '0x0000000000000000000000000000000000000001']) {
      expect(runCode(ins(Op.BALANCE, address) + retTop()).gasUsed).toBe(3 + 100 + RET_TOP_GAS);
    }
  });
  it('a missing account has balance 0 (and still costs the cold price)', () => {
    const r = runCode(ins(Op.BALANCE, MISSING) + retTop());
    expect(outputWord(r.output)).toBe(0n);
    expect(r.gasUsed).toBe(3 + 2600 + RET_TOP_GAS);
  });
  it('uses only the low 160 bits of the operand', () => {
    const r = runCode(push((1n << 200n) | BigInt(OTHER)) + op(Op.BALANCE) + retTop(), { pre: PRE });
    expect(outputWord(r.output)).toBe(77n);
  });
  const older: [Fork, number][] = [
    [Fork.Frontier, 20],
    [Fork.TangerineWhistle, 400], // EIP-150
    [Fork.Istanbul, 700], // EIP-1884
  ];
  for (const [fork, gas] of older) {
    it(`${Fork[fork]}: ${gas}, warm or not`, () => {
      const code = ins(Op.BALANCE, OTHER) + op(Op.POP) + ins(Op.BALANCE, OTHER) + retTop();
      expect(runCode(code, { pre: PRE, fork }).gasUsed).toBe(3 + gas + 2 + 3 + gas + RET_TOP_GAS);
    });
  }
  it('SELFBALANCE costs 5 (EIP-1884)', () => {
    const r = runCode(op(Op.SELFBALANCE) + retTop(), { balance: 1234n });
    expect(outputWord(r.output)).toBe(1234n);
    expect(r.gasUsed).toBe(5 + RET_TOP_GAS);
  });
});

describe('context', () => {
  it('ADDRESS, CALLER, ORIGIN, CALLVALUE, GASPRICE cost 2 each', () => {
    const cases: [number, bigint][] = [
      [Op.ADDRESS, BigInt(CONTRACT)],
      [Op.CALLER, BigInt(SENDER)],
      [Op.ORIGIN, BigInt(SENDER)],
      [Op.CALLVALUE, 9n],
      [Op.GASPRICE, 10n],
    ];
    for (const [opcode, expected] of cases) {
      const r = runCode(op(opcode) + retTop(), { value: 9n, balance: 9n });
      expect(outputWord(r.output)).toBe(expected);
      expect(r.gasUsed).toBe(2 + RET_TOP_GAS);
    }
  });
});

describe('KECCAK256', () => {
  it('of empty memory range: 30 gas, keccak256("")', () => {
    const r = runCode(ins(Op.KECCAK256, 0, 0) + retTop());
    expect(outputWord(r.output)).toBe(KECCAK_EMPTY);
    expect(r.gasUsed).toBe(6 + 30 + RET_TOP_GAS);
  });
  it('of 32 zero bytes: 30 + 6 per word + memory', () => {
    const r = runCode(ins(Op.KECCAK256, 0, 32) + retTop());
    expect(outputWord(r.output)).toBe(0x290decd9548b62a8d60345a988386fc84ba6bc95484008f6362f93160ef3e563n);
    // 6 + 30 + 6 + 3 (1 word of memory), then retTop without expansion (12).
    expect(r.gasUsed).toBe(6 + 30 + 6 + 3 + 12);
  });
});

describe('block information (runCode’s block: number 1, timestamp 1000, base fee 7, chain id 1)', () => {
  it('reads the block environment for 2 gas each', () => {
    const cases: [number, bigint][] = [
      [Op.NUMBER, 1n],
      [Op.TIMESTAMP, 1000n],
      [Op.CHAINID, 1n],
      [Op.BASEFEE, 7n],
      [Op.GASLIMIT, 30_000_000n],
      [Op.PREVRANDAO, 0x20000n],
      [Op.COINBASE, 0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ban],
      [Op.BLOBBASEFEE, 1n], // fake_exponential(1, 0, 3338477) = 1
    ];
    for (const [opcode, expected] of cases) {
      const r = runCode(op(opcode) + retTop());
      expect(outputWord(r.output)).toBe(expected);
      expect(r.gasUsed).toBe(2 + RET_TOP_GAS);
    }
  });
  it('BLOCKHASH answers for earlier blocks only (20 gas); state tests hash the decimal number', () => {
    const r = runCode(ins(Op.BLOCKHASH, 0) + retTop());
    expect(outputWord(r.output)).toBe(bytesToBigInt(keccak256(new TextEncoder().encode('0'))));
    expect(r.gasUsed).toBe(3 + 20 + RET_TOP_GAS);
    expect(outputWord(runCode(ins(Op.BLOCKHASH, 1) + retTop()).output)).toBe(0n); // the current block
    expect(outputWord(runCode(ins(Op.BLOCKHASH, MAX) + retTop()).output)).toBe(0n);
  });
  it('BLOBHASH past the list is 0 (3 gas)', () => {
    const r = runCode(ins(Op.BLOBHASH, 0) + retTop());
    expect(outputWord(r.output)).toBe(0n);
    expect(r.gasUsed).toBe(3 + 3 + RET_TOP_GAS);
  });
});
