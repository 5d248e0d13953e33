/**
 * Paris → Shanghai: EIP-3855 (PUSH0, 2 gas), EIP-3651 (the coinbase starts warm) and EIP-3860 (initcode is
 * limited to MAX_INITCODE_SIZE = 2 · 24576 = 49152 bytes and costs INITCODE_WORD_COST = 2 per 32-byte word,
 * both in creation transactions and in CREATE/CREATE2).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { create, create2, ins, op, push0, retTop } from '../helpers/bytecode.js';
import { COINBASE, CONTRACT, SENDER, outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, create2AddressOf, createdAddress } from './util.js';

const BEFORE = Fork.Paris;
const AFTER = Fork.Shanghai;

describe('Shanghai, EIP-3855: PUSH0', () => {
  it('is undefined before and pushes 0 for 2 gas after', () => {
    // PUSH0 (2) + retTop (15).
    const code = push0() + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const s = runCode(code, { fork: AFTER });
    expect(s.status).toBe(Status.Return);
    expect(outputWord(s.output)).toBe(0n);
    expect(s.gasUsed).toBe(2 + 15);
  });
});

describe('Shanghai, EIP-3651: warm COINBASE', () => {
  it('BALANCE(coinbase) costs 2600 (cold) before and 100 (warm) after', () => {
    // 21000 + PUSH20 (3) + BALANCE + POP (2).
    const code = ins(Op.BALANCE, COINBASE) + op(Op.POP);
    expect(runTx(code, { fork: BEFORE }).gasUsed).toBe(21000n + 3n + 2600n + 2n);
    expect(runTx(code, { fork: AFTER }).gasUsed).toBe(21000n + 3n + 100n + 2n);
  });
});

describe('Shanghai, EIP-3860: limit and meter initcode', () => {
  it('a creation transaction pays 2 per initcode word after', () => {
    // 64 zero bytes of initcode (it stops at once, deploying nothing): 21000 + 32000 + 64 · 4 = 53256;
    // Shanghai adds 2 · ⌈64 / 32⌉ = 4.
    const data = new Uint8Array(64);
    expect(runTx('', { fork: BEFORE, tx: { to: null, data } }).gasUsed).toBe(53256n);
    expect(runTx('', { fork: AFTER, tx: { to: null, data } }).gasUsed).toBe(53256n + 4n);
  });

  it('a creation transaction with 49153 bytes of initcode runs before and is invalid after', () => {
    // Zero initcode: 21000 + 32000 + 49153 · 4 = 249612.
    const tx = { to: null, data: new Uint8Array(49153) };
    expect(runTx('', { fork: BEFORE, tx }).result).toMatchObject({ status: 'success', gasUsed: 249612n });
    const s = runTx('', { fork: AFTER, tx });
    expect(s.result.status).toBe('invalid');
    expect(s.result.error).toMatch(/InitCodeLimitExceeded/);
    expect(s.state.getNonce(SENDER)).toBe(0n);
    // Exactly 49152 bytes are allowed: 21000 + 32000 + 49152 · 4 + 2 · 1536 = 252680.
    expect(runTx('', { fork: AFTER, tx: { to: null, data: new Uint8Array(49152) } }).result).toMatchObject({
      status: 'success',
      gasUsed: 252680n,
    });
  });

  it('CREATE pays 2 per initcode word after', () => {
    // CREATE(0, 0, 64) of 64 zero bytes: 3 PUSHes (9) + 32000 + memory 2 words (6) (+ 2 · 2 = 4 after); the
    // initcode stops at once; retTop 12 (memory already there).
    const code = create({ size: 64 }) + retTop();
    const p = runCode(code, { fork: BEFORE });
    const s = runCode(code, { fork: AFTER });
    expect(outputWord(p.output)).toBe(BigInt(createdAddress(CONTRACT, 0)));
    expect(outputWord(s.output)).toBe(BigInt(createdAddress(CONTRACT, 0)));
    expect(p.gasUsed).toBe(9 + 32000 + 6 + 12);
    expect(s.gasUsed).toBe(9 + 32000 + 6 + 4 + 12);
  });

  it('CREATE2 pays 2 per initcode word after, on top of its 6 per word for hashing', () => {
    // CREATE2(0, 0, 64, 0): 4 PUSHes (12) + 32000 + memory 2 words (6) + hashing 6 · 2 = 12 (+ 2 · 2 = 4 after);
    // the zero initcode stops at once; retTop 12.
    const code = create2({ size: 64, salt: 0 }) + retTop();
    const address = BigInt(create2AddressOf(CONTRACT, 0n, new Uint8Array(64)));
    const p = runCode(code, { fork: BEFORE });
    const s = runCode(code, { fork: AFTER });
    expect(outputWord(p.output)).toBe(address);
    expect(outputWord(s.output)).toBe(address);
    expect(p.gasUsed).toBe(12 + 32000 + 6 + 12 + 12);
    expect(s.gasUsed).toBe(12 + 32000 + 6 + 12 + 4 + 12);
  });

  it('CREATE with 49153 bytes of initcode works before and aborts exceptionally after', () => {
    // Memory for 49153 bytes = 1537 words: 3 · 1537 + ⌊1537² / 512⌋ = 4611 + ⌊2362369 / 512⌋ = 4611 + 4614 = 9225.
    const code = create({ size: 49153 }) + retTop();
    const p = runCode(code, { fork: BEFORE });
    expect(outputWord(p.output)).toBe(BigInt(createdAddress(CONTRACT, 0)));
    expect(p.gasUsed).toBe(9 + 9225 + 32000 + 12);
    expect(runCode(code, { fork: AFTER })).toMatchObject({ status: Status.InitcodeSizeExceeded, gasUsed: FRAME_GAS });
  });
});
