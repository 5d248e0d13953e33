/**
 * JavaScript source for a chunk of basic blocks (see tier.ts). Inside a block the EVM stack is modelled at
 * translation time: a value pushed and consumed within the block lives in a JavaScript local and never
 * touches the stack array; the array is written only where the block ends or before a handler runs (which
 * reads its operands from the array). Gas and stack bounds are checked once at the block's entry; a failing
 * check hands the block to the interpreter, which then reports the exact error at the exact instruction.
 * Pure word operations call the same primitives as the handlers (primitives/word.ts); everything else
 * calls the handler itself, with pc, sp and the exact gas written to the frame first.
 */
import { OPCODES } from '../opcodes.js';
import { Status } from '../status.js';
import type { AnalyzedCode } from '../analysis.js';
import type { Handler } from '../instructions/index.js';
import { HANDLERS } from '../instructions/index.js';
import { BlockEnd, type Block } from './blocks.js';
import { BlockWriter, type Entry } from './stack-model.js';
import { IDENTITY, PRIMITIVE_NAMES, folded, reduced } from './fold.js';
import { LOW_HALF } from '../../primitives/word.js';

/** What a chunk returns when control leaves it for another chunk; frame.pc is then the entry to go to. */
export const GOTO = -2;

/** What the generated code of one chunk needs to know about the program. */
export interface ChunkInput {
  readonly code: AnalyzedCode;
  readonly blocks: readonly Block[];
  readonly blockAt: Int32Array;
  /** This chunk's number and its blocks, in the order their cases are written (tier.ts groups them). */
  readonly chunk: number;
  readonly members: readonly number[];
  readonly handlers: readonly Handler[];
  /** The base-gas table the blocks were measured with. */
  readonly gasTable: Int32Array;
  /** A jump to a destination whose heat is below this leaves for the interpreter (tier.ts). */
  readonly hot: number;
}

/** A chunk being written: its input and the set of its blocks. */
interface Chunk extends ChunkInput {
  readonly inChunk: ReadonlySet<number>;
}

const MEMORY_FAST_LIMIT = '4294967296n';


/** Inline forms of pure two-operand instructions: A is the top of the stack, B the next. */
const BINARY: Record<number, string> = {
  0x02: 'let R = A * B; if (R > M) R &= M;', // MUL
  0x04: 'const R = B === 0n ? 0n : A / B;', // DIV
  0x05: 'const R = sdiv256(A, B);', // SDIV
  0x06: 'const R = B === 0n ? 0n : A % B;', // MOD
  0x07: 'const R = smod256(A, B);', // SMOD
  0x0b: 'const R = signExtend256(A, B);', // SIGNEXTEND
  0x16: 'const R = A & B;', // AND
  0x17: 'const R = A | B;', // OR
  0x18: 'const R = A ^ B;', // XOR
  0x1a: 'const R = byte256(A, B);', // BYTE
  0x1b: 'const R = A >= 256n ? 0n : (B << A) & M;', // SHL
  0x1c: 'const R = A >= 256n ? 0n : B >> A;', // SHR
  0x1d: 'const R = sar256(A, B);', // SAR
};

/** Comparisons: R is a JavaScript boolean. */
const COMPARE: Record<number, string> = {
  0x10: 'A < B', // LT
  0x11: 'A > B', // GT
  0x12: 'slt256(A, B)', // SLT
  0x13: 'slt256(B, A)', // SGT
  0x14: 'A === B', // EQ
};

/** The source of a chunk: a function(env) returning the chunk's runner `(frame, blk) => status`. */
export function chunkSource(input: ChunkInput): { source: string; handlerOps: number[] } {
  const counter = { n: 0 };
  const used = new Set<number>();
  const cases: string[] = [];
  const chunk: Chunk = { ...input, inChunk: new Set(input.members) };
  input.members.forEach((block, position) => {
    cases.push(`case ${block}: {\n${blockBody(chunk, block, position, counter, used).join('\n')}\n}`);
  });
  const handlerOps = [...used].sort((a, b) => a - b);
  const source = [
    '"use strict";',
    'const { M, T, LEN, JD, BA, ST, H, W, S64, S32 } = env;',
    ...PRIMITIVE_NAMES.map((name) => `const ${name} = W.${name};`),
    ...handlerOps.map((op) => `const h${op} = H[${op}];`),
    `return function chunk${input.chunk}(frame, blk) {`,
    'const stack = frame.stack, HEAT = frame.code.heat;',
    'let sp = frame.sp, gas = frame.gas, s = 0;',
    'for (;;) {',
    'switch (blk) {',
    ...cases,
    // A block of another chunk (a dynamic jump out of this one): runTranslated enters that chunk.
    `default: frame.pc = ST[blk]; frame.sp = sp; frame.gas = gas; return ${GOTO};`,
    '}',
    '}',
    '};',
  ].join('\n');
  return { source, handlerOps };
}

