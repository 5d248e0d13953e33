import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { CallKind, type Message } from '../../src/evm/host.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { WorldState } from '../../src/state/world.js';
import { stateTestBlockHash } from '../../src/statetest/env.js';
import { StateHost } from '../../src/transition/host.js';
import type { AccountInit } from '../../src/transition/types.js';
import { Eip3155Tracer, type Eip3155Options } from '../../src/trace/eip3155.js';

const SENDER = '0x000000000000000000000000000073656e646572';
const RECEIVER = '0x0000000000000000000000007265636569766572';
const CALLEE = '0x00000000000000000000000000000000000000cc';

function acct(code: string, storage: Record<string, bigint> = {}): AccountInit {
  return {
    nonce: 0n,
    balance: 0n,
    code: hexToBytes(code),
    storage: new Map(Object.entries(storage).map(([k, v]) => [BigInt(k), v])),
  };
}

/** Runs `code` at RECEIVER as a bare message call (no intrinsic gas) and returns the trace lines. */
function trace(code: string, options: Partial<Eip3155Options> = {}, extra: Record<string, AccountInit> = {}, gas = 100_000n) {
  const state = WorldState.fromAlloc(new Map([[RECEIVER, acct(code)], ...Object.entries(extra)]));
  let text = '';
  const tracer = new Eip3155Tracer({ write: (t) => (text += t), refund: () => state.refund, ...options });
  const host = new StateHost(
    state,
    {
      fork: Fork.Cancun, origin: SENDER, gasPrice: 0n, coinbase: '0x0000000000000000000000000000000000000000',
      number: 1n, timestamp: 0n, gasLimit: gas, baseFee: 7n, prevRandao: 0n, chainId: 1n, blobBaseFee: 1n, blobHashes: [],
    },
    stateTestBlockHash,
    tracer,
  );
  for (const a of [SENDER, RECEIVER, ...host.precompileAddresses()]) state.warmAccount(a);
  const message: Message = {
    kind: CallKind.Call, caller: SENDER, recipient: RECEIVER, codeAddress: RECEIVER, value: 0n,
    input: new Uint8Array(0), gas, depth: 0, isStatic: false,
  };
  const result = host.call(message);
  tracer.summary({ output: result.output, gasUsed: gas - result.gasLeft, error: tracer.topLevel?.error });
  const lines = text === '' ? [] : text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  return { lines, text, tracer };
}

