/**
 * evmkit's EIP-3155 lines for failing instructions against the lines geth's JSON logger prints for them,
 * field by field. The expected lines are written here from what geth's code does (go-ethereum):
 *
 * - core/vm/interpreter.go, Run: `cost` is set to the operation's constant gas before the stack checks; a
 *   stack error, a constant-gas shortfall, a memory size that overflows 64 bits ('gas uint64 overflow')
 *   and any error of the dynamic-gas function (wrapped as 'out of gas: <error>') or a dynamic-gas
 *   shortfall return before OnOpcode: the deferred handler then prints ONE line with the error, `gasCost`
 *   being the constant gas, plus the dynamic gas once it was computed. Otherwise OnOpcode prints the line
 *   (before memory is resized) and the operation executes; an error it returns is reported by OnFault,
 *   which the JSON logger prints as a SECOND line: same pc, op, gas and cost, the stack and memory as the
 *   operation left them, and no return data (OnFault has none to give).
 * - core/vm/errors.go: 'stack underflow (%d <=> %d)' (height, required), 'stack limit reached %d (%d)'
 *   (height, the op's maximum), 'invalid opcode: %s' with the op's name, 'opcode 0x%x not defined' for an
 *   unassigned byte (core/vm/opcodes.go); 'execution reverted', 'invalid jump destination', 'write
 *   protection', 'return data out of bounds', 'out of gas', 'gas uint64 overflow'.
 * - core/vm/gas_table.go: SSTORE's dynamic gas fails first with 'not enough gas for reentrancy sentry'
 *   when no more than 2300 gas is left (EIP-2200); instructions.go: opSstore refuses a static frame
 *   before popping its operands, opRevert and opJump pop theirs first.
 * - eth/tracers/logger/gen_structlog.go: fields in the order pc, op, gas, gasCost, memory, memSize, stack,
 *   returnData, depth, refund, opName, error; memory and returnData omitted when empty.
 */
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { CallKind, type Message } from '../../src/evm/host.js';
import { Op } from '../../src/evm/opcodes.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { WorldState } from '../../src/state/world.js';
import { stateTestBlockHash } from '../../src/statetest/env.js';
import { StateHost } from '../../src/transition/host.js';
import type { AccountInit } from '../../src/transition/types.js';
import { Eip3155Tracer } from '../../src/trace/eip3155.js';
import { call, jump, jumpi, mstore, op, push, revert, sstore, staticcall } from '../helpers/bytecode.js';

const SENDER = '0x000000000000000000000000000073656e646572';
const RECEIVER = '0x0000000000000000000000007265636569766572';
const CALLEE = '0x00000000000000000000000000000000000000cc';

type Line = Record<string, unknown>;

function account(code: string): AccountInit {
  return { nonce: 0n, balance: 0n, code: hexToBytes(code), storage: new Map() };
}

/** Runs `code` at RECEIVER as a bare message call (as `evm run` does) and returns the parsed lines. */
function trace(code: string, { gas = 100_000n, fork = Fork.Cancun, memory = false, others = {} as Record<string, AccountInit> } = {}): Line[] {
  const state = WorldState.fromAlloc(new Map([[RECEIVER, account(code)], ...Object.entries(others)]));
  let text = '';
  const tracer = new Eip3155Tracer({ write: (t) => (text += t), refund: () => state.refund, memory });
  const context = {
    fork, origin: SENDER, gasPrice: 0n, coinbase: '0x0000000000000000000000000000000000000000',
    number: 1n, timestamp: 0n, gasLimit: gas, baseFee: 7n, prevRandao: 0n, chainId: 1n, blobBaseFee: 1n, blobHashes: [],
  } as const;
  const host = new StateHost(state, context, stateTestBlockHash, tracer);
  if (fork >= Fork.Berlin) for (const a of [SENDER, RECEIVER, ...host.precompileAddresses()]) state.warmAccount(a);
  const message: Message = {
    kind: CallKind.Call, caller: SENDER, recipient: RECEIVER, codeAddress: RECEIVER, value: 0n,
    input: new Uint8Array(0), gas, depth: 0, isStatic: false,
  };
  const result = host.call(message);
  tracer.summary({ output: result.output, gasUsed: gas - result.gasLeft, error: tracer.topLevel?.error });
  return text.trimEnd().split('\n').map((l) => JSON.parse(l) as Line);
}

