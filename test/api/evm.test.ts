// The everyday API: call (eth_call rules), estimateGas, createAccessList, send, deploy, sendRaw, snapshots,
// revert decoding, refund and intrinsic gas in results.
import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  ExecutionFailedError,
  Fork,
  TransactionRejectedError,
  bytesToHex,
  createEvm,
  signTransaction,
  stateRoot,
} from '../../src/index.js';
import { call, calldataload, deploy, log, mstore, op, push, ret, retTop, sload, sstore, staticcall } from '../helpers/bytecode.js';
import { A, B, C, KEY, ONE_ETHER, SENDER, alloc, requireTop, revertWithError, revertWithPanic } from './helpers.js';

const word = (n: bigint | number) => '0x' + BigInt(n).toString(16).padStart(64, '0');

describe('call', () => {
  it('returns the output and commits nothing (storage, nonce, balances)', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, 7) + push(42) + retTop() }) });
    const before = bytesToHex(stateRoot(evm.state));
    const r = evm.call({ from: SENDER, to: A });
    expect(r.status).toBe('success');
    expect(bytesToHex(r.output)).toBe(word(42));
    expect(evm.state.getStorage(A, 0n)).toBe(0n);
    expect(evm.state.getNonce(SENDER)).toBe(0n);
    expect(bytesToHex(stateRoot(evm.state))).toBe(before);
  });

  it('needs no funds, nonce or EOA: a call from a contract with a base fee above zero succeeds', () => {
    // BASEFEE (0x48) and GASPRICE (0x3a) read 0 in a call that offers no fee, as in geth.
    const evm = createEvm({ state: alloc({ [A]: op(0x48) + op(0x3a) + op(0x01) + retTop(), [B]: '00' }), block: { baseFee: 1_000n } });
    const r = evm.call({ from: B, to: A });
    expect(r.status).toBe('success');
    expect(bytesToHex(r.output)).toBe(word(0));
    // The same from an unfunded sender that names a fee is rejected for its balance.
    expect(() => evm.call({ from: B, to: A, maxFeePerGas: 2_000n })).toThrow(/TR_NoFunds/);
  });

  it('rejects what a call cannot pass: too little gas for intrinsic gas, value above the balance', () => {
    const evm = createEvm({ state: alloc({ [A]: '00' }) });
    expect(() => evm.call({ from: SENDER, to: A, gas: 20_000n })).toThrow(TransactionRejectedError);
    expect(() => evm.call({ from: SENDER, to: A, gas: 20_000n })).toThrow(/TR_IntrinsicGas: intrinsic gas 21000 exceeds gas limit 20000/);
    expect(() => evm.call({ from: SENDER, to: A, value: 2n * ONE_ETHER })).toThrow(/TR_NoFunds/);
  });

  it('creates a contract when `to` is absent, without deploying it', () => {
    const evm = createEvm({ state: alloc() });
    const r = evm.call({ from: SENDER, data: deploy(push(1) + retTop()) });
    expect(r.status).toBe('success');
    expect(r.createdAddress).toBe('0x6295ee1b4f6dd65047762f924ecd367c17eabf8f'); // createAddress(SENDER, 0)
    expect(evm.state.getCode(r.createdAddress!).length).toBe(0);
  });

  it('takes a fork by name; an unknown one is an error naming the option', () => {
    expect(createEvm({ fork: 'Cancun' }).fork).toBe(Fork.Cancun);
    expect(() => createEvm({ fork: 'Shanghaii' })).toThrow('fork: unknown fork name "Shanghaii"');
    expect(() => createEvm({ fork: 99 as Fork })).toThrow('fork: expected a Fork, got 99');
  });

  it('rejects a malformed address or hex with the field named', () => {
    const evm = createEvm();
    expect(() => evm.call({ to: 'not an address' })).toThrow(/^to: /);
    expect(() => evm.call({ to: A, data: '0xzz' })).toThrow(/^data: /);
  });
});