function blockBody(input: Chunk, index: number, position: number, counter: { n: number }, used: Set<number>): string[] {
  const block = input.blocks[index];
  const w = new BlockWriter(counter);
  const { cost, needMin, needMax } = block;
  const checks = [cost > 0 ? `gas < ${cost}` : '', needMin > 0 ? `sp < ${needMin}` : '', needMax < 1024 ? `sp > ${needMax}` : ''];
  const check = checks.filter((c) => c !== '').join(' || ');
  if (check !== '') w.lines.push(`if (${check}) { frame.pc = ${block.start}; frame.sp = sp; frame.gas = gas; return 0; }`);
  if (cost > 0) w.lines.push(`gas -= ${cost};`);
  let rest = cost; // base gas of the instructions after the current one: exact gas = gas + rest
  const last = block.ops.length - 1;
  for (let k = 0; k <= last; k++) {
    const op = block.ops[k];
    const pc = block.pcs[k];
    rest -= input.gasTable[op];
    const isEnd = k === last && block.end !== BlockEnd.Fall && block.end !== BlockEnd.Bail;
    if (isEnd) {
      endBlock(input, index, position, w, op, pc, rest, used);
      return w.lines;
    }
    instruction(input, w, op, pc, rest, used);
  }
  // Fall or Bail: the block stops before block.next.
  w.settle();
  if (block.end === BlockEnd.Bail) {
    w.lines.push(`frame.pc = ${block.next}; frame.sp = sp; frame.gas = gas; return 0;`);
  } else {
    fallTo(input, index, position, w);
  }
  return w.lines;
}

/** Continues into the block at the next offset: the next case, another case of this chunk, or another chunk. */
function fallTo(input: Chunk, index: number, position: number, w: BlockWriter): void {
  const next = input.blocks[index].next;
  const b = input.blockAt[next];
  if (b >= 0 && input.members[position + 1] === b) return; // its case follows
  if (b >= 0 && input.inChunk.has(b)) w.lines.push(`blk = ${b}; continue;`);
  else w.lines.push(`frame.pc = ${next}; frame.sp = sp; frame.gas = gas; return ${GOTO};`);
}

/** Writes a jump to `target` (a local or literal); the stack is settled. */
function jumpTo(input: Chunk, w: BlockWriter, target: Entry, after: number): void {
  const invalid = `{ frame.pc = ${after}; frame.sp = sp; frame.gas = gas; return ${Status.InvalidJump}; }`;
  if (target.lit !== undefined) {
    const d = target.lit;
    if (d >= BigInt(input.code.length) || input.code.jumpdests[Number(d)] !== 1) {
      w.lines.push(invalid);
      return;
    }
    const b = input.blockAt[Number(d)];
    if (input.hot > 0) w.lines.push(`if (HEAT[${d}] < ${input.hot}) { HEAT[${d}]++; frame.pc = ${d}; frame.sp = sp; frame.gas = gas; return 0; }`);
    if (input.inChunk.has(b)) w.lines.push(`blk = ${b}; continue;`);
    else w.lines.push(`frame.pc = ${d}; frame.sp = sp; frame.gas = gas; return ${GOTO};`);
    return;
  }
  const d = w.fresh();
  const b = w.fresh();
  w.lines.push(
    `const ${d} = ${target.e} < LEN ? ${low32(target.e)} : -1;`,
    `if (${d} < 0 || JD[${d}] !== 1) ${invalid}`,
    `const ${b} = BA[${d}];`,
    ...(input.hot > 0 ? [`if (HEAT[${d}] < ${input.hot}) { HEAT[${d}]++; frame.pc = ${d}; frame.sp = sp; frame.gas = gas; return 0; }`] : []),
    `blk = ${b}; continue;`, // the switch's default leaves for the chunk that holds it
  );
}