/** A line as geth's StructLog marshals it: its fields in geth's order, memory and returnData only when set. */
function geth(l: {
  pc: number; op: number; gas: number | bigint; gasCost: number | bigint; memory?: string; memSize: number;
  stack: string[]; depth?: number; refund?: number; opName: string; error?: string;
}): Line {
  const out: Line = { pc: l.pc, op: l.op, gas: '0x' + l.gas.toString(16), gasCost: '0x' + l.gasCost.toString(16) };
  if (l.memory !== undefined) out.memory = l.memory;
  out.memSize = l.memSize;
  out.stack = l.stack;
  out.depth = l.depth ?? 1;
  out.refund = l.refund ?? 0;
  out.opName = l.opName;
  if (l.error !== undefined) out.error = l.error;
  return out;
}

/** Field by field, in order: the same keys in the same order with the same values. */
function expectLines(actual: Line[], expected: Line[]): void {
  expect(actual.map((l) => Object.keys(l))).toEqual(expected.map((l) => Object.keys(l)));
  expect(actual).toEqual(expected);
}

const G = 100_000;

describe("fault lines as geth's JSON logger prints them", () => {
  it('REVERT: its line, then a fault line with the stack after its two pops and the memory it expanded', () => {
    // MSTORE(0, 0xaa); REVERT(0, 32)
    const lines = trace(mstore(0, 0xaa) + revert(0, 32), { memory: true });
    const word = '0x' + 'aa'.padStart(64, '0');
    const at = G - 6 - 6 - 6; // three PUSH1 and the MSTORE (3 + 3 memory), two PUSH1
    expectLines(lines.slice(5, 7), [
      geth({ pc: 9, op: Op.REVERT, gas: at, gasCost: 0, memory: word, memSize: 32, stack: ['0x20', '0x0'], opName: 'REVERT' }),
      geth({ pc: 9, op: Op.REVERT, gas: at, gasCost: 0, memory: word, memSize: 32, stack: [], opName: 'REVERT', error: 'execution reverted' }),
    ]);
    expect(lines[7]).toEqual({ output: 'aa'.padStart(64, '0'), gasUsed: '0x12', error: 'execution reverted' });
  });

  it('REVERT that expands memory: the op line before the expansion, the fault line after it', () => {
    const lines = trace(revert(0, 64));
    expectLines(lines.slice(2), [
      geth({ pc: 4, op: Op.REVERT, gas: G - 6, gasCost: 6, memSize: 0, stack: ['0x40', '0x0'], opName: 'REVERT' }),
      geth({ pc: 4, op: Op.REVERT, gas: G - 6, gasCost: 6, memSize: 64, stack: [], opName: 'REVERT', error: 'execution reverted' }),
    ].concat([{ output: '0'.repeat(128), gasUsed: '0xc', error: 'execution reverted' }]));
  });

  it('invalid JUMP and JUMPI: the fault line shows the stack after the pops (one for JUMP, two for JUMPI)', () => {
    expectLines(trace(push(0xff) + jump(5)).slice(2, 4), [
      geth({ pc: 4, op: Op.JUMP, gas: G - 6, gasCost: 8, memSize: 0, stack: ['0xff', '0x5'], opName: 'JUMP' }),
      geth({ pc: 4, op: Op.JUMP, gas: G - 6, gasCost: 8, memSize: 0, stack: ['0xff'], opName: 'JUMP', error: 'invalid jump destination' }),
    ]);
    expectLines(trace(jumpi(0x20, 1)).slice(2, 4), [
      geth({ pc: 4, op: Op.JUMPI, gas: G - 6, gasCost: 10, memSize: 0, stack: ['0x1', '0x20'], opName: 'JUMPI' }),
      geth({ pc: 4, op: Op.JUMPI, gas: G - 6, gasCost: 10, memSize: 0, stack: [], opName: 'JUMPI', error: 'invalid jump destination' }),
    ]);
  });

  it("an undefined opcode: a line costing 0, then the fault 'invalid opcode: opcode 0xc not defined'", () => {
    const lines = trace(push(1) + '0c');
    expectLines(lines.slice(1), [
      geth({ pc: 2, op: 0x0c, gas: G - 3, gasCost: 0, memSize: 0, stack: ['0x1'], opName: 'opcode 0xc not defined' }),
      geth({ pc: 2, op: 0x0c, gas: G - 3, gasCost: 0, memSize: 0, stack: ['0x1'], opName: 'opcode 0xc not defined', error: 'invalid opcode: opcode 0xc not defined' }),
      { output: '', gasUsed: '0x186a0', error: 'invalid opcode: opcode 0xc not defined' },
    ]);
    // An opcode of a later fork carries its name; 0xFE is INVALID.
    expect(trace('5f', { fork: Fork.London })[1]).toMatchObject({ opName: 'PUSH0', gasCost: '0x0', error: 'invalid opcode: PUSH0' });
    expect(trace('fe')[1]).toMatchObject({ opName: 'INVALID', error: 'invalid opcode: INVALID' });
  });

  it('stack underflow: one line, costing the base gas, with the height and what the op needs', () => {
    expectLines(trace(push(1) + op(Op.ADD)).slice(1, 2), [
      geth({ pc: 2, op: Op.ADD, gas: G - 3, gasCost: 3, memSize: 0, stack: ['0x1'], opName: 'ADD', error: 'stack underflow (1 <=> 2)' }),
    ]);
  });

  it('stack overflow: one line, costing the base gas, with the height and the highest height the op accepts', () => {
    const lines = trace(op(Op.PUSH0).repeat(1024) + push(1));
    expect(lines).toHaveLength(1024 + 2);
    const last = lines[1024];
    expect(Object.keys(last)).toEqual(['pc', 'op', 'gas', 'gasCost', 'memSize', 'stack', 'depth', 'refund', 'opName', 'error']);
    expect({ ...last, stack: (last.stack as string[]).length }).toEqual({
      ...geth({ pc: 1024, op: Op.PUSH1, gas: G - 2 * 1024, gasCost: 3, memSize: 0, stack: [], opName: 'PUSH1', error: 'stack limit reached 1024 (1023)' }),
      stack: 1024,
    });
    // DUP1 needs one item and adds one: the same limit.
    expect(trace(op(Op.PUSH0).repeat(1024) + op(Op.DUP1))[1024].error).toBe('stack limit reached 1024 (1023)');
  });

  it('memory out of gas: one line costing the base gas plus the expansion it could not pay', () => {
    // MSTORE at 2^20: 32769 words cost 3·32769 + 32769²/512 = 2,195,530 gas; with 100,000 there is none.
    const lines = trace(mstore(1 << 20, 1));
    const memory = 3 * 32769 + Math.floor((32769 * 32769) / 512);
    expectLines(lines.slice(2, 3), [
      geth({ pc: 6, op: Op.MSTORE, gas: G - 6, gasCost: 3 + memory, memSize: 0, stack: ['0x1', '0x100000'], opName: 'MSTORE', error: 'out of gas' }),
    ]);
    expect(lines[3]).toEqual({ output: '', gasUsed: '0x186a0', error: 'out of gas' });
  });

  it("memory beyond 64 bits: 'gas uint64 overflow' at the base cost; beyond geth's priced sizes: 'out of gas: …'", () => {
    expect(trace(mstore(1n << 64n, 1))[2]).toEqual(
      geth({ pc: 12, op: Op.MSTORE, gas: G - 6, gasCost: 3, memSize: 0, stack: ['0x1', '0x10000000000000000'], opName: 'MSTORE', error: 'gas uint64 overflow' }),
    );
    expect(trace(mstore(0x1fffffffe1n, 1))[2]).toMatchObject({ opName: 'MSTORE', gasCost: '0x3', error: 'out of gas: gas uint64 overflow' });
  });

  it('SSTORE out of gas: one line costing the whole price (cold slot and new value); at 2300 gas left, the sentry', () => {
    // Cancun, a cold slot from 0 to 1: 2100 + 20000. 10,006 gas: 10,000 left at the SSTORE.
    const oog = trace(sstore(0, 1), { gas: 10_006n });
    expectLines(oog.slice(2, 3), [
      geth({ pc: 4, op: Op.SSTORE, gas: 10_000, gasCost: 22_100, memSize: 0, stack: ['0x1', '0x0'], opName: 'SSTORE', error: 'out of gas' }),
    ]);
    const sentry = trace(sstore(0, 1), { gas: 2306n });
    expectLines(sentry.slice(2, 3), [
      geth({ pc: 4, op: Op.SSTORE, gas: 2300, gasCost: 0, memSize: 0, stack: ['0x1', '0x0'], opName: 'SSTORE', error: 'out of gas: not enough gas for reentrancy sentry' }),
    ]);
    expect(sentry[3]).toEqual({ output: '', gasUsed: '0x902', error: 'out of gas: not enough gas for reentrancy sentry' });
  });

  it('SSTORE in a static frame: its line with the price charged, then the fault with the stack not popped', () => {
    // STATICCALL into a callee that stores 1 at slot 0.
    const lines = trace(staticcall({ gas: 50_000, to: CALLEE }) + op(Op.STOP), { others: { [CALLEE]: account(sstore(0, 1)) } });
    const inner = lines.filter((l) => l.depth === 2);
    expectLines(inner.slice(2), [
      geth({ pc: 4, op: Op.SSTORE, gas: 50_000 - 6, gasCost: 22_100, memSize: 0, stack: ['0x1', '0x0'], depth: 2, opName: 'SSTORE' }),
      geth({ pc: 4, op: Op.SSTORE, gas: 50_000 - 6, gasCost: 22_100, memSize: 0, stack: ['0x1', '0x0'], depth: 2, opName: 'SSTORE', error: 'write protection' }),
    ]);
  });
});

