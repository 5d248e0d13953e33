// The ready tracers: geth's callTracer (JSON shape field by field, withLog), prestateTracer (and diffMode),
// the opcode counter, and the transaction and log hooks any tracer can use.
import { describe, expect, it } from 'vitest';
import { callTracer, createEvm, opcodeCounter, prestateTracer, type TransactionTracer } from '../../src/index.js';
import { call, delegatecall, log, op, pop, push, retTop, revert, sload, sstore, staticcall } from '../helpers/bytecode.js';
import { A, B, C, ONE_ETHER, SENDER, alloc, revertWithError } from './helpers.js';

const D = '0x1000000000000000000000000000000000000004';
const E = '0x1000000000000000000000000000000000000005';
const SHA256 = '0x0000000000000000000000000000000000000002';
const topic = (n: number) => '0x' + n.toString(16).padStart(64, '0');

describe('callTracer', () => {
  // A logs, calls B (returns 42), logs B's answer, STATICCALLs C (reverts with Error("nope")), DELEGATECALLs D
  // (logs in A's context), calls E (logs, then reverts: its log is dropped), calls B with 1 wei it does not
  // have (rejected before B runs), logs, and STATICCALLs the SHA-256 precompile.
  const a =
    log(0, 0) +
    call({ gas: 30_000, to: B, retOffset: 0, retSize: 32 }) + pop() +
    log(0, 32, 0xaa) +
    staticcall({ gas: 10_000, to: C }) + pop() +
    delegatecall({ gas: 5_000, to: D }) + pop() +
    call({ gas: 8_000, to: E }) + pop() +
    call({ gas: 3_000, to: B, value: 1 }) + pop() +
    log(0, 0, 0xbb) +
    staticcall({ gas: 1_000, to: SHA256 }) + pop() +
    op(0x00);
  const contracts = {
    [A]: a,
    [B]: push(42) + retTop(), // 18 gas
    [C]: revertWithError('nope'), // 54 gas
    [D]: log(0, 0, 0xdd) + op(0x00), // 759 gas
    [E]: log(0, 0, 0xee) + revert(0, 0), // 765 gas
  };

  it("matches geth's documented shape for a nested call, field by field (withLog)", () => {
    const evm = createEvm({ state: alloc(contracts) });
    const tracer = callTracer({ withLog: true });
    const r = evm.send({ from: SENDER, to: A, gas: 200_000n }, { tracer });
    expect(r.status).toBe('success');
    const top = tracer.result();
    // geth's field order: from, gas, gasUsed, to, input, output, error, revertReason, calls, logs, value, type;
    // empty output, error, revertReason, calls and logs are left out, quantities are hex.
    expect(Object.keys(top)).toEqual(['from', 'gas', 'gasUsed', 'to', 'input', 'calls', 'logs', 'value', 'type']);
    expect(top).toMatchObject({ from: SENDER, gas: '0x30d40', gasUsed: '0x' + r.gasUsed.toString(16), to: A, input: '0x', value: '0x0', type: 'CALL' });
    expect(top.logs).toEqual([
      { address: A, topics: [], data: '0x', position: '0x0' },
      { address: A, topics: [topic(0xaa)], data: topic(42), position: '0x1' },
      { address: A, topics: [topic(0xbb)], data: '0x', position: '0x5' },
    ]);
    const [b, c, d, e, rejected, sha] = top.calls!;
    expect(top.calls).toHaveLength(6);
    expect(Object.keys(b)).toEqual(['from', 'gas', 'gasUsed', 'to', 'input', 'output', 'value', 'type']);
    expect(b).toEqual({ from: A, gas: '0x7530', gasUsed: '0x12', to: B, input: '0x', output: topic(42), value: '0x0', type: 'CALL' });
    expect(Object.keys(c)).toEqual(['from', 'gas', 'gasUsed', 'to', 'input', 'output', 'error', 'revertReason', 'type']);
    expect(c).toMatchObject({ from: A, gas: '0x2710', gasUsed: '0x36', to: C, input: '0x', error: 'execution reverted', revertReason: 'nope', type: 'STATICCALL' });
    expect(c.output).toMatch(/^0x08c379a0/);
    expect(c.output!.length).toBe(2 + 200);
    expect(d).toEqual({
      from: A, gas: '0x1388', gasUsed: '0x2f7', to: D, input: '0x',
      logs: [{ address: A, topics: [topic(0xdd)], data: '0x', position: '0x0' }], // D's code runs as A
      value: '0x0', type: 'DELEGATECALL',
    });
    expect(e).toEqual({ from: A, gas: '0x1f40', gasUsed: '0x2fd', to: E, input: '0x', error: 'execution reverted', value: '0x0', type: 'CALL' });
    // The value call is given its gas plus the 2,300 stipend and fails before B runs, using nothing.
    expect(rejected).toEqual({ from: A, gas: '0x14b4', gasUsed: '0x0', to: B, input: '0x', error: 'insufficient balance for transfer', value: '0x1', type: 'CALL' });
    expect(sha).toEqual({
      from: A, gas: '0x3e8', gasUsed: '0x3c', to: SHA256, input: '0x',
      output: '0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', type: 'STATICCALL',
    });
    expect(JSON.parse(tracer.json())).toEqual(top);
  });

  it('without withLog has no logs; onlyTopCall has no calls; a reverted top frame carries output and reason', () => {
    const evm = createEvm({ state: alloc(contracts) });
    const plain = callTracer();
    evm.call({ from: SENDER, to: A, gas: 200_000n }, { tracer: plain });
    expect(plain.result().logs).toBeUndefined();
    expect(plain.result().calls).toHaveLength(6);
    const topOnly = callTracer({ onlyTopCall: true, withLog: true });
    evm.call({ from: SENDER, to: A, gas: 200_000n }, { tracer: topOnly });
    expect(topOnly.result().calls).toBeUndefined();
    expect(topOnly.result().logs).toHaveLength(3);
    const reverted = callTracer();
    const r = evm.call({ from: SENDER, to: C, gas: 50_000n }, { tracer: reverted });
    expect(reverted.result()).toMatchObject({ gas: '0xc350', gasUsed: '0x' + r.gasUsed.toString(16), error: 'execution reverted', revertReason: 'nope' });
  });

  it('a failed creation has no `to`; a successful one names the new address', () => {
    const evm = createEvm({ state: alloc() });
    const failed = callTracer();
    evm.call({ from: SENDER, data: revert(0, 0) }, { tracer: failed });
    expect(failed.result()).toMatchObject({ type: 'CREATE', error: 'execution reverted' });
    expect(failed.result().to).toBeUndefined();
    const ok = callTracer();
    const r = evm.call({ from: SENDER, data: push(0) + push(0) + op(0xf3) }, { tracer: ok });
    expect(ok.result()).toMatchObject({ type: 'CREATE', to: r.createdAddress });
  });
});

