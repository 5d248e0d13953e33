/**
 * The word paths of memory: MLOAD/MSTORE inline in the interpreter and in translated code (with an expansion
 * inside the buffer paid there), the handlers, and every other reader and writer of memory bytes around
 * them (KECCAK256, RETURN, MCOPY, MSTORE8, CALLDATACOPY, a call's arguments and its output written back),
 * plain and resizable buffers, and pooled buffers at the same depth. Each case runs interpreted and
 * translated from the first instruction, and must give the same, expected, outcome in both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { setTranslationMode, type TranslationMode } from '../../src/evm/translate/tier.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { call, ins, mcopy, mload, mstore, mstore8, op, pop, push, ret, retTop } from '../helpers/bytecode.js';
import { type CodeRun, type RunCodeOptions, outputWord, runCode } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
const MASK128 = (1n << 128n) - 1n;
/** 0x000102…1f: byte i holds i. */
const RAMP = BigInt('0x' + Array.from({ length: 32 }, (_, i) => i.toString(16).padStart(2, '0')).join(''));
/** A word with every 64-bit lane non-zero and above 2^64 (the general path of writeWordAt/readWordAt). */
const WIDE = 0x8899aabbccddeeff_0011223344556677_1122334455667788_99aabbccddeeff00n;
const cmem = (words: number): number => 3 * words + Math.floor((words * words) / 512);
const wordBytes = (x: bigint): Uint8Array => Uint8Array.from(Buffer.from(x.toString(16).padStart(64, '0'), 'hex'));
const words = (output: Uint8Array): bigint[] =>
  Array.from({ length: output.length / 32 }, (_, i) => outputWord(output.subarray(32 * i, 32 * i + 32)));
/** Returns `n` words of memory from `offset`. */
const retWords = (offset: number, n: number): string => ret(offset, 32 * n);

const MODES: TranslationMode[] = ['never', 'always'];

afterEach(() => setTranslationMode('auto'));

/** Runs `code` in each mode; the outcomes (status, gas, output) must agree, and the first is returned. */
function both(code: string, options: RunCodeOptions = {}): CodeRun {
  const runs = MODES.map((mode) => {
    setTranslationMode(mode);
    return runCode(code, options);
  });
  const [a, b] = runs;
  expect({ status: b.status, gasUsed: b.gasUsed, output: Buffer.from(b.output).toString('hex') }, 'translated = interpreted').toEqual({
    status: a.status,
    gasUsed: a.gasUsed,
    output: Buffer.from(a.output).toString('hex'),
  });
  return a;
}

describe('memory words seen by every other reader of memory', () => {
  it('KECCAK256 hashes the words just stored', () => {
    const r = both(mstore(0, RAMP) + mstore(32, WIDE) + ins(Op.KECCAK256, 0, 64) + retTop());
    const data = new Uint8Array([...wordBytes(RAMP), ...wordBytes(WIDE)]);
    expect(r.output).toEqual(keccak256(data));
  });
  it('RETURN returns stored words, aligned and not', () => {
    const r = both(mstore(0, WIDE) + mstore(32, MAX - 5n) + mstore(77, RAMP) + retWords(0, 4) + op(Op.STOP));
    // RAMP at 77: 19 of its bytes end word 2, the other 13 start word 3.
    expect(words(r.output)).toEqual([WIDE, MAX - 5n, RAMP >> 104n, (RAMP << 152n) & MAX]);
  });
  it('MCOPY copies a stored word, and MLOAD reads the copy', () => {
    const r = both(mstore(0, WIDE) + mstore(32, 7) + mcopy(32, 0, 32) + mload(32) + retTop());
    expect(outputWord(r.output)).toBe(WIDE);
  });
  it('MSTORE8 into a stored word changes that byte of the next MLOAD', () => {
    const r = both(mstore(0, RAMP) + mload(0) + pop() + mstore8(5, 0xff) + mload(0) + retTop());
    expect(outputWord(r.output)).toBe(RAMP | (0xffn << (8n * 26n)));
  });
  it('an unaligned MLOAD reads across two stored words', () => {
    const r = both(mstore(0, RAMP) + mstore(32, WIDE) + mload(0) + pop() + mload(16) + retTop());
    expect(outputWord(r.output)).toBe(((RAMP & MASK128) << 128n) | (WIDE >> 128n));
  });
  it('an unaligned MSTORE over two loaded words changes both', () => {
    const r = both(mstore(0, RAMP) + mstore(32, WIDE) + mload(0) + mload(32) + pop() + pop() + mstore(16, MAX) + mload(0) + mload(32) + ins(Op.SWAP1) + mstore(64) + mstore(96) + retWords(64, 2));
    expect(words(r.output)).toEqual([(RAMP >> 128n << 128n) | MASK128, (MASK128 << 128n) | (WIDE & MASK128)]);
  });
  it('CALLDATACOPY over a stored word is what MLOAD reads next', () => {
    const code = mstore(0, 5) + mload(0) + pop() + ins(Op.CALLDATACOPY, 0, 0, 32) + mload(0) + retTop();
    const r = both(code, { input: wordBytes(WIDE) });
    expect(outputWord(r.output)).toBe(WIDE);
  });
});