describe('RETURNDATACOPY beyond the return data', () => {
  it('its line with the copy paid (3 base, 3 per word, 3 for the memory word), then the fault after three pops', () => {
    // RETURNDATACOPY(0, 0, 32) with no call made: 32 bytes asked of empty return data.
    const lines = trace(push(32) + push(0) + push(0) + op(Op.RETURNDATACOPY));
    expectLines(lines.slice(3, 5), [
      geth({ pc: 6, op: Op.RETURNDATACOPY, gas: G - 9, gasCost: 9, memSize: 0, stack: ['0x20', '0x0', '0x0'], opName: 'RETURNDATACOPY' }),
      geth({ pc: 6, op: Op.RETURNDATACOPY, gas: G - 9, gasCost: 9, memSize: 32, stack: [], opName: 'RETURNDATACOPY', error: 'return data out of bounds' }),
    ]);
  });
});

describe('CALL that fails at once', () => {
  it('without the funds for its value: the line costs what geth charges before the call, not what is left after', () => {
    // CALL(gas 0xffff, 0xcc, value 1, 0, 0, 0, 0) from an account with no balance; then STOP.
    const code = call({ gas: 0xffff, to: CALLEE, value: 1 }) + op(Op.STOP);
    const lines = trace(code);
    const pc = code.length / 2 - 2;
    const before = G - 7 * 3; // seven pushes
    // geth (gas_table.go, makeCallVariantGasCallEIP2929 and gasCall): 100 warm base; 2500 more for the cold
    // callee; 9000 for the value; 25000 for creating the (dead) callee; then the gas handed over, all but a
    // 64th of what is left, at most the 0xffff asked for.
    const dynamic = 2500 + 9000 + 25000;
    const left = before - 100 - dynamic;
    const forwarded = Math.min(0xffff, left - Math.floor(left / 64));
    const cost = 100 + dynamic + forwarded;
    expectLines(lines.slice(7, 9), [
      geth({ pc, op: Op.CALL, gas: before, gasCost: cost, memSize: 0, stack: ['0x0', '0x0', '0x0', '0x0', '0x1', '0xcc', '0xffff'], opName: 'CALL' }),
      // The call failed without running: the forwarded gas and the 2300 stipend come back, 0 is pushed.
      geth({ pc: pc + 1, op: Op.STOP, gas: before - cost + forwarded + 2300, gasCost: 0, memSize: 0, stack: ['0x0'], opName: 'STOP' }),
    ]);
  });
});

describe('a value transfer in a static frame', () => {
  it('CALL pays (cold callee, value, new account, the gas handed over) and is refused with its operands popped', () => {
    // STATICCALL into a callee that calls 0xdd with value 1 and gas 0 (geth's opCall pops all seven
    // operands, then refuses: 'write protection').
    const callee = call({ gas: 0, to: '0x00000000000000000000000000000000000000dd', value: 1 });
    const lines = trace(staticcall({ gas: 50_000, to: CALLEE }) + op(Op.STOP), { others: { [CALLEE]: account(callee) } });
    const inner = lines.filter((l) => l.depth === 2);
    const pc = callee.length / 2 - 1;
    const cost = 100 + 2500 + 9000 + 25000; // no gas handed over: 0 was asked
    expectLines(inner.slice(7), [
      geth({ pc, op: Op.CALL, gas: 50_000 - 21, gasCost: cost, memSize: 0, stack: ['0x0', '0x0', '0x0', '0x0', '0x1', '0xdd', '0x0'], depth: 2, opName: 'CALL' }),
      geth({ pc, op: Op.CALL, gas: 50_000 - 21, gasCost: cost, memSize: 0, stack: [], depth: 2, opName: 'CALL', error: 'write protection' }),
    ]);
  });
});
