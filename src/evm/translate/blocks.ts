/**
 * Basic blocks of a contract for the translation tier: where execution can enter (the code's start, every
 * JUMPDEST, the instruction after a JUMPI or after a call returns), what each block runs, its base gas in
 * total and the stack heights it needs, so that the translated code checks gas and stack once per block.
 */
import { OPCODES } from '../opcodes.js';
import { STACK_LIMIT } from '../frame.js';
import type { AnalyzedCode } from '../analysis.js';

/** How a block ends: a plain object, as every enumeration the package declares (see test/package). */
export const BlockEnd = {
  /** Runs on into the block that starts where it stops (a JUMPDEST, or a split of a long block). */
  Fall: 0,
  Jump: 1,
  JumpI: 2,
  Stop: 3,
  /** A handler that always ends the frame (RETURN, REVERT, SELFDESTRUCT): its status is returned. */
  Halt: 4,
  /** A CALL/CREATE-family instruction: the frame may suspend; the next instruction is an entry. */
  Call: 5,
  /**
   * An opcode the fork does not define (or INVALID, or one without stack facts in the table): the interpreter
   * runs it and reports the error.
   */
  Bail: 6,
} as const;
/** How a block ends. */
export type BlockEnd = (typeof BlockEnd)[keyof typeof BlockEnd];

/** One basic block. */
export interface Block {
  /** Offset of the first instruction. */
  readonly start: number;
  /** Offsets and opcodes of the instructions it runs (for Bail, not the undefined one). */
  readonly pcs: number[];
  readonly ops: number[];
  readonly end: BlockEnd;
  /** Offset after the last instruction (for Bail: the offset of the undefined opcode). */
  readonly next: number;
  /** Sum of the base gas of its instructions. */
  readonly cost: number;
  /** The stack height at entry must be at least needMin and at most needMax, else an instruction fails. */
  readonly needMin: number;
  readonly needMax: number;
}

/** Instructions per block at most: a longer straight line is split (bounds the size of generated code). */
export const MAX_BLOCK_INSTRUCTIONS = 192;

const CALLS = new Set([0xf0, 0xf1, 0xf2, 0xf4, 0xf5, 0xfa]);

/** The blocks of `code` under the base-gas table `gasTable` (UNDEFINED_OP where a fork lacks an opcode). */
export function findBlocks(code: AnalyzedCode, gasTable: Int32Array): Block[] {
  const blocks: Block[] = [];
  const padded = code.padded;
  const length = code.length;
  let open = true; // the code's start is an entry
  let start = 0;
  let pcs: number[] = [];
  let ops: number[] = [];
  const close = (end: BlockEnd, next: number, stillOpen: boolean): void => {
    blocks.push(measure(start, pcs, ops, end, next, gasTable));
    pcs = [];
    ops = [];
    open = stillOpen;
    start = next;
  };
  let pc = 0;
  while (pc < length || (open && pc <= length + 32)) {
    const op = pc < length ? padded[pc] : 0; // past the end: the zero padding, a STOP
    if (op === 0x5b && pc < length) {
      if (open && pcs.length > 0) close(BlockEnd.Fall, pc, true);
      open = true;
      start = pc;
    }
    const info = OPCODES[op];
    const size = 1 + (info?.immediate ?? 0);
    if (!open) {
      pc += size;
      continue;
    }
    if (gasTable[op] < 0 || info === undefined) {
      close(BlockEnd.Bail, pc, false);
      pc += size;
      continue;
    }
    pcs.push(pc);
    ops.push(op);
    const next = pc + size;
    if (op === 0x56) close(BlockEnd.Jump, next, false);
    else if (op === 0x57) close(BlockEnd.JumpI, next, true);
    else if (op === 0x00) close(BlockEnd.Stop, next, false);
    else if (CALLS.has(op)) close(BlockEnd.Call, next, true);
    else if (info?.terminates === true) close(BlockEnd.Halt, next, false);
    else if (pcs.length >= MAX_BLOCK_INSTRUCTIONS) close(BlockEnd.Fall, next, true);
    pc = next;
  }
  return blocks;
}

function measure(start: number, pcs: number[], ops: number[], end: BlockEnd, next: number, gasTable: Int32Array): Block {
  let cost = 0;
  let height = 0;
  let needMin = 0;
  let needMax = STACK_LIMIT;
  for (const op of ops) {
    const info = OPCODES[op]!;
    cost += gasTable[op];
    needMin = Math.max(needMin, info.stackIn - height);
    needMax = Math.min(needMax, STACK_LIMIT - (info.stackOut - info.stackIn) - height);
    height += info.stackOut - info.stackIn;
  }
  return { start, pcs, ops, end, next, cost, needMin, needMax };
}
