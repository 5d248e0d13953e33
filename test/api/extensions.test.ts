// Extension points per EVM instance: custom precompiles and custom opcodes, known to the EIP-3155 tracer,
// the disassembler and the opcode counter, and absent from every other instance.
import { describe, expect, it } from 'vitest';
import { Eip3155Tracer, Status, bytesToHex, callTracer, createEvm, disassemble, opcodeCounter, type CustomOpcode, type Frame } from '../../src/index.js';
import { call, op, pop, push, retTop, staticcall } from '../helpers/bytecode.js';
import { A, SENDER, alloc } from './helpers.js';

const PRECOMPILE = '0x00000000000000000000000000000000000000ff';
const SHA256 = '0x0000000000000000000000000000000000000002';

/** Reverses its input; 100 gas plus 10 per byte; reports the caller in the last 20 bytes. */
function reverser(input: Uint8Array, gasLimit: number, message: { caller: string }) {
  const gasUsed = 100 + 10 * input.length;
  if (gasUsed > gasLimit) return { success: false, gasUsed: gasLimit, output: new Uint8Array(0) };
  const output = new Uint8Array(input.length + 20);
  output.set(input.slice().reverse());
  output.set(Buffer.from(message.caller.slice(2), 'hex'), input.length);
  return { success: true, gasUsed, output };
}

