/**
 * The translation tier: a contract's basic blocks become JavaScript functions (compiled once with
 * `new Function`, cached by code and bounded in number and size), run in place of the interpreter for code
 * that runs often. The interpreter stays the reference and the tracing path: translated code hands any
 * block it cannot run exactly (gas or stack short at its entry, an undefined opcode) back to it.
 *
 * A program is cut into chunks of blocks that jump to each other (groupBlocks), each one function compiled
 * when control first enters it, so a 24 KB contract of JUMPDESTs or one huge straight line never makes a function too large for V8
 * to optimise. Jumps inside a chunk are a `switch` on the block; a jump out of it returns to runTranslated,
 * which enters the chunk of the destination.
 */
import type { Frame } from '../frame.js';
import type { AnalyzedCode } from '../analysis.js';
import type { Handler } from '../instructions/index.js';
import { Status } from '../status.js';
import * as word from '../../primitives/word.js';
import { bytesToHex } from '../../primitives/bytes.js';
import { BlockEnd, findBlocks, type Block } from './blocks.js';
import { GOTO, chunkSource, type ChunkInput } from './emit.js';
import { PRIMITIVE_NAMES } from './fold.js';

/** When code is translated: by heat (`auto`), all of it before it runs, or never (the interpreter alone). */
export type TranslationMode = 'auto' | 'always' | 'never';

/**
 * Taken jumps to one destination after which it is hot (auto): its loop runs in translated code from then
 * on. Heat is halved every HEAT_HALVING frames that start in the code, so a destination reached once or
 * twice per frame (straight-line code, a dispatcher) never gets hot however often the code runs: V8 runs
 * generated code in its bytecode interpreter until the code is hot for V8 too, and there the tuned
 * interpreter loop is faster (docs/PERFORMANCE.md).
 */
const HOT = 64;
const HEAT_HALVING = 16;
/** A threshold no heat reaches: the interpreter never hands over. */
const NEVER = 0x7fffffff;

let mode: TranslationMode = 'auto';
let hot = HOT;

/**
 * Sets when code is translated, for every execution in this thread (tests and benchmarks compare them);
 * `hotAfter` moves the auto threshold (tests use a small one so that runs switch tiers often).
 */
export function setTranslationMode(next: TranslationMode, hotAfter = HOT): void {
  mode = next;
  hot = Math.max(1, hotAfter | 0);
}

/** The current translation mode. */
export function translationMode(): TranslationMode {
  return mode;
}

/** The heat at which the interpreter hands a jump destination to translated code. */
export function hotThreshold(): number {
  return mode === 'never' ? NEVER : mode === 'always' ? 0 : hot;
}

/**
 * Frames after which a code is translated whole, all its destinations hot, when its program has at most
 * WHOLE_CODE_CHUNKS chunks: code that runs as a straight line once per frame (a token transfer, swap_math)
 * never gets hot jumps, yet a code started this often will run often enough for V8 to optimise its few
 * chunks, and then it runs ~2x faster translated (docs/PERFORMANCE.md, "Session 4"). A large code stays
 * with the heat: each of its many chunks would run in V8's unoptimised tiers for a long time first
 * (memory_grow_mload, 107 chunks, was slower translated after 5 s of runs).
 */
const WHOLE_CODE_FRAMES = 256;
const WHOLE_CODE_CHUNKS = 24;

/** Counts a frame starting in `code`; every HEAT_HALVING of them, the heat of destinations not yet hot halves. */
export function frameStarts(code: AnalyzedCode): void {
  if (code.frames < WHOLE_CODE_FRAMES) code.frames++;
  if (++code.starts < HEAT_HALVING) return;
  code.starts = 0;
  const heat = code.heat;
  const threshold = hot;
  for (let i = 0; i < heat.length; i++) if (heat[i] > 0 && heat[i] < threshold) heat[i] >>= 1;
}

/**
 * Instructions per chunk at most (a chunk is one generated function). TurboFan's compile time grows faster
 * than the function: at 600 blocks a chunk took 0.3–3.6 s to optimise here, at ~100 instructions ~0.1 s.
 */
