/**
 * Code analysis (src/evm/analysis.ts): the JUMPDEST bitmap, PUSH immediates and static jumps, and the
 * sharing of one analysis between equal codes held in different arrays (a factory's contracts).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/evm/analysis.js';

/** PUSH2 0x0004, JUMP, INVALID, JUMPDEST, then `filler` bytes of JUMPDEST/PUSH1 data, and STOP. */
function code(filler: number, mark = 0x5b): Uint8Array {
  const bytes = new Uint8Array(6 + filler + 1);
  bytes.set([0x61, 0x00, 0x05, 0x56, 0xfe, 0x5b]);
  for (let i = 0; i < filler; i += 2) bytes.set([0x60, mark], 6 + i); // PUSH1 0x5b: data, not a JUMPDEST
  return bytes;
}

describe('analyze', () => {
  it('finds JUMPDEST opcodes, not PUSH data, and the static jump', () => {
    const a = analyze(code(8));
    expect(Array.from(a.jumpdests.subarray(0, 14))).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(a.pushValues[1]).toBe(5n);
    expect(a.jumpTargets[1]).toBe(5);
    expect(a.padded.length).toBe(a.length + 33);
  });

  it('gives equal large codes in different arrays one analysis, and other codes their own', () => {
    const first = code(4000);
    const equal = first.slice();
    const other = code(4000, 0x5c); // same length, different bytes
    expect(analyze(equal)).toBe(analyze(first));
    expect(analyze(other)).not.toBe(analyze(first));
    expect(analyze(other).pushValues[7]).toBe(0x5cn);
  });
});
