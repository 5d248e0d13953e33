/**
 * Translation-time arithmetic: constants folded by running the very statement a block would run, and the
 * identities that let an operand pass through an instruction (translate/emit.ts).
 */
import * as word from '../../primitives/word.js';
import type { Entry } from './stack-model.js';

/** Word primitives the generated code calls, by the names it uses (passed in as `W`), and that folding runs. */
export const PRIMITIVE_NAMES = [
  'readWordAt', 'writeWordAt', 'sdiv256', 'smod256', 'addmod256', 'mulmod256', 'signExtend256', 'byte256',
  'sar256', 'slt256', 'countLeadingZeros',
] as const;

/**
 * Identities: for an opcode, the operand (A, the top, or B) that is the result when the other one is the
 * given literal (ADD 0, MUL 1, SUB 0, DIV 1, AND all-ones, OR 0, XOR 0, a shift by 0). solc emits many of them
 * (`add(x, 0)` for a struct's first field).
 */
export const IDENTITY: Record<number, readonly (readonly ['A' | 'B', bigint])[]> = {
  0x01: [['A', 0n], ['B', 0n]],
  0x02: [['A', 1n], ['B', 1n]],
  0x03: [['A', 0n]],
  0x04: [['A', 1n]],
  0x16: [['A', word.MAX_U256], ['B', word.MAX_U256]],
  0x17: [['A', 0n], ['B', 0n]],
  0x18: [['A', 0n], ['B', 0n]],
  0x1b: [['B', 0n]],
  0x1c: [['B', 0n]],
};

/**
 * The value of the statements (assigning R) when every operand is a literal: computed now, by the same
 * text the block would run, so a folded constant cannot differ from the code it replaces.
 */
export function folded(statements: string, bool: boolean): bigint {
  let value = foldCache.get(statements);
  if (value === undefined) {
    const names = ['M', 'T', ...PRIMITIVE_NAMES];
    const args = [word.MAX_U256, word.TWO_256, ...PRIMITIVE_NAMES.map((name) => word[name])];
    const r = new Function(...names, `"use strict"; ${statements} return R;`)(...args) as bigint | boolean;
    value = bool ? (r === true ? 1n : 0n) : (r as bigint);
    if (foldCache.size >= FOLD_CACHE_LIMIT) foldCache.clear();
    foldCache.set(statements, value);
  }
  return value;
}
const foldCache = new Map<string, bigint>();
const FOLD_CACHE_LIMIT = 4096;

/** k when x = 2^k (k ≥ 1), else -1. */
function log2(x: bigint | undefined): number {
  if (x === undefined || x < 2n || (x & (x - 1n)) !== 0n) return -1;
  return x.toString(2).length - 1;
}

/**
 * Cheaper statements (assigning R) for MUL, DIV and MOD by a literal power of two, and for DIV by any other
 * non-zero literal (no zero test): a shift or a mask for V8's bigint division, which costs ~100 ns. sha1_divs,
 * and the code of compilers before shifts existed (Constantinople), divides by 2^k for every shift.
 * Operands as in the BINARY table: `a` the top of the stack, `b` the next.
 */
export function reduced(op: number, a: Entry, b: Entry): string | undefined {
  switch (op) {
    case 0x02: { // MUL: a · 2^k wraps as a shift
      const k = log2(b.lit);
      const [x, shift] = k > 0 ? [a.e, k] : [b.e, log2(a.lit)];
      return shift > 0 ? `let R = ${x} << ${shift}n; if (R > M) R &= M;` : undefined;
    }
    case 0x04: { // DIV: a / 2^k = a >> k
      const k = log2(b.lit);
      if (k > 0) return `const R = ${a.e} >> ${k}n;`;
      return b.lit !== undefined && b.lit !== 0n ? `const R = ${a.e} / ${b.e};` : undefined;
    }
    case 0x06: { // MOD: a mod 2^k = a & (2^k - 1)
      const k = log2(b.lit);
      return k > 0 ? `const R = ${a.e} & ${b.lit! - 1n}n;` : undefined;
    }
  }
  return undefined;
}