describe('revert decoding', () => {
  const cases = {
    error: revertWithError('insufficient balance'),
    panic: revertWithPanic(0x11),
    custom: push(0xdeadbeefn << 224n) + push(0) + op(0x52) + push(7) + push(4) + op(0x52) + push(36) + push(0) + op(0xfd),
    empty: push(0) + push(0) + op(0xfd),
  };
  const evm = createEvm({ state: alloc({ [A]: cases.error, [B]: cases.panic, [C]: cases.custom, '0x1000000000000000000000000000000000000004': cases.empty }) });

  it('Error(string)', () => {
    const r = evm.call({ from: SENDER, to: A });
    expect(r.status).toBe('revert');
    expect(r.error).toBe('execution reverted');
    expect(r.revert).toEqual({ kind: 'error', message: 'insufficient balance' });
  });

  it('Panic(uint256) with its meaning', () => {
    expect(evm.call({ from: SENDER, to: B }).revert).toEqual({ kind: 'panic', code: 0x11n, description: 'arithmetic overflow or underflow' });
  });

  it('a custom error: selector and data', () => {
    const r = evm.call({ from: SENDER, to: C }).revert;
    expect(r?.kind).toBe('custom');
    if (r?.kind !== 'custom') return;
    expect(r.selector).toBe('0xdeadbeef');
    expect(bytesToHex(r.data)).toBe(word(7));
  });

  it('no data', () => {
    expect(evm.call({ from: SENDER, to: '0x1000000000000000000000000000000000000004' }).revert).toEqual({ kind: 'empty', data: new Uint8Array(0) });
  });

  it('deploy throws ExecutionFailedError carrying the decoded revert', () => {
    const e = (() => {
      try {
        evm.deploy({ from: SENDER, data: revertWithError('no') });
      } catch (error) {
        return error;
      }
    })();
    expect(e).toBeInstanceOf(ExecutionFailedError);
    expect((e as Error).message).toMatch(/^execution reverted: no$/);
  });
});

describe('estimateGas', () => {
  // C stores a word (a cold zero-to-nonzero SSTORE: 22,100 gas); B calls C with all its gas and requires
  // success; A calls B the same way. Each CALL forwards only 63/64 of what is left, so the gas used by an
  // unconstrained run is not enough as a limit.
  const c = sstore(0, 1);
  const b = requireTop(call({ to: C }));
  const a = requireTop(call({ to: B }));
  const evm = createEvm({ state: alloc({ [A]: a, [B]: b, [C]: c }) });

  it('finds the least gas that succeeds through two levels of the 63/64 rule (one less fails)', () => {
    const estimate = evm.estimateGas({ from: SENDER, to: A });
    const unconstrained = evm.call({ from: SENDER, to: A });
    expect(unconstrained.status).toBe('success');
    expect(estimate).toBeGreaterThan(unconstrained.gasUsed); // the 63/64 rule at work
    expect(evm.call({ from: SENDER, to: A, gas: estimate }).status).toBe('success');
    expect(evm.call({ from: SENDER, to: A, gas: estimate - 1n }).status).not.toBe('success');
  });

  it('is 21,000 for a plain transfer, and throws the decoded revert for a call that always fails', () => {
    const reverting = createEvm({ state: alloc({ [A]: revertWithError('always') }) });
    expect(reverting.estimateGas({ from: SENDER, to: B, value: 1n })).toBe(21_000n);
    expect(() => reverting.estimateGas({ from: SENDER, to: A })).toThrow(/^execution reverted: always$/);
  });

  it('reports a call that needs more than the cap', () => {
    const loop = createEvm({ state: alloc({ [A]: op(0x5b) + push(0) + op(0x56) }) }); // JUMPDEST; JUMP(0)
    expect(() => loop.estimateGas({ from: SENDER, to: A, gas: 100_000n })).toThrow(/gas required exceeds allowance \(100000\)/);
  });

  it('with an error ratio stops early, above the minimum', () => {
    const exact = evm.estimateGas({ from: SENDER, to: A });
    const rough = evm.estimateGas({ from: SENDER, to: A }, { errorRatio: 0.1 });
    expect(rough).toBeGreaterThanOrEqual(exact);
    expect(Number(rough - exact) / Number(rough)).toBeLessThan(0.1);
  });
});

