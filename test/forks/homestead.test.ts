/**
 * Frontier → Homestead: EIP-2 (contract-creating transactions cost 32000 more; a creation that cannot pay the
 * code deposit fails instead of leaving an empty contract) and EIP-7 (DELEGATECALL, 0xf4).
 */
import { describe, expect, it } from 'vitest';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { create, delegatecall, mstoreBytes, retTop, sstore } from '../helpers/bytecode.js';
import { CONTRACT, SENDER, outputWord, runCode, runTx } from '../helpers/run.js';
import { FRAME_GAS, createdAddress } from './util.js';

const BEFORE = Fork.Frontier;
const AFTER = Fork.Homestead;

describe('Homestead, EIP-2: creation transactions', () => {
  it('a contract-creating transaction costs 21000 in Frontier and 21000 + 32000 = 53000 in Homestead', () => {
    // Empty initcode: no calldata gas, no execution, no code deposit: the gas used is the intrinsic gas alone.
    const frontier = runTx('', { fork: BEFORE, tx: { to: null } });
    const homestead = runTx('', { fork: AFTER, tx: { to: null } });
    expect(frontier.result.status).toBe('success');
    expect(homestead.result.status).toBe('success');
    expect(frontier.gasUsed).toBe(21000n);
    expect(homestead.gasUsed).toBe(53000n);
    expect(frontier.result.createdAddress).toBe(createdAddress(SENDER, 0));
    expect(homestead.result.createdAddress).toBe(createdAddress(SENDER, 0));
  });

  it('a creation that cannot pay the code deposit leaves empty code in Frontier and fails in Homestead', () => {
    // Initcode 60 64 60 00 f3 = RETURN(0, 100): PUSH1 (3) + PUSH1 (3) + 4 words of memory (3·4 + 4²/512 = 12) = 18
    // gas, then a code deposit of 100 · 200 = 20000.
    const initcode = '60646000f3';
    // The creator writes the 5 bytes with MSTORE8s (5 · (3 + 3 + 3) + 3 for the first memory word = 48), then
    // CREATE(0, 0, 5): 3 PUSHes (9) + 32000, no new memory. Before EIP-150 CREATE passes on all the gas left.
    const code = mstoreBytes(0, initcode) + create({ size: 5 }) + retTop();
    const beforeCreate = 48 + 9 + 32000;
    const gas = beforeCreate + 18 + 10000; // the initcode has 10018: 18 to run, 10000 < 20000 for the deposit
    const address = createdAddress(CONTRACT, 0);

    const frontier = runCode(code, { fork: BEFORE, gas });
    // Frontier: the creation succeeds without code; the 10000 left come back; retTop costs 12 (memory is
    // already one word): 32057 + 18 + 12 = 32087.
    expect(frontier.status).toBe(Status.Return);
    expect(outputWord(frontier.output)).toBe(BigInt(address));
    expect(frontier.gasUsed).toBe(beforeCreate + 18 + 12);
    expect(frontier.state.exists(address)).toBe(true);
    expect(frontier.state.getCode(address).length).toBe(0);

    const homestead = runCode(code, { fork: AFTER, gas });
    // Homestead: the creation goes out of gas and consumes its 10018; the creator has 0 left and its next
    // PUSH1 runs out of gas: the whole frame's gas is used.
    expect(homestead.status).toBe(Status.OutOfGas);
    expect(homestead.gasUsed).toBe(gas);
    expect(homestead.state.exists(address)).toBe(false);
  });
});

describe('Homestead, EIP-7: DELEGATECALL', () => {
  const LIB = '0x00000000000000000000000000000000000000d7';
  it('is an undefined instruction in Frontier and runs the code in the caller’s context in Homestead', () => {
    // LIB: SSTORE(1, 0x42) = 2 PUSHes (6) + 20000 (zero to non-zero) = 20006.
    const pre = { [LIB]: { code: sstore(1, 0x42) } };
    const code = delegatecall({ gas: 30000, to: LIB }) + retTop();

    const frontier = runCode(code, { fork: BEFORE, pre });
    expect(frontier.status).toBe(Status.UndefinedInstruction);
    expect(frontier.gasUsed).toBe(FRAME_GAS);
    expect(frontier.state.getStorage(CONTRACT, 1n)).toBe(0n);

    const homestead = runCode(code, { fork: AFTER, pre });
    // 6 PUSHes (18) + DELEGATECALL 40 + LIB's 20006 (it returns 30000 - 20006 of its 30000) + retTop 15.
    expect(homestead.status).toBe(Status.Return);
    expect(outputWord(homestead.output)).toBe(1n);
    expect(homestead.gasUsed).toBe(18 + 40 + 20006 + 15);
    // The store lands in the caller's storage, not LIB's.
    expect(homestead.state.getStorage(CONTRACT, 1n)).toBe(0x42n);
    expect(homestead.state.getStorage(LIB, 1n)).toBe(0n);
  });
});

