/**
 * Memory: expansion cost C_mem(a) = 3·a + ⌊a²/512⌋ for a words (Yellow Paper eq. 326), MLOAD/MSTORE/
 * MSTORE8, MSIZE, and MCOPY (EIP-5656: 3 + 3 per word copied + expansion over max(dest, src) + size).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { ins, mcopy, mload, mstore, mstore8, op, push, pushN, ret, retTop } from '../helpers/bytecode.js';
import { outputWord, runCode } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
/** C_mem of the Yellow Paper. */
const cmem = (words: number): number => 3 * words + Math.floor((words * words) / 512);
/** 0x000102…1f: byte i holds i. */
const RAMP = BigInt('0x' + Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join(''));
/** Stores RAMP at 0: PUSH32 (3) + PUSH1 (3) + MSTORE (3) + 1 word (3) = 12. */
const storeRamp = mstore(0, RAMP);
const STORE_RAMP_GAS = 12;
const bytesOf = (hex: string): number[] => Array.from(Buffer.from(hex, 'hex'));

describe('memory expansion cost', () => {
  it('MSTORE at 0 expands by one word: 3 + 3 + 3 + C_mem(1) = 12', () => {
    const r = runCode(mstore(0, 1));
    expect(r.status).toBe(Status.Stop);
    expect(r.gasUsed).toBe(3 + 3 + 3 + cmem(1));
    expect(r.gasUsed).toBe(12);
  });
  it('MSTORE at 1024 expands to 33 words: C_mem(33) = 99 + ⌊1089/512⌋ = 101', () => {
    const r = runCode(mstore(1024, 1));
    expect(r.gasUsed).toBe(3 + 3 + 3 + 101);
  });
  it('MSTORE at 32·1023 expands to 1024 words: C_mem(1024) = 3072 + 2048 = 5120', () => {
    expect(runCode(mstore(32 * 1023, 1)).gasUsed).toBe(9 + 5120);
  });
  it('a second expansion is charged only for the difference', () => {
    // 12 for the first word, then 9 + (101 - 3) for words 2…33.
    expect(runCode(mstore(0, 1) + mstore(1024, 1)).gasUsed).toBe(12 + 9 + 98);
  });
  it('an access inside the active memory costs nothing extra', () => {
    expect(runCode(mstore(32, 1) + mstore(0, 2)).gasUsed).toBe(3 + 3 + 3 + cmem(2) + 9);
  });
  it('MSTORE8 expands to the word holding the byte: offset 33 → 2 words', () => {
    expect(runCode(mstore8(33, 0xff)).gasUsed).toBe(9 + cmem(2));
  });
  it('a zero-size RETURN at a huge offset does not expand memory', () => {
    const r = runCode(ret(MAX, 0));
    expect(r.status).toBe(Status.Return);
    expect(r.output.length).toBe(0);
    expect(r.gasUsed).toBe(6);
  });
  it('an unaffordable expansion is an out-of-gas halt consuming all gas', () => {
    // A range ending beyond 64 bits: geth's 'gas uint64 overflow'; beyond its priced sizes, 'out of gas: …'.
    const r = runCode(mstore(MAX - 31n, 1), { gas: 100_000 });
    expect(r.status).toBe(Status.GasUintOverflow);
    expect(r.gasLeft).toBe(0n);
    expect(runCode(mstore(0x1fffffffe0n, 1), { gas: 100_000 }).status).toBe(Status.MemoryGasOverflow);
    expect(runCode(mstore(1n << 32n, 1), { gas: 100_000 }).status).toBe(Status.OutOfGas);
    // Just below the price of 33 words (9 + 101 = 110) the frame runs out of gas too.
    expect(runCode(mstore(1024, 1), { gas: 109 }).status).toBe(Status.OutOfGas);
    expect(runCode(mstore(1024, 1), { gas: 110 }).status).toBe(Status.Stop);
  });
});

describe('MLOAD, MSTORE, MSTORE8, MSIZE', () => {
  it('MSIZE is 0 initially and word-rounded after MSTORE8 at 33', () => {
    expect(outputWord(runCode(op(Op.MSIZE) + retTop()).output)).toBe(0n);
    const r = runCode(mstore8(33, 1) + op(Op.MSIZE) + retTop());
    expect(outputWord(r.output)).toBe(64n);
    // 9 + C_mem(2) = 15 for MSTORE8, MSIZE 2, then retTop without expansion: 3 + 3 + 3 + 3 = 12.
    expect(r.gasUsed).toBe(15 + 2 + 12);
  });
  it('MLOAD reads zeros past written memory and expands memory', () => {
    const r = runCode(mload(64) + op(Op.MSIZE) + retTop());
    // MSIZE (96) was pushed last, so retTop returns it; MLOAD: 3 + 3 + C_mem(3) = 15.
    expect(outputWord(r.output)).toBe(96n);
    expect(r.gasUsed).toBe(3 + 3 + cmem(3) + 2 + 12);
  });
  it('MSTORE8 writes the low byte only', () => {
    const r = runCode(mstore8(31, 0x1234) + ret(0, 32));
    expect(outputWord(r.output)).toBe(0x34n);
    // Values a double cannot hold exactly: the byte still comes from the word's exact low bits.
    for (const value of [(1n << 200n) + 0xabn, (1n << 64n) + 0x7fn, (1n << 60n) + 0x01n, MAX]) {
      const big = runCode(mstore8(31, value) + ret(0, 32));
      expect(outputWord(big.output), value.toString(16)).toBe(value & 0xffn);
    }
  });
  it('MSTORE/MLOAD round-trip an unaligned word', () => {
    const r = runCode(mstore(5, RAMP) + mload(5) + retTop());
    expect(outputWord(r.output)).toBe(RAMP);
  });
});