describe('createAccessList', () => {
  // A reads slot 5 of B and the balance of C, reads its own slot 1, and calls the SHA-256 precompile.
  const code = sload(1) + op(0x50) + mstore(0, calldataload(0)) + staticcall({ to: B, argsOffset: 0, argsSize: 32 }) + op(0x50) +
    push(BigInt(C)) + op(0x31) + op(0x50) + staticcall({ to: '0x0000000000000000000000000000000000000002' }) + op(0x50) + op(0x00);
  const evm = createEvm({ state: alloc({ [A]: code, [B]: sload(calldataload(0)) + retTop(), [C]: '00' }) });

  it("lists what the call touches but the sender, the recipient's address and precompiles; gas used is with that list", () => {
    const { accessList, gasUsed, result } = evm.createAccessList({ from: SENDER, to: A, data: word(5) });
    expect(result.status).toBe('success');
    expect(accessList).toEqual([
      { address: A, storageKeys: [1n] }, // the recipient's slots are kept (geth)
      { address: B, storageKeys: [5n] },
      { address: C, storageKeys: [] },
    ]);
    // Each listed address costs 2,400 and saves 2,500 (cold less warm access), each key 1,900 and saves 2,000;
    // A is listed for its slot, as geth lists it, though it is warm anyway: 2,400 more.
    const without = evm.call({ from: SENDER, to: A, data: word(5) });
    expect(gasUsed).toBe(without.gasUsed + 2_400n - 4n * 100n);
    const withList = evm.call({ from: SENDER, to: A, data: word(5), accessList });
    expect(withList.gasUsed).toBe(gasUsed);
  });
});

describe('send, deploy, sendRaw', () => {
  it('send fills nonce and fees (type 2: twice the base fee), commits, and charges the sender', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, calldataload(0)) }), block: { baseFee: 10n } });
    const estimate = evm.estimateGas({ from: SENDER, to: A, data: word(9) });
    const r = evm.send({ from: SENDER, to: A, data: word(9) });
    expect(r.status).toBe('success');
    expect(r.transaction).toMatchObject({ type: 2, nonce: 0n, maxFeePerGas: 20n, maxPriorityFeePerGas: 0n });
    expect(r.transaction.gasLimit).toBe(estimate);
    expect(evm.state.getStorage(A, 0n)).toBe(9n);
    expect(evm.state.getNonce(SENDER)).toBe(1n);
    expect(evm.state.getBalance(SENDER)).toBe(ONE_ETHER - r.gasUsed * 10n);
    expect(evm.send({ from: SENDER, to: A, data: word(10) }).transaction.nonce).toBe(1n);
  });

  it('send uses a legacy transaction before London and throws for a rejected transaction', () => {
    const evm = createEvm({ fork: Fork.Istanbul, state: alloc({ [A]: '00' }) });
    const r = evm.send({ from: SENDER, to: A });
    expect(r.transaction).toMatchObject({ type: 0, gasPrice: 0n, gasLimit: 21_000n });
    expect(() => evm.send({ from: SENDER, to: A, nonce: 5n })).toThrow(/TR_NonceTooHigh/);
  });

  it('deploy returns the address; the code is there', () => {
    const evm = createEvm({ state: alloc() });
    const runtime = push(0x2a) + retTop();
    const { address, status } = evm.deploy({ from: SENDER, data: deploy(runtime) });
    expect(status).toBe('success');
    expect(bytesToHex(evm.state.getCode(address))).toBe('0x' + runtime);
    expect(bytesToHex(evm.call({ to: address }).output)).toBe(word(0x2a));
  });

  it('sendRaw decodes, recovers the sender, checks the chain id, executes', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, 1) }) });
    const tx = { type: 2 as const, to: A, nonce: 0n, gasLimit: 100_000n, value: 0n, data: new Uint8Array(0), maxFeePerGas: 20n, maxPriorityFeePerGas: 1n };
    const wrongChain = signTransaction(tx, KEY, 5n);
    expect(() => evm.sendRaw(wrongChain.raw)).toThrow(/wrong chain id 5, the chain's is 1/);
    expect(() => evm.sendRaw('0x02c0')).toThrow(DecodeError);
    const signed = signTransaction(tx, KEY, 1n);
    const r = evm.sendRaw(bytesToHex(signed.raw));
    expect(r.status).toBe('success');
    expect(r.transaction.sender).toBe(SENDER);
    expect(bytesToHex(r.hash)).toBe(bytesToHex(signed.hash));
    expect(evm.state.getStorage(A, 0n)).toBe(1n);
    expect(() => evm.sendRaw(signed.raw)).toThrow(/TR_NonceTooLow/); // replay
  });
});