const CHUNK_INSTRUCTIONS = 100;
/**
 * Codes with more blocks than this stay interpreted: a loop through thousands of tiny blocks (24 KB of
 * JUMPDESTs) crosses hundreds of chunks per iteration and ran 6–7× slower translated.
 */
const MAX_BLOCKS = 4096;
/** Programs kept (by code and tables), and the code bytes they may cover in total, before the oldest go. */
const MAX_PROGRAMS = 512;
const MAX_PROGRAM_BYTES = 8 << 20;

type ChunkFn = (frame: Frame, blk: number) => number;

/** A translated code: its blocks, which chunk holds each, and the chunks compiled so far. */
export interface Program {
  readonly input: Omit<ChunkInput, 'chunk' | 'members'>;
  /** Block index at each block's first offset, -1 elsewhere. */
  readonly blockAt: Int32Array;
  /** The chunk entered for each block (a block may also be copied into other chunks, see withCallees). */
  readonly chunkOf: Int32Array;
  /** The blocks of each chunk, in their order in its function. */
  readonly chunks: number[][];
  readonly fns: (ChunkFn | undefined)[];
  readonly env: object;
}

const programs = new WeakMap<AnalyzedCode, Program>();
/** Translated programs by tables and code bytes, oldest first: the same code in a new array reuses one. */
const byContent = new Map<string, Program>();
let programBytes = 0;
const tableIds = new WeakMap<object, number>();
let nextTableId = 0;

/**
 * The program to run `code` in from its start, every destination hot, when the code is translated whole
 * (mode 'always', or a small code that has started WHOLE_CODE_FRAMES frames in mode 'auto'); else null.
 */
export function wholeProgramOf(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[]): Program | null {
  if (mode === 'never' || (mode === 'auto' && (code.frames < WHOLE_CODE_FRAMES || notWhole.has(code)))) return null;
  const program = programOf(code, gasTable, handlers, 0);
  if (program !== null && mode === 'auto' && program.chunks.length > WHOLE_CODE_CHUNKS) {
    notWhole.add(code);
    return null;
  }
  return program;
}

/** Codes found too large to translate whole. */
const notWhole = new WeakSet<AnalyzedCode>();

/**
 * The translated program of `code` under these tables, jumps to destinations below heat `threshold` handing
 * back to the interpreter (built on first use, then cached); null: interpret it.
 */
export function programOf(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[], threshold = hotThreshold()): Program | null {
  const program = programs.get(code);
  if (program !== undefined && program.input.gasTable === gasTable && program.input.handlers === handlers && program.input.hot === threshold) {
    return program;
  }
  if (untranslatable.has(code)) return null;
  const built = translate(code, gasTable, handlers, threshold);
  if (built.input.blocks.length > MAX_BLOCKS) {
    untranslatable.add(code);
    return null;
  }
  programs.set(code, built);
  return built;
}

/** Codes found to have too many blocks. */
const untranslatable = new WeakSet<AnalyzedCode>();

function translate(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[], threshold: number): Program {
  const key = `${threshold}/${idOf(gasTable)}/${idOf(handlers)}/${bytesToHex(code.padded.subarray(0, code.length))}`;
  const cached = byContent.get(key);
  if (cached !== undefined) {
    byContent.delete(key); // most recently used goes last
    byContent.set(key, cached);
    return cached;
  }
  const program = build(code, gasTable, handlers, threshold);
  byContent.set(key, program);
  programBytes += code.length;
  for (const [oldKey, old] of byContent) {
    if (byContent.size <= MAX_PROGRAMS && programBytes <= MAX_PROGRAM_BYTES) break;
    byContent.delete(oldKey);
    programBytes -= old.input.code.length;
  }
  return program;
}

function idOf(table: object): number {
  let id = tableIds.get(table);
  if (id === undefined) tableIds.set(table, (id = nextTableId++));
  return id;
}