describe('custom precompiles', () => {
  // A sends the 2 bytes 0x0102 to the precompile and returns what comes back.
  const a = push(0x0102) + push(0) + op(0x52) + staticcall({ gas: 10_000, to: PRECOMPILE, argsOffset: 30, argsSize: 2, retOffset: 0, retSize: 22 }) + pop() + push(22) + push(0) + op(0xf3);

  it('run for the instance that has them, with the calling message, charged their gas', () => {
    const evm = createEvm({ state: alloc({ [A]: a }), precompiles: { [PRECOMPILE]: reverser } });
    const tracer = callTracer();
    const r = evm.call({ from: SENDER, to: A }, { tracer });
    expect(bytesToHex(r.output)).toBe('0x0201' + A.slice(2));
    const sub = tracer.result().calls![0];
    expect(sub).toMatchObject({ to: PRECOMPILE, gasUsed: '0x' + (100 + 20).toString(16), type: 'STATICCALL' });
  });

  it('are warm from the start (EIP-2929) and left out of access lists, like built-in ones', () => {
    const evm = createEvm({ state: alloc({ [A]: a }), precompiles: { [PRECOMPILE]: reverser } });
    expect(evm.createAccessList({ from: SENDER, to: A }).accessList).toEqual([]);
  });

  it('do not exist for other instances; replacing a built-in one affects only its instance', () => {
    const plain = createEvm({ state: alloc({ [A]: a }) });
    expect(bytesToHex(plain.call({ from: SENDER, to: A }).output)).toBe('0x' + '00'.repeat(22)); // no code there
    const code = staticcall({ gas: 10_000, to: SHA256, retOffset: 0, retSize: 32 }) + pop() + push(32) + push(0) + op(0xf3);
    const replaced = createEvm({ state: alloc({ [A]: code }), precompiles: { [SHA256]: () => ({ success: true, gasUsed: 1, output: new Uint8Array(32).fill(7) }) } });
    const builtIn = createEvm({ state: alloc({ [A]: code }) });
    expect(bytesToHex(replaced.call({ from: SENDER, to: A }).output)).toBe('0x' + '07'.repeat(32));
    expect(bytesToHex(builtIn.call({ from: SENDER, to: A }).output)).toBe('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('a precompile that throws leaves the state as it was', () => {
    const evm = createEvm({ state: alloc({ [A]: a }), precompiles: { [PRECOMPILE]: () => { throw new Error('boom'); } } });
    expect(() => evm.send({ from: SENDER, to: A, gas: 100_000n })).toThrow('boom');
    expect(evm.state.getNonce(SENDER)).toBe(0n);
    expect(evm.send({ from: SENDER, to: SENDER }).status).toBe('success'); // no savepoint left open
  });
});

describe('custom opcodes', () => {
  // DOUBLE (0x0c, unassigned in every fork): pops x, pushes 2x mod 2^256; 5 gas, plus 1 per call when x > 255.
  const DOUBLE: CustomOpcode = {
    code: 0x0c,
    name: 'DOUBLE',
    stackIn: 1,
    stackOut: 1,
    gas: 5,
    handler(frame: Frame) {
      const x = frame.pop();
      if (x > 255n && !frame.charge(1)) return Status.OutOfGas;
      frame.push((x * 2n) & ((1n << 256n) - 1n));
    },
  };
  const code = push(21) + op(0x0c) + retTop();

  it('run with their gas and stack rules; other instances see an undefined opcode', () => {
    const evm = createEvm({ state: alloc({ [A]: code }), opcodes: [DOUBLE] });
    const r = evm.call({ from: SENDER, to: A });
    expect(bytesToHex(r.output)).toBe('0x' + (42).toString(16).padStart(64, '0'));
    expect(r.gasUsed).toBe(21_000n + 3n + 5n + 3n + 3n + 3n + 3n + 3n); // PUSH1, DOUBLE, then retTop with memory
    const underflow = createEvm({ state: alloc({ [A]: op(0x0c) }), opcodes: [DOUBLE] }).call({ from: SENDER, to: A });
    expect(underflow).toMatchObject({ status: 'halt', error: 'stack underflow (0 <=> 1)' }); // DOUBLE's own bound
    expect(createEvm({ state: alloc({ [A]: code }) }).call({ from: SENDER, to: A })).toMatchObject({ status: 'halt', error: 'invalid opcode: opcode 0xc not defined' });
  });

  it('are named by the EIP-3155 tracer, the disassembler and the opcode counter', () => {
    const evm = createEvm({ state: alloc({ [A]: code }), opcodes: [DOUBLE] });
    let lines = '';
    const trace = new Eip3155Tracer({ write: (text) => (lines += text) });
    evm.call({ from: SENDER, to: A }, { tracer: trace });
    trace.flush();
    const step = JSON.parse(lines.split('\n')[1]);
    expect(step).toMatchObject({ pc: 2, op: 12, gasCost: '0x5', opName: 'DOUBLE', stack: ['0x15'] });
    expect(evm.disassemble('0x' + code).slice(0, 2)).toEqual([' 0 PUSH1 0x15', ' 2 DOUBLE']);
    expect(disassemble(Buffer.from(code, 'hex'))[1]).toBe(' 2 opcode 0xc not defined'); // the default table does not know it
    const counter = opcodeCounter();
    evm.call({ from: SENDER, to: A }, { tracer: counter });
    expect(counter.result().DOUBLE).toBe(1);
  });

  it('must take an unassigned byte and well-formed fields', () => {
    expect(() => createEvm({ opcodes: [{ ...DOUBLE, code: 0x01 }] })).toThrow('custom opcode "DOUBLE": 0x01 is already ADD in Osaka (custom opcodes take unassigned bytes)');
    expect(() => createEvm({ opcodes: [{ ...DOUBLE, code: 0xfe }] })).toThrow(/designated INVALID/);
    expect(() => createEvm({ opcodes: [DOUBLE, DOUBLE] })).toThrow(/0x0c is already DOUBLE/);
    expect(() => createEvm({ opcodes: [{ ...DOUBLE, stackIn: -1 }] })).toThrow(/stackIn must be an integer in 0\.\.1024, got -1/);
  });

  it('work in nested frames', () => {
    const evm = createEvm({ state: alloc({ [A]: call({ gas: 10_000, to: '0x1000000000000000000000000000000000000002', retOffset: 0, retSize: 32 }) + pop() + push(32) + push(0) + op(0xf3), '0x1000000000000000000000000000000000000002': code }), opcodes: [DOUBLE] });
    expect(bytesToHex(evm.call({ from: SENDER, to: A }).output)).toBe('0x' + (42).toString(16).padStart(64, '0'));
  });
});