describe('results: refund and intrinsic gas', () => {
  it('a slot cleared earns the EIP-3529 refund; intrinsic gas counts the calldata', () => {
    const evm = createEvm({ state: alloc({ [A]: { code: sstore(0, 0), storage: { '0x00': '0x01' } } }) });
    const r = evm.send({ from: SENDER, to: A, data: '0x0001' });
    expect(r.intrinsicGas).toBe(21_000n + 4n + 16n);
    // SSTORE 1 → 0, cold: 2,100 + 2,900, refund 4,800 (capped at a fifth of the gas used).
    expect(r.gasRefund).toBe(4_800n);
    expect(r.gasUsed).toBe(21_020n + 3n + 3n + 5_000n - 4_800n);
  });

  it('state written between transactions is their original value (SSTORE priced as a change, not a new slot)', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, 2) }) });
    evm.state.setStorage(A, 0n, 1n);
    const r = evm.send({ from: SENDER, to: A });
    expect(r.gasUsed).toBe(21_000n + 6n + 2_100n + 2_900n); // 1 → 2: cold access and a modification
  });
});

describe('snapshot and revertTo', () => {
  it('undo whole transactions and direct writes; ids are used up; nested snapshots', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, calldataload(0)) + log(0, 0) }) });
    const root0 = bytesToHex(stateRoot(evm.state));
    const first = evm.snapshot();
    evm.send({ from: SENDER, to: A, data: word(1) });
    const root1 = bytesToHex(stateRoot(evm.state));
    const second = evm.snapshot();
    evm.send({ from: SENDER, to: A, data: word(2) });
    evm.state.setBalance(B, 5n);
    expect(evm.state.getStorage(A, 0n)).toBe(2n);
    evm.revertTo(second);
    expect(bytesToHex(stateRoot(evm.state))).toBe(root1);
    expect(evm.state.getStorage(A, 0n)).toBe(1n);
    evm.send({ from: SENDER, to: A, data: word(3) });
    evm.revertTo(first);
    expect(bytesToHex(stateRoot(evm.state))).toBe(root0);
    expect(evm.state.getNonce(SENDER)).toBe(0n);
    expect(() => evm.revertTo(first)).toThrow(/no snapshot 1/);
    expect(() => evm.revertTo(second)).toThrow(/no snapshot 2/);
  });

  it('a snapshot taken twice at the same point: reverting to the older drops the newer', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, 1) }) });
    const older = evm.snapshot();
    const newer = evm.snapshot();
    evm.send({ from: SENDER, to: A });
    evm.revertTo(older);
    expect(evm.state.getStorage(A, 0n)).toBe(0n);
    expect(() => evm.revertTo(newer)).toThrow(/no snapshot/);
    evm.send({ from: SENDER, to: A });
    expect(evm.state.getStorage(A, 0n)).toBe(1n); // no savepoint left open underneath
  });

  it('call() inside a snapshot leaves it intact', () => {
    const evm = createEvm({ state: alloc({ [A]: sstore(0, 1) + ret(0, 0) }) });
    const id = evm.snapshot();
    evm.call({ from: SENDER, to: A });
    evm.send({ from: SENDER, to: A });
    evm.revertTo(id);
    expect(evm.state.getStorage(A, 0n)).toBe(0n);
  });
});

describe('setBlock', () => {
  // BLOCKHASH(0), from block 1 or later.
  const blockHashOf0 = push(0) + op(0x40) + retTop();
  const hashOf0 = (evm: ReturnType<typeof createEvm>) => BigInt(bytesToHex(evm.call({ from: SENDER, to: A }).output));

  it("keeps the fields it is not given, BLOCKHASH's source among them", () => {
    const evm = createEvm({ state: alloc({ [A]: blockHashOf0 }), block: { number: 5n, blockHashes: new Map([[0n, 7n]]) } });
    evm.setBlock({ timestamp: 12n });
    expect(evm.block.number).toBe(5n);
    expect(evm.block.timestamp).toBe(12n);
    expect(hashOf0(evm)).toBe(7n);
  });

  it("lets the call's blockHashes or blockHash replace the other form the block had", () => {
    const evm = createEvm({ state: alloc({ [A]: blockHashOf0 }), block: { blockHash: () => 3n } });
    expect(hashOf0(evm)).toBe(3n);
    evm.setBlock({ blockHashes: new Map([[0n, word(9)]]) });
    expect(hashOf0(evm)).toBe(9n);
    evm.setBlock({ blockHash: (n) => n + 11n });
    expect(hashOf0(evm)).toBe(11n);
    // Both forms in one call are still ambiguous.
    expect(() => evm.setBlock({ blockHash: () => 1n, blockHashes: new Map() })).toThrow('blockEnv: give blockHash or blockHashes, not both');
  });
});