function build(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[], hot: number): Program {
  const blocks: Block[] = findBlocks(code, gasTable);
  const blockAt = new Int32Array(code.length + 33).fill(-1);
  blocks.forEach((b, i) => (blockAt[b.start] = i));
  const { chunkOf, chunks } = groupBlocks(code, blocks, blockAt);
  const primitives: Record<string, unknown> = {};
  for (const name of PRIMITIVE_NAMES) primitives[name] = word[name];
  const env = {
    M: word.MAX_U256, T: word.TWO_256, LEN: BigInt(code.length), JD: code.jumpdests, BA: blockAt,
    ST: Int32Array.from(blocks, (b) => b.start), H: handlers, W: primitives, S64: word.SCRATCH_WORD, S32: word.SCRATCH_HALVES,
  };
  const input = { code, blocks, blockAt, handlers, gasTable, hot };
  return { input, blockAt, chunkOf, chunks, fns: new Array(chunks.length), env };
}

/**
 * Chunks: blocks in depth-first order along the edges a block's code shows (the next block when it runs on,
 * its static jump, and every JUMPDEST it pushes: solc's return addresses), cut every CHUNK_INSTRUCTIONS.
 * A loop and the internal functions it calls then mostly share a chunk, and jumps between them stay inside
 * one function (a jump out of the chunk costs a return to runTranslated and a call).
 */
function groupBlocks(code: AnalyzedCode, blocks: readonly Block[], blockAt: Int32Array): { chunkOf: Int32Array; chunks: number[][] } {
  const chunkOf = new Int32Array(blocks.length).fill(-1);
  const chunks: number[][] = [];
  let current: number[] = [];
  let size = 0;
  const visited = new Uint8Array(blocks.length);
  const stack: number[] = [];
  const edge = (pc: number): void => {
    const b = pc < blockAt.length ? blockAt[pc] : -1;
    if (b >= 0 && visited[b] === 0) stack.push(b);
  };
  for (let root = 0; root < blocks.length; root++) {
    if (visited[root] === 1) continue;
    stack.push(root);
    while (stack.length > 0) {
      const b = stack.pop()!;
      if (visited[b] === 1) continue;
      visited[b] = 1;
      const block = blocks[b];
      if (size > 0 && size + block.ops.length > CHUNK_INSTRUCTIONS) {
        chunks.push(current);
        current = [];
        size = 0;
      }
      current.push(b);
      chunkOf[b] = chunks.length;
      size += block.ops.length;
      // Pushed last, popped first: pushed destinations, then the block that follows (laid out next).
      for (let k = block.ops.length - 1; k >= 0; k--) {
        const destination = pushedJumpdest(code, block, k);
        if (destination >= 0) edge(destination);
      }
      if (block.end !== BlockEnd.Jump && block.end !== BlockEnd.Stop && block.end !== BlockEnd.Halt) edge(block.next);
    }
  }
  if (current.length > 0) chunks.push(current);
  for (const chunk of chunks) withCallees(code, blocks, blockAt, chunk);
  return { chunkOf, chunks };
}

/** Instructions of callee copies a chunk may take in, and the largest callee body copied. */
const CALLEE_INSTRUCTIONS = CHUNK_INSTRUCTIONS;
const CALLEE_MAX = 48;

/**
 * Copies into `chunk` the bodies of the small internal functions its blocks call (solc's `PUSH ret …
 * PUSH f JUMP`): the callee's blocks along its fall-through and static-jump edges up to its returns. A
 * function called from many chunks (a fixed-point helper) otherwise costs two chunk transfers per call, the
 * call and the return; as a copy, both are jumps inside the chunk. Copies only add cases to the chunk's
 * switch: every block still runs the same code, and the chunk each block is entered at stays its own.
 */