describe('large memory (beyond 64 KiB: a plain buffer, pooled within a byte budget; see memory-words.test.ts beyond 16 MiB)', () => {
  const FAR = 200_000;
  it('keeps what was written before it grew past 64 KiB, and reads zeros where nothing was written', () => {
    const code =
      storeRamp + mstore(FAR, 0xabcd) + mstore(70_000, 7) + mstore8(FAR + 40, 0xff) +
      mload(0) + mstore(64) + mload(FAR) + mstore(96) + mload(300_000) + mstore(128) + mload(FAR + 40) + mstore(160) +
      op(Op.MSIZE) + mstore(192) + ret(64, 160);
    const r = runCode(code, { gas: 10_000_000 });
    expect(r.status).toBe(Status.Return);
    const out = [0, 1, 2, 3, 4].map((i) => outputWord(r.output.subarray(32 * i, 32 * i + 32)));
    expect(out).toEqual([RAMP, 0xabcdn, 0n, 0xffn << 248n, 300_032n]);
  });
  it('a later frame at the same depth starts from zeroed memory', () => {
    expect(runCode(mstore(FAR, MAX) + ret(FAR, 32), { gas: 10_000_000 }).output.every((b) => b === 0xff)).toBe(true);
    const again = runCode(mload(FAR) + retTop(), { gas: 10_000_000 });
    expect(outputWord(again.output)).toBe(0n);
    const small = runCode(mload(32) + retTop());
    expect(outputWord(small.output)).toBe(0n);
  });
  it('a pooled large buffer comes back empty: MSIZE 0, zeros where the last frame wrote', () => {
    runCode(mstore(FAR, MAX) + mstore(FAR + 2_000, MAX) + op(Op.STOP), { gas: 10_000_000 });
    const size = runCode(op(Op.MSIZE) + retTop(), { gas: 10_000_000 });
    expect(outputWord(size.output)).toBe(0n);
    // RETURN reads the bytes it expands over (an MLOAD past the old size answers zero without reading).
    const r = runCode(ret(FAR, 2_032), { gas: 10_000_000 });
    expect(r.output.length).toBe(2_032);
    expect(r.output.every((b) => b === 0)).toBe(true);
  });
  it('MCOPY and RETURN work across the 64 KiB boundary', () => {
    const r = runCode(storeRamp + mcopy(65_530, 0, 32) + ret(65_530, 32), { gas: 10_000_000 });
    expect(outputWord(r.output)).toBe(RAMP);
  });
});

describe('MCOPY (EIP-5656)', () => {
  it('copies forward over an overlapping range as if through a buffer', () => {
    const r = runCode(storeRamp + mcopy(1, 0, 8) + ret(0, 32));
    expect(r.status).toBe(Status.Return);
    const expected = bytesOf(RAMP.toString(16).padStart(64, '0'));
    for (let i = 0; i < 8; i++) expected[1 + i] = i;
    expect(Array.from(r.output)).toEqual(expected);
    // MCOPY: 3 PUSHes (9) + 3 + 3·1 word, no expansion; RETURN: 2 PUSHes.
    expect(r.gasUsed).toBe(STORE_RAMP_GAS + 9 + 3 + 3 + 6);
  });
  it('copies backward over an overlapping range', () => {
    const r = runCode(storeRamp + mcopy(0, 1, 8) + ret(0, 32));
    const expected = bytesOf(RAMP.toString(16).padStart(64, '0'));
    for (let i = 0; i < 8; i++) expected[i] = i + 1;
    expect(Array.from(r.output)).toEqual(expected);
  });
  it('charges 3 per copied word: 33 bytes are 2 words', () => {
    // Memory is 2 words after MSTORE at 32 (12 + 3 for the second word): copying 33 bytes within it.
    const r = runCode(mstore(32, 1) + mcopy(0, 31, 33));
    expect(r.gasUsed).toBe(9 + cmem(2) + 9 + 3 + 3 * 2);
  });
  it('expands memory to cover the destination: dest 0x100, 1 byte → 9 words', () => {
    const r = runCode(mcopy(0x100, 0, 1) + op(Op.MSIZE) + retTop());
    expect(outputWord(r.output)).toBe(0x120n);
    // 9 + 3 + 3 + C_mem(9) = 27, MSIZE 2, retTop 12.
    expect(r.gasUsed).toBe(9 + 3 + 3 + 27 + 2 + 12);
  });
  it('expands memory to cover the source too: src 64, 32 bytes → 3 words of zeros', () => {
    const r = runCode(mcopy(0, 64, 32) + op(Op.MSIZE) + retTop());
    expect(outputWord(r.output)).toBe(96n);
    expect(r.gasUsed).toBe(9 + 3 + 3 + cmem(3) + 2 + 12);
  });
  it('a zero-length copy at huge offsets is free of expansion: 9 + 3', () => {
    const r = runCode(mcopy(MAX, MAX, 0));
    expect(r.status).toBe(Status.Stop);
    expect(r.gasUsed).toBe(12);
  });
  it('is undefined before Cancun', () => {
    const r = runCode(mcopy(0, 0, 0), { fork: Fork.Shanghai, gas: 1000 });
    expect(r.status).toBe(Status.UndefinedInstruction);
    expect(r.gasUsed).toBe(1000);
  });
});

// Keep the helpers' push-width logic honest: PUSH2 for 0x100, PUSH32 for 2^256-1.
describe('bytecode helper', () => {
  it('chooses the smallest PUSH', () => {
    expect(push(0)).toBe('6000');
    expect(push(0x100)).toBe('610100');
    expect(push(MAX)).toBe('7f' + 'ff'.repeat(32));
    expect(pushN(2, 1)).toBe('610001');
    expect(ins(Op.ADD, 1, 2)).toBe('6002600101');
  });
});