describe('Eip3155Tracer', () => {
  it('prints one line per instruction in geth field order, then the summary', () => {
    const { text } = trace('6040');
    expect(text).toBe(
      '{"pc":0,"op":96,"gas":"0x186a0","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}\n' +
        '{"pc":2,"op":0,"gas":"0x1869d","gasCost":"0x0","memSize":0,"stack":["0x40"],"depth":1,"refund":0,"opName":"STOP"}\n' +
        '{"output":"","gasUsed":"0x3"}\n',
    );
  });

  it('includes dynamic costs (memory expansion) in gasCost and reports memSize before the op', () => {
    const { lines } = trace('60aa600052');
    expect(lines[2]).toMatchObject({ opName: 'MSTORE', gasCost: '0x6', memSize: 0 });
    expect(lines[3]).toMatchObject({ opName: 'STOP', memSize: 32 });
  });

  it('prints a CALL before the callee lines, with the forwarded gas in its cost', () => {
    // CALL(gas 0xffff, 0xcc, 0, 0, 0, 0, 0x20); callee returns 1 byte
    const { lines } = trace('602060006000600060007300000000000000000000000000000000000000cc61fffff100', {}, {
      [CALLEE]: acct('60016000526001601ff3'),
    });
    const names = lines.map((l) => `${l.depth}:${l.opName}`);
    expect(names.slice(7, 15)).toEqual(['1:CALL', '2:PUSH1', '2:PUSH1', '2:MSTORE', '2:PUSH1', '2:PUSH1', '2:RETURN', '1:STOP']);
    // 0xffff forwarded + 2600 cold access + 3 for one word of memory
    expect(lines[7].gasCost).toBe('0x' + (0xffff + 2600 + 3).toString(16));
    expect(lines[8].gas).toBe('0xffff');
    expect(lines.at(-1)).toEqual({ output: '', gasUsed: lines.at(-1)!.gasUsed });
  });

  it('counts no forwarded gas in CREATE (as geth) and prints no line for empty code', () => {
    // CREATE(0, 0, 0): empty initcode; then CALL to an account without code; STOP
    const { lines } = trace('600060006000f06000600060006000600061dead61fffff100', {}, {}, 1_000_000n);
    expect(lines.map((l) => `${l.depth}:${l.opName}`)).toEqual([
      '1:PUSH1', '1:PUSH1', '1:PUSH1', '1:CREATE', '1:PUSH1', '1:PUSH1', '1:PUSH1', '1:PUSH1', '1:PUSH1', '1:PUSH2', '1:PUSH2', '1:CALL', '1:STOP', 'undefined:undefined',
    ]);
    expect(lines[3].gasCost).toBe('0x7d00'); // 32000
    expect(lines[11].gasCost).toBe('0x' + (0xffff + 2600).toString(16)); // forwarded + cold account
  });

  it('marks the failing instruction with error and adds it to the summary (geth parity: test/trace/geth-parity.test.ts)', () => {
    const { lines } = trace('60006000fd');
    expect(lines[2]).toMatchObject({ opName: 'REVERT' });
    expect(lines[2]).not.toHaveProperty('error');
    expect(lines[3]).toMatchObject({ opName: 'REVERT', error: 'execution reverted' });
    expect(lines[4]).toEqual({ output: '', gasUsed: '0x6', error: 'execution reverted' });
    const oog = trace('6001600201', {}, {}, 5n).lines;
    expect(oog[1]).toMatchObject({ opName: 'PUSH1', gas: '0x2', gasCost: '0x3', error: 'out of gas' });
    expect(trace('5f56').lines[2]).toMatchObject({ opName: 'JUMP', error: 'invalid jump destination' });
  });

  it('reads the refund counter before each instruction', () => {
    // clearing a slot that held 2: the line after the SSTORE shows the refund
    const r = traceWithStorage();
    expect(r.at(-3)).toMatchObject({ opName: 'SSTORE', refund: 0, gasCost: '0x1388' });
    expect(r.at(-2)).toMatchObject({ opName: 'STOP', refund: 4800 });
  });

  it('adds memory and returnData where geth puts them, leaving either out when empty (geth omitempty)', () => {
    const { text } = trace('60aa60005200', { memory: true, returnData: true });
    const lines = text.trimEnd().split('\n');
    // geth's StructLog marshals memory and returnData with omitempty: an empty one is not printed.
    expect(lines[0]).toBe('{"pc":0,"op":96,"gas":"0x186a0","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}');
    expect(lines.at(-2)).toBe(
      '{"pc":5,"op":0,"gas":"0x18694","gasCost":"0x0","memory":"0x' + '00'.repeat(31) + 'aa",' +
        '"memSize":32,"stack":[],"depth":1,"refund":0,"opName":"STOP"}',
    );
  });

  it('prints returnData after a call returned data, and "stack":null without the stack', () => {
    // STATICCALL(0xffff, 0xcc, 0, 0, 0, 0); STOP: the callee returns the byte 0x01
    const { lines } = trace('600060006000600073' + CALLEE.slice(2) + '61fffffa00', { returnData: true, stack: false }, {
      [CALLEE]: acct('60016000526001601ff3'),
    });
    const stop = lines.at(-2)!;
    expect(stop).toMatchObject({ opName: 'STOP', depth: 1, returnData: '0x01', stack: null });
    expect(Object.keys(stop)).toEqual(['pc', 'op', 'gas', 'gasCost', 'memSize', 'stack', 'returnData', 'depth', 'refund', 'opName']);
    expect(lines.filter((l) => l.stack !== null && l.opName !== undefined)).toEqual([]);
  });

  it('records the depth-0 outcome (topLevel) and batches writes', () => {
    let writes = 0;
    const tracer = trace('60ff60005260206000f3', { write: () => writes++ }).tracer;
    expect(tracer.topLevel?.gasUsed).toBe(18n);
    expect(tracer.topLevel?.output.length).toBe(32);
    expect(writes).toBe(1);
  });
});

/** SSTORE 0 into a slot that held 2: a 4800 refund (EIP-3529). */
function traceWithStorage() {
  const state = WorldState.fromAlloc(new Map([[RECEIVER, acct('600060015500', { '1': 2n })]]));
  let text = '';
  const tracer = new Eip3155Tracer({ write: (t) => (text += t), refund: () => state.refund });
  const host = new StateHost(
    state,
    {
      fork: Fork.Cancun, origin: SENDER, gasPrice: 0n, coinbase: '0x0000000000000000000000000000000000000000',
      number: 1n, timestamp: 0n, gasLimit: 100_000n, baseFee: 7n, prevRandao: 0n, chainId: 1n, blobBaseFee: 1n, blobHashes: [],
    },
    stateTestBlockHash,
    tracer,
  );
  host.call({
    kind: CallKind.Call, caller: SENDER, recipient: RECEIVER, codeAddress: RECEIVER, value: 0n,
    input: new Uint8Array(0), gas: 100_000n, depth: 0, isStatic: false,
  });
  tracer.summary(tracer.topLevel!);
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}
