/**
 * Constantinople → Petersburg (ConstantinopleFix): EIP-1716 removes EIP-1283's net SSTORE metering again,
 * back to the legacy prices (20000 to set a zero slot, 5000 otherwise, 15000 refund for clearing); the rest
 * of Constantinople (shifts, CREATE2, EXTCODEHASH) stays.
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork, parseFork } from '../../src/forks/fork.js';
import { sstore } from '../helpers/bytecode.js';
import { evalOp, runCode, runTx } from '../helpers/run.js';
import { SSTORE_CASES } from './util.js';

const BEFORE = Fork.Constantinople;
const AFTER = Fork.Petersburg;

describe('Petersburg: EIP-1283 removed', () => {
  it('ConstantinopleFix is the fixtures’ name for Petersburg', () => {
    expect(parseFork('ConstantinopleFix')).toBe(Fork.Petersburg);
  });

  for (const c of SSTORE_CASES) {
    it(`${c.code} from ${c.original}: ${c.eip1283.gas}/${c.eip1283.refund} → legacy ${c.legacy.gas}/${c.legacy.refund}`, () => {
      const storage = { '0': c.original };
      const con = runCode(c.code, { fork: BEFORE, storage });
      const pet = runCode(c.code, { fork: AFTER, storage });
      expect({ gas: con.gasUsed, refund: con.state.refund }).toEqual(c.eip1283);
      expect({ gas: pet.gasUsed, refund: pet.state.refund }).toEqual(c.legacy);
    });
  }

  it('a transaction setting and clearing a slot: refund capped at gasUsed / 2 in both, different totals', () => {
    // SSTORE(0, 1) + SSTORE(0, 0) from 0.
    // Constantinople: 21000 + 20212 = 41212 used, refund min(19800, ⌊41212/2⌋ = 20606) = 19800 → 21412.
    // Petersburg: 21000 + 25012 = 46012 used, refund min(15000, ⌊46012/2⌋ = 23006) = 15000 → 31012.
    const code = sstore(0, 1) + sstore(0, 0);
    expect(runTx(code, { fork: BEFORE }).gasUsed).toBe(41212n - 19800n);
    expect(runTx(code, { fork: AFTER }).gasUsed).toBe(46012n - 15000n);
  });

  it('keeps the other Constantinople opcodes (SHL: 6 + 3 + 15 in both)', () => {
    expect(evalOp(Op.SHL, [1, 1], { fork: BEFORE })).toMatchObject({ status: Status.Return, gasUsed: 24, value: 2n });
    expect(evalOp(Op.SHL, [1, 1], { fork: AFTER })).toMatchObject({ status: Status.Return, gasUsed: 24, value: 2n });
  });
});