describe('memory words across calls', () => {
  const ECHO = '0x' + 'ec'.repeat(20);
  /** Returns its calldata. */
  const echo = ins(Op.CALLDATACOPY, 0, 0, op(Op.CALLDATASIZE)) + ret(0, op(Op.CALLDATASIZE));
  const WRITER = '0x' + 'a1'.repeat(20);
  const READER = '0x' + 'a2'.repeat(20);
  const pre = {
    [ECHO]: { code: echo },
    [WRITER]: { code: mstore(0, MAX) + mstore(4000, WIDE) + op(Op.STOP) },
    [READER]: { code: mload(0) + mload(4000) + ins(Op.OR) + retTop() },
  };
  it('a call sends the words just stored as its arguments, and its output overwrites a stored word', () => {
    const code = mstore(0, WIDE) + mstore(32, 0xdead) + mload(32) + pop() +
      call({ to: ECHO, argsOffset: 0, argsSize: 32, retOffset: 32, retSize: 32 }) + pop() + mload(32) + retTop();
    const r = both(code, { pre });
    expect(r.status).toBe(Status.Return);
    expect(outputWord(r.output)).toBe(WIDE);
  });
  it('a frame at the same depth as an ended one sees zero memory', () => {
    const code = call({ to: WRITER }) + pop() + call({ to: READER, retOffset: 0, retSize: 32 }) + pop() + retWords(0, 1);
    expect(outputWord(both(code, { pre }).output)).toBe(0n);
  });
  it('so does the next transaction’s frame at depth 0', () => {
    both(mstore(0, MAX) + mstore(60_000, WIDE) + op(Op.STOP));
    expect(outputWord(both(mload(0) + mload(60_000) + ins(Op.OR) + retTop()).output)).toBe(0n);
  });
});

describe('expansion on the inline path', () => {
  it('MLOADs one word further each time pay each word, and read zeros', () => {
    const r = both(mload(0) + mload(32) + mload(64) + ins(Op.OR) + ins(Op.OR) + op(Op.MSIZE) + ins(Op.SWAP1) + mstore(96) + mstore(128) + retWords(96, 2));
    expect(words(r.output)).toEqual([0n, 96n]);
    // 3 MLOADs (3 + 3 each), 2 ORs, MSIZE, SWAP1, 2 MSTOREs at 96 and 128 (6 each), RETURN's pushes; 5 words.
    expect(r.gasUsed).toBe(18 + 6 + 2 + 3 + 12 + 6 + cmem(5));
  });
  it('an MLOAD half past the end reads the old half and zeros, and pays one word', () => {
    const r = both(mstore(0, RAMP) + mload(16) + retTop());
    expect(outputWord(r.output)).toBe((RAMP & MASK128) << 128n);
    expect(r.gasUsed).toBe(9 + cmem(1) + 6 + (cmem(2) - cmem(1)) + 12);
  });
  it('an MSTORE that expands writes its whole word', () => {
    const r = both(mstore(0, 1) + mstore(48, WIDE) + retWords(0, 3));
    expect(words(r.output)).toEqual([1n, WIDE >> 128n, (WIDE & MASK128) << 128n]);
    expect(r.gasUsed).toBe(9 + 9 + cmem(3) + 6);
  });
  it('an expansion one gas short is out of gas with nothing left; exactly enough runs on', () => {
    // PUSH2 1024 (3) + MLOAD (3 + C_mem(33) = 101), then POP (2) and STOP.
    const code = mload(1024) + pop() + op(Op.STOP);
    const enough = 3 + 3 + cmem(33) + 2;
    const short = both(code, { gas: enough - 3 });
    expect(short.status).toBe(Status.OutOfGas);
    expect(short.gasLeft).toBe(0n);
    const afterIt = both(code, { gas: enough - 1 }); // the expansion is paid, POP is not
    expect(afterIt.status).toBe(Status.OutOfGas);
    const ok = both(code, { gas: enough });
    expect(ok.status).toBe(Status.Stop);
    expect(ok.gasLeft).toBe(0n);
  });
  it('MSTORE likewise', () => {
    const code = mstore(1024, WIDE) + push(1) + pop() + op(Op.STOP);
    const enough = 9 + cmem(33) + 5;
    expect(both(code, { gas: enough - 6 }).status).toBe(Status.OutOfGas);
    expect(both(code, { gas: enough - 1 }).status).toBe(Status.OutOfGas);
    expect(both(code, { gas: enough }).status).toBe(Status.Stop);
  });
});

describe('memory beyond 16 MiB (a resizable buffer)', () => {
  const FAR = 17_000_000;
  const gas = 700_000_000;
  it('keeps earlier words, stores and loads far words, and a later frame sees zeros', () => {
    const code = mstore(0, RAMP) + mstore(FAR, WIDE) + mstore(FAR + 40, MAX) + mload(FAR + 8) + mload(0) + mload(FAR + 40) +
      mstore(64) + mstore(96) + mstore(128) + op(Op.MSIZE) + mstore(160) + retWords(64, 4);
    const r = both(code, { gas });
    expect(r.status).toBe(Status.Return);
    expect(words(r.output)).toEqual([MAX, RAMP, (WIDE << 64n) & MAX, BigInt(FAR + 96)]);
    expect(outputWord(both(mload(FAR) + mload(FAR + 40) + ins(Op.OR) + mload(0) + ins(Op.OR) + retTop(), { gas }).output)).toBe(0n);
  });
});