describe('prestateTracer', () => {
  // A, sent 5 wei: writes slot 0 (was 0), reads slot 1 (is 7) and C's balance.
  const a = sstore(0, 1) + sload(1) + pop() + push(BigInt(C)) + op(0x31) + pop() + op(0x00);
  const state = () => alloc({ [A]: { code: a, storage: { '0x01': '0x07' } }, [C]: { code: '00', balance: '0x9' } });
  const coinbase = '0x0000000000000000000000000000000000000000';

  it('reports every account and slot touched as it was before the transaction', () => {
    const evm = createEvm({ state: state() });
    const tracer = prestateTracer();
    evm.send({ from: SENDER, to: A, value: 5n }, { tracer });
    expect(tracer.result()).toEqual({
      [SENDER]: { balance: '0x' + ONE_ETHER.toString(16) },
      [A]: { balance: '0x0', code: '0x' + a, nonce: 1, storage: { [topic(0)]: topic(0), [topic(1)]: topic(7) } },
      [coinbase]: { balance: '0x0' },
      [C]: { balance: '0x9', code: '0x00', nonce: 1 },
    });
  });

  it('diffMode: only what changed, `post` with the changed fields', () => {
    const evm = createEvm({ state: state() });
    const tracer = prestateTracer({ diffMode: true });
    const r = evm.send({ from: SENDER, to: A, value: 5n }, { tracer });
    const price = r.transaction.type === 2 ? evm.block.baseFee : 0n; // tip 0: the price is the base fee
    expect(tracer.result()).toEqual({
      post: {
        [SENDER]: { balance: '0x' + (ONE_ETHER - 5n - r.gasUsed * price).toString(16), nonce: 1 },
        [A]: { balance: '0x5', storage: { [topic(0)]: topic(1) } },
      },
      pre: {
        [SENDER]: { balance: '0x' + ONE_ETHER.toString(16) },
        [A]: { balance: '0x0', code: '0x' + a, nonce: 1 },
      },
    });
  });
});

describe('opcode counter and tracer hooks', () => {
  it('counts instructions by name across frames', () => {
    const evm = createEvm({ state: alloc({ [A]: call({ gas: 1000, to: B }) + pop() + op(0x00), [B]: push(1) + pop() + op(0x00) }) });
    const counter = opcodeCounter();
    evm.call({ from: SENDER, to: A }, { tracer: counter });
    expect(counter.result()).toEqual({ PUSH1: 6, POP: 2, STOP: 2, CALL: 1, PUSH2: 1, PUSH20: 1 });
    expect(Object.keys(counter.result())).toEqual(['PUSH1', 'POP', 'STOP', 'CALL', 'PUSH2', 'PUSH20']); // most frequent first
    expect(counter.count).toBe(13);
  });

  it('onTxStart, onLog and onTxEnd see the transaction, each log and the result', () => {
    const evm = createEvm({ state: alloc({ [A]: log(0, 0, 1) + call({ gas: 5000, to: B }) + op(0x00), [B]: log(0, 0, 2) + op(0x00) }) });
    const seen: string[] = [];
    const tracer: TransactionTracer = {
      onTxStart: (tx, state) => seen.push(`start ${tx.sender} nonce ${state.getNonce(tx.sender)}`),
      onLog: (l) => seen.push(`log ${l.address} ${l.topics[0]}`),
      onTxEnd: (result, state) => seen.push(`end ${result.status} ${result.logs.length} nonce ${state.getNonce(SENDER)}`),
    };
    evm.send({ from: SENDER, to: A, gas: 100_000n }, { tracer });
    expect(seen).toEqual([`start ${SENDER} nonce 0`, `log ${A} 1`, `log ${B} 2`, 'end success 2 nonce 1']);
  });
});
