/**
 * Gray Glacier → Paris (the Merge): EIP-4399 — opcode 0x44 (DIFFICULTY) returns the beacon chain's
 * prevRandao instead of the block difficulty; same opcode, same 2 gas.
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Fork } from '../../src/forks/fork.js';
import { op, retTop } from '../helpers/bytecode.js';
import { outputWord, runTx } from '../helpers/run.js';

const BEFORE = Fork.GrayGlacier;
const AFTER = Fork.Paris;

describe('Paris, EIP-4399: PREVRANDAO', () => {
  it('0x44 returns the difficulty before and prevRandao after, for 2 gas in both', () => {
    const code = op(Op.PREVRANDAO) + retTop();
    const env = { difficulty: 0x20000n, prevRandao: 0xabcdef0123456789n };
    const gg = runTx(code, { fork: BEFORE, env });
    const paris = runTx(code, { fork: AFTER, env });
    expect(outputWord(gg.output)).toBe(0x20000n);
    expect(outputWord(paris.output)).toBe(0xabcdef0123456789n);
    // 21000 + 2 + retTop (15).
    expect(gg.gasUsed).toBe(21000n + 2n + 15n);
    expect(paris.gasUsed).toBe(21000n + 2n + 15n);
  });
});