function endBlock(input: Chunk, index: number, position: number, w: BlockWriter, op: number, pc: number, rest: number, used: Set<number>): void {
  const block = input.blocks[index];
  switch (block.end) {
    case BlockEnd.Jump: {
      const target = w.pop();
      w.settle();
      jumpTo(input, w, target, block.next);
      return;
    }
    case BlockEnd.JumpI: {
      const target = w.pop();
      const cond = w.pop();
      w.settle();
      w.lines.push(`if (${cond.bool ?? `${cond.e} !== 0n`}) {`);
      jumpTo(input, w, target, block.next);
      w.lines.push('}');
      fallTo(input, index, position, w);
      return;
    }
    case BlockEnd.Stop:
      w.lines.push(`frame.pc = ${block.next}; frame.sp = sp + ${w.h}; frame.gas = gas; return ${Status.Stop};`);
      return;
    case BlockEnd.Halt:
      callHandler(w, op, pc, rest, used, false);
      w.lines.push('return s;');
      return;
    case BlockEnd.Call:
      callHandler(w, op, pc, rest, used, false);
      w.lines.push('if (s !== 0) return s;', 'gas = frame.gas;');
      w.handled(OPCODES[op]!.stackIn, OPCODES[op]!.stackOut);
      w.settle();
      fallTo(input, index, position, w);
      return;
  }
}

/**
 * Runs the handler of `op` on the frame: the array gets the stack, the frame pc, sp and exact gas. Inside a
 * branch (`branch`), the model is left as it was, for the caller to merge.
 */
function callHandler(w: BlockWriter, op: number, pc: number, rest: number, used: Set<number>, branch: boolean): void {
  w.spill(!branch);
  used.add(op);
  const info = OPCODES[op]!;
  for (let k = 0; k < info.stackOut; k++) w.wrote(w.h - info.stackIn + k);
  w.lines.push(`frame.sp = sp + ${w.h}; frame.pc = ${pc + 1}; frame.gas = gas + ${rest};`, `s = h${op}(frame);`);
}

/** After a handler that continues: back to the local gas; short of the rest of the block, the interpreter goes on. */
function afterHandler(w: BlockWriter, rest: number): void {
  w.lines.push('if (s !== 0) return s;', `gas = frame.gas - ${rest};`);
  if (rest > 0) w.lines.push('if (gas < 0) return 0;');
}

/** One instruction in the middle of a block. */
function instruction(input: Chunk, w: BlockWriter, op: number, pc: number, rest: number, used: Set<number>): void {
  if (op >= 0x60 && op <= 0x7f) {
    const v = input.code.pushValues[pc + 1];
    pushLiteral(w, v);
    return;
  }
  if (op >= 0x80 && op <= 0x8f) {
    w.push({ ...w.peek(op - 0x7f), dirty: true });
    return;
  }
  if (op >= 0x90 && op <= 0x9f) {
    w.swap(op - 0x8f);
    return;
  }
  if (op === 0x50) {
    w.pop();
    return;
  }
  if (op === 0x5b) return; // JUMPDEST: its gas is in the block's
  const inline = input.handlers[op] === HANDLERS[op];
  if (inline && inlined(w, op, pc, rest, used)) return;
  const info = OPCODES[op]!;
  callHandler(w, op, pc, rest, used, false);
  afterHandler(w, rest);
  w.handled(info.stackIn, info.stackOut);
}

/**
 * Pushes the result of a pure two-operand instruction (A the top, B the next): the other operand itself for
 * an identity, a literal when both are literals, else the statements' local.
 */
function pushBinary(w: BlockWriter, op: number, template: string, bool = false): void {
  const a = w.pop();
  const b = w.pop();
  for (const [keep, lit] of IDENTITY[op] ?? []) {
    const other = keep === 'A' ? b : a;
    if (other.lit === lit) {
      w.push({ ...(keep === 'A' ? a : b), dirty: true });
      return;
    }
  }
  const statements = template.replace(/\bA\b/g, a.e).replace(/\bB\b/g, b.e);
  if (a.lit !== undefined && b.lit !== undefined) pushLiteral(w, folded(statements, bool));
  else w.pushResult(reduced(op, a, b) ?? statements, bool);
}

/** Pushes a value known at translation time. */
function pushLiteral(w: BlockWriter, v: bigint): void {
  w.push({ e: `${v}n`, dirty: true, lit: v });
}

/**
 * Opens the block that runs with the memory offset `offset` as the number `o` when it is below 2^32; a
 * literal offset (solc's free-memory pointer at 0x40, Huff's fixed slots) is that number already.
 */
function smallOffset(offset: Entry, o: string): string {
  if (offset.lit !== undefined && offset.lit < 1n << 32n) return `{ const ${o} = ${offset.lit};`;
  return `if (${offset.e} < ${MEMORY_FAST_LIMIT}) { const ${o} = ${low32(offset.e)};`;
}

