/**
 * Shanghai → Cancun: EIP-1153 (TLOAD/TSTORE, 100 gas each), EIP-5656 (MCOPY: 3 + 3 per word + memory),
 * EIP-6780 (SELFDESTRUCT deletes the account only when it was created in the same transaction), EIP-4844
 * (blob transactions, BLOBHASH at 3 gas, the point-evaluation precompile at 0x0a for 50000 gas) and EIP-7516
 * (BLOBBASEFEE, 2 gas).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { call, create, ins, mcopy, mload, mstore, mstoreBytes, op, retTop, selfdestruct, tload, tstore } from '../helpers/bytecode.js';
import { COINBASE, CONTRACT, SENDER, SENDER_BALANCE, outputWord, runCode, runTx } from '../helpers/run.js';
import { BENEFICIARY, FRAME_GAS, TX_GAS, createdAddress, precompile } from './util.js';

const BEFORE = Fork.Shanghai;
const AFTER = Fork.Cancun;

describe('Cancun, EIP-1153: transient storage', () => {
  it('TSTORE/TLOAD are undefined before and cost 100 each after', () => {
    // TSTORE(1, 0x42): 2 PUSHes (6) + 100; TLOAD(1): PUSH (3) + 100; retTop 15.
    const code = tstore(1, 0x42) + tload(1) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const c = runCode(code, { fork: AFTER });
    expect(outputWord(c.output)).toBe(0x42n);
    expect(c.gasUsed).toBe(6 + 100 + 3 + 100 + 15);
    // Transient: nothing reaches persistent storage.
    expect(c.state.getStorage(CONTRACT, 1n)).toBe(0n);
  });
});

describe('Cancun, EIP-5656: MCOPY', () => {
  it('is undefined before; after, it copies memory for 3 + 3 per word + expansion', () => {
    // MSTORE(0, 0x1234): 3 + 3 + 3 + 3 (memory) = 12. MCOPY(32, 0, 32): 3 PUSHes (9) + 3 + 3 · 1 word + 3 (memory
    // grows to 2 words: 6 - 3) = 18. MLOAD(32): 6. retTop: 12 (no new memory).
    const code = mstore(0, 0x1234) + mcopy(32, 0, 32) + mload(32) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    const c = runCode(code, { fork: AFTER });
    expect(outputWord(c.output)).toBe(0x1234n);
    expect(c.gasUsed).toBe(12 + 18 + 6 + 12);
  });
});

describe('Cancun, EIP-6780: SELFDESTRUCT only in the same transaction', () => {
  it('a pre-existing contract is deleted before; after, only its balance moves', () => {
    // 21000 + PUSH1 (3) + 5000 + 2600 (cold beneficiary) + 25000 (a non-zero balance into a dead account) in
    // both forks; no refund since London.
    const code = selfdestruct(BENEFICIARY);
    const s = runTx(code, { fork: BEFORE, balance: 1000n });
    const c = runTx(code, { fork: AFTER, balance: 1000n });
    expect(s.gasUsed).toBe(21000n + 3n + 5000n + 2600n + 25000n);
    expect(c.gasUsed).toBe(21000n + 3n + 5000n + 2600n + 25000n);
    expect(s.state.getBalance(BENEFICIARY)).toBe(1000n);
    expect(c.state.getBalance(BENEFICIARY)).toBe(1000n);
    expect(s.state.exists(CONTRACT)).toBe(false);
    expect(c.state.exists(CONTRACT)).toBe(true);
    expect(c.state.getBalance(CONTRACT)).toBe(0n);
    expect(c.state.getCode(CONTRACT)).toEqual(hexToBytes(code));
  });

  it('a pre-existing contract naming itself as beneficiary burns its balance before and keeps it after', () => {
    // SELFDESTRUCT(ADDRESS): ADDRESS (2) + 5000; the contract is warm and not dead: 21000 + 5002 in both.
    const code = op(Op.ADDRESS) + op(Op.SELFDESTRUCT);
    const s = runTx(code, { fork: BEFORE, balance: 1000n });
    const c = runTx(code, { fork: AFTER, balance: 1000n });
    expect(s.gasUsed).toBe(21000n + 5002n);
    expect(c.gasUsed).toBe(21000n + 5002n);
    expect(s.state.exists(CONTRACT)).toBe(false);
    // EIP-6780: the account is not deleted and, being its own beneficiary, keeps the balance.
    expect(c.state.getBalance(CONTRACT)).toBe(1000n);
    expect(c.state.getCode(CONTRACT)).toEqual(hexToBytes(code));
  });

  it('a contract created and self-destructed in the same transaction is deleted in both forks', () => {
    // Initcode SELFDESTRUCT(BENEFICIARY) = 60 be ff (PUSH1 0xbe, SELFDESTRUCT: 3 bytes), created with value 5.
    const initcode = selfdestruct(BENEFICIARY);
    expect(initcode).toBe('60beff');
    const code = mstoreBytes(0, initcode) + create({ value: 5, size: 3 }) + op(Op.POP);
    // Writing 3 bytes: 3 · 9 + 3 (one memory word) = 30. CREATE: 9 + 32000 + 2 · 1 initcode word (EIP-3860,
    // both forks) = 32011. Initcode: 3 + 5000 + 2600 (cold) + 25000 (value into a dead account) = 32603. POP 2.
    const gas = 21000n + 30n + 32011n + 32603n + 2n;
    const child = createdAddress(CONTRACT, 0);
    for (const fork of [BEFORE, AFTER]) {
      const r = runTx(code, { fork, balance: 5n });
      expect(r.gasUsed).toBe(gas);
      expect(r.state.exists(child)).toBe(false);
      expect(r.state.getBalance(BENEFICIARY)).toBe(5n);
      expect(r.state.getNonce(CONTRACT)).toBe(1n);
    }
  });
});

describe('Cancun, EIP-4844: blob transactions', () => {
  const HASH = hexToBytes('01' + 'ab'.repeat(31));
  const blobTx = {
    type: 3 as const,
    gasPrice: undefined,
    maxFeePerGas: 10n,
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: 1n,
    blobVersionedHashes: [HASH],
  };

  it('a blob transaction is rejected before; after, it pays for its blob gas and BLOBHASH reads its hash', () => {
    // BLOBHASH(0): PUSH (3) + 3; retTop 15: 21000 + 21 = 21021 gas at min(10, 7 + 1) = 8 per gas.
    // Blob gas: 1 blob · 131072 at blob base fee fake_exponential(1, 0, 3338477) = 1.
    const code = ins(Op.BLOBHASH, 0) + retTop();
    const s = runTx(code, { fork: BEFORE, tx: blobTx });
    expect(s.result.status).toBe('invalid');
    expect(s.result.error).toMatch(/TypeNotSupported/);

    const c = runTx(code, { fork: AFTER, tx: blobTx });
    expect(c.result.status).toBe('success');
    expect(outputWord(c.output)).toBe(BigInt('0x01' + 'ab'.repeat(31)));
    expect(c.gasUsed).toBe(21021n);
    expect(c.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21021n * 8n - 131072n * 1n);
    expect(c.state.getBalance(COINBASE)).toBe(21021n * 1n);
  });

  it('BLOBHASH is undefined before and 0 past the end of the (empty) list after', () => {
    const code = ins(Op.BLOBHASH, 0) + retTop();
    expect(runCode(code, { fork: BEFORE })).toMatchObject({ status: Status.UndefinedInstruction, gasUsed: FRAME_GAS });
    expect(runCode(code, { fork: AFTER })).toMatchObject({ status: Status.Return, gasUsed: 3 + 3 + 15 });
    expect(outputWord(runCode(code, { fork: AFTER }).output)).toBe(0n);
  });

  it('0x0a is an empty account before and the point-evaluation precompile after', () => {
    // execution-spec-tests point_evaluation_precompile_calls "correct": a zero polynomial (versioned hash,
    // z = y = 0, commitment and proof at infinity). The output is FIELD_ELEMENTS_PER_BLOB (4096) ‖ BLS_MODULUS.
    const INFINITY = 'c0' + '00'.repeat(47);
    const input = '010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014' + '00'.repeat(64) + INFINITY + INFINITY;
    const code =
      ins(Op.CALLDATACOPY, 0, 0, 192) +
      call({ gas: 60000, to: precompile(10), argsSize: 192, retSize: 64 }) +
      op(Op.POP) + mload(0) + retTop();
    // CALLDATACOPY: 3 PUSHes (9) + 3 + memory 6 words (18) + copy 6 words (18) = 48. CALL: 21 PUSHes; before,
    // 0x0a is a cold non-precompile: 100 + 2500; after, a warm precompile: 100 + 50000. POP 2, MLOAD 6, retTop 12.
    const s = runCode(code, { fork: BEFORE, input });
    const c = runCode(code, { fork: AFTER, input });
    // Before, memory still holds the input: its first word is the versioned hash.
    expect(outputWord(s.output)).toBe(BigInt('0x' + input.slice(0, 64)));
    expect(outputWord(c.output)).toBe(4096n);
    expect(s.gasUsed).toBe(48 + 21 + 2600 + 2 + 6 + 12);
    expect(c.gasUsed).toBe(48 + 21 + 100 + 50000 + 2 + 6 + 12);
  });
});

describe('Cancun, EIP-7516: BLOBBASEFEE', () => {
  it('is undefined before; after, it pushes fake_exponential(1, excess, 3338477) for 2 gas', () => {
    // With excess blob gas 3338477 (= the update fraction) the fee is ⌊e⌋: the EIP's loop sums
    // 3338477 · (1 + 1 + 1/2 + 1/6 + …) with floored terms = 9074916, and ⌊9074916 / 3338477⌋ = 2.
    const code = op(Op.BLOBBASEFEE) + retTop();
    const env = { excessBlobGas: 3338477n };
    const s = runTx(code, { fork: BEFORE, env });
    expect(s.result.status).toBe('halt');
    expect(s.gasUsed).toBe(TX_GAS);
    const c = runTx(code, { fork: AFTER, env });
    expect(outputWord(c.output)).toBe(2n);
    expect(c.gasUsed).toBe(21000n + 2n + 15n);
    // With no excess blob gas: MIN_BASE_FEE_PER_BLOB_GAS = 1.
    expect(outputWord(runTx(code, { fork: AFTER }).output)).toBe(1n);
  });
});