function withCallees(code: AnalyzedCode, blocks: readonly Block[], blockAt: Int32Array, chunk: number[]): void {
  const members = new Set(chunk);
  let budget = CALLEE_INSTRUCTIONS;
  for (let i = 0; i < chunk.length && budget > 0; i++) {
    const block = blocks[chunk[i]];
    if (block.end !== BlockEnd.Jump || !pushesJumpdest(code, block, block.ops.length - 2)) continue;
    const callee = staticTarget(code, blockAt, block);
    if (callee < 0 || members.has(callee)) continue;
    const body = calleeBody(code, blocks, blockAt, callee, members, Math.min(CALLEE_MAX, budget));
    if (body === null) continue;
    for (const b of body) members.add(b);
    chunk.push(...body);
    budget -= body.reduce((n, b) => n + blocks[b].ops.length, 0);
  }
}

/** The JUMPDEST that instruction `k` of `block` pushes, when it is a PUSH of one; else -1. */
function pushedJumpdest(code: AnalyzedCode, block: Block, k: number): number {
  const op = block.ops[k];
  if (k < 0 || op < 0x60 || op > 0x7f) return -1;
  const value = code.pushValues[block.pcs[k] + 1];
  return value < BigInt(code.length) && code.jumpdests[Number(value)] === 1 ? Number(value) : -1;
}

/** Whether an instruction of `block` before index `before` pushes a JUMPDEST (a return address). */
function pushesJumpdest(code: AnalyzedCode, block: Block, before: number): boolean {
  for (let k = 0; k < before; k++) if (pushedJumpdest(code, block, k) >= 0) return true;
  return false;
}

/** The block a JUMP/JUMPI at the end of `block` goes to when its destination is the PUSH before it; else -1. */
function staticTarget(code: AnalyzedCode, blockAt: Int32Array, block: Block): number {
  const destination = pushedJumpdest(code, block, block.ops.length - 2);
  return destination < 0 ? -1 : blockAt[destination];
}

/**
 * The blocks of the function entered at `entry`, in layout order (each fall-through next to its source),
 * when they are at most `limit` instructions and none is already in the chunk; else null.
 */
function calleeBody(code: AnalyzedCode, blocks: readonly Block[], blockAt: Int32Array, entry: number, members: ReadonlySet<number>, limit: number): number[] | null {
  const body: number[] = [];
  const seen = new Set<number>();
  const stack = [entry];
  let size = 0;
  while (stack.length > 0) {
    const b = stack.pop()!;
    if (seen.has(b)) continue;
    seen.add(b);
    if (members.has(b)) return null;
    const block = blocks[b];
    size += block.ops.length;
    if (size > limit) return null;
    body.push(b);
    if (block.end === BlockEnd.Jump || block.end === BlockEnd.JumpI) {
      const target = staticTarget(code, blockAt, block);
      if (target >= 0) stack.push(target);
    }
    if (block.end === BlockEnd.Fall || block.end === BlockEnd.JumpI || block.end === BlockEnd.Call) {
      const next = block.next < blockAt.length ? blockAt[block.next] : -1;
      if (next >= 0) stack.push(next); // popped first: laid out right after its source
    }
  }
  return body;
}

/** A chunk that could not be compiled: its blocks are interpreted. */
const interpretChunk: ChunkFn = () => Status.Continue;

function compileChunk(program: Program, chunk: number): ChunkFn {
  let fn: ChunkFn;
  try {
    const { source } = chunkSource({ ...program.input, chunk, members: program.chunks[chunk] });
    fn = new Function('env', source)(program.env) as ChunkFn;
  } catch {
    fn = interpretChunk; // never expected; the interpreter is always a correct fallback
  }
  program.fns[chunk] = fn;
  return fn;
}

/**
 * Runs `frame` in translated code from frame.pc until it ends, suspends for a call, or reaches something
 * only the interpreter runs: then Status.Continue, with the frame's registers exact at an instruction.
 */
export function runTranslated(frame: Frame, program: Program): Status {
  for (;;) {
    const block = program.blockAt[frame.pc] ?? -1;
    if (block < 0) return Status.Continue;
    const chunk = program.chunkOf[block];
    const fn = program.fns[chunk] ?? compileChunk(program, chunk);
    const status = fn(frame, block);
    if (status !== GOTO) return status as Status;
  }
}