/** The number of a word expression known to be below 2^32 (the code length, MEMORY_FAST_LIMIT), inline. */
function low32(e: string): string {
  return `(S64[0] = ${e}, S32[${LOW_HALF}])`;
}

/** The inline form of `op`, if it has one (false: call the handler). */
function inlined(w: BlockWriter, op: number, pc: number, rest: number, used: Set<number>): boolean {
  const binary = BINARY[op];
  if (binary !== undefined) {
    pushBinary(w, op, binary);
    return true;
  }
  const compare = COMPARE[op];
  if (compare !== undefined) {
    pushBinary(w, op, `const R = ${compare};`, true);
    return true;
  }
  switch (op) {
    case 0x01: // ADD: compare-and-subtract wraps without allocating a mask
      pushBinary(w, op, 'let R = A + B; if (R > M) R -= T;');
      return true;
    case 0x03: // SUB
      pushBinary(w, op, 'let R = A - B; if (R < 0n) R += T;');
      return true;
    case 0x08: case 0x09: { // ADDMOD, MULMOD
      const a = w.pop();
      const b = w.pop();
      const n = w.pop();
      w.pushResult(`const R = ${op === 0x08 ? 'addmod256' : 'mulmod256'}(${a.e}, ${b.e}, ${n.e});`);
      return true;
    }
    case 0x15: { // ISZERO
      const a = w.pop();
      const statements = `const R = ${a.bool !== undefined ? `!${a.bool}` : `${a.e} === 0n`};`;
      if (a.lit !== undefined) pushLiteral(w, folded(statements, true));
      else w.pushResult(statements, true);
      return true;
    }
    case 0x19: { // NOT
      const a = w.pop();
      const statements = `const R = M ^ ${a.e};`;
      if (a.lit !== undefined) pushLiteral(w, folded(statements, false));
      else w.pushResult(statements);
      return true;
    }
    case 0x1e: // CLZ (EIP-7939)
      w.pushResult(`const R = BigInt(countLeadingZeros(${w.pop().e}));`);
      return true;
    case 0x5f: // PUSH0 (EIP-3855)
      pushLiteral(w, 0n);
      return true;
    case 0x58: // PC
      pushLiteral(w, BigInt(pc));
      return true;
    case 0x59: // MSIZE
      w.pushResult('const R = BigInt(frame.memSize);');
      return true;
    case 0x5a: // GAS: the exact gas left after this instruction, reserve included
      w.pushResult(`const R = frame.reserve === 0n ? BigInt(gas + ${rest}) : BigInt(gas + ${rest}) + frame.reserve;`);
      return true;
    case 0x51: { // MLOAD: inline, with an expansion the buffer holds paid from the local gas; else the handler
      const offset = w.peek(1);
      const t = w.fresh();
      const o = w.fresh();
      const z = w.fresh();
      const g = w.fresh();
      w.lines.push(
        `let ${t};`,
        smallOffset(offset, o),
        `if (${o} + 32 <= frame.fastSize) ${t} = readWordAt(frame.memView, ${o});`,
        // Memory past the old size is zero in the buffer (Frame keeps it so): a word there is 0n.
        `else { const ${z} = frame.memSize, ${g} = frame.growWithin(${o} + 32, gas); if (${g} >= 0) { gas = ${g}; ${t} = ${o} >= ${z} ? 0n : frame.loadWord(${o}); } } }`,
        `if (${t} === undefined) {`,
      );
      callHandler(w, op, pc, rest, used, true);
      afterHandler(w, rest);
      w.lines.push(`${t} = ${w.at(w.h - 1)};`, '}');
      w.pop();
      w.push({ e: t, dirty: true });
      return true;
    }
    case 0x52: { // MSTORE, likewise
      const offset = w.peek(1);
      const value = w.peek(2).e;
      const o = w.fresh();
      const g = w.fresh();
      w.lines.push(
        `let ${g} = -1;`,
        smallOffset(offset, o),
        `if (${o} + 32 <= frame.fastSize) { writeWordAt(frame.memView, ${o}, ${value}); ${g} = 0; }`,
        `else if ((${g} = frame.growWithin(${o} + 32, gas)) >= 0) { gas = ${g}; frame.storeWord(${o}, ${value}); } }`,
        `if (${g} < 0) {`,
      );
      callHandler(w, op, pc, rest, used, true);
      afterHandler(w, rest);
      w.lines.push('}');
      w.pop();
      w.pop();
      return true;
    }
  }
  return false;
}
