/**
 * The translation tier: a contract's basic blocks become JavaScript functions (compiled once with
 * `new Function`, cached by code and bounded in number and size), run in place of the interpreter for code
 * that runs often. The interpreter stays the reference and the tracing path: translated code hands any
 * block it cannot run exactly (gas or stack short at its entry, an undefined opcode) back to it.
 *
 * A program is cut into chunks of consecutive blocks, each one function compiled when control first enters
 * it, so a 24 KB contract of JUMPDESTs or one huge straight line never makes a function too large for V8
 * to optimise. Jumps inside a chunk are a `switch` on the block; a jump out of it returns to runTranslated,
 * which enters the chunk of the destination.
 */
import type { Frame } from '../frame.js';
import type { AnalyzedCode } from '../analysis.js';
import type { Handler } from '../instructions/index.js';
import { Status } from '../status.js';
import * as word from '../../primitives/word.js';
import { bytesToHex } from '../../primitives/bytes.js';
import { findBlocks, type Block } from './blocks.js';
import { GOTO, PRIMITIVE_NAMES, chunkSource, type ChunkInput } from './emit.js';

/** When code is translated: by use (`auto`), always before it runs, or never (the interpreter alone). */
export type TranslationMode = 'auto' | 'always' | 'never';

let mode: TranslationMode = 'auto';
/** Jumps one interpreted run may take before its code is translated at once (a hot loop in a single run). */
const JUMPS_BEFORE_TRANSLATION = 500;
let jumps = JUMPS_BEFORE_TRANSLATION;

/**
 * Sets when code is translated, for every execution in this thread (tests and benchmarks compare them);
 * `jumpsBeforeTranslation` moves the point where an interpreted run switches to translated code (tests).
 */
export function setTranslationMode(next: TranslationMode, jumpsBeforeTranslation = JUMPS_BEFORE_TRANSLATION): void {
  mode = next;
  jumps = Math.max(1, jumpsBeforeTranslation | 0);
}

/** The jump budget of an interpreted run whose code is not translated yet. */
export function jumpBudget(): number {
  return jumps;
}

/** The current translation mode. */
export function translationMode(): TranslationMode {
  return mode;
}

/** Frames that start running a code before it is translated (auto): code run once stays interpreted. */
const RUNS_BEFORE_TRANSLATION = 2;
/** Instructions per chunk at most (a chunk is one generated function). */
const CHUNK_INSTRUCTIONS = Number(process.env.EVMKIT_CHUNK ?? 1200);
/** Programs kept (by code and tables), and the code bytes they may cover in total, before the oldest go. */
const MAX_PROGRAMS = 512;
const MAX_PROGRAM_BYTES = 8 << 20;

type ChunkFn = (frame: Frame, blk: number) => number;

/** A translated code: its blocks, which chunk holds each, and the chunks compiled so far. */
export interface Program {
  readonly input: Omit<ChunkInput, 'first' | 'end'>;
  /** Block index at each block's first offset, -1 elsewhere. */
  readonly blockAt: Int32Array;
  readonly chunkOf: Int32Array;
  readonly chunkBounds: number[];
  readonly fns: (ChunkFn | undefined)[];
  readonly env: object;
}

interface CodeTier {
  runs: number;
  program: Program | null;
}

const tiers = new WeakMap<AnalyzedCode, CodeTier>();
/** Translated programs by tables and code bytes, oldest first: the same code in a new array reuses one. */
const programs = new Map<string, Program>();
let programBytes = 0;
const tableIds = new WeakMap<object, number>();
let nextTableId = 0;

/**
 * The program to run `code` with, or null to interpret it. `starting`: the frame starts at its first
 * instruction (a resume after a call does not count as another use).
 */
export function programFor(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[], starting: boolean): Program | null {
  if (mode === 'never') return null;
  let tier = tiers.get(code);
  if (tier === undefined) tiers.set(code, (tier = { runs: 0, program: null }));
  const program = tier.program;
  if (program !== null && program.input.gasTable === gasTable && program.input.handlers === handlers) return program;
  if (mode === 'auto' && (!starting || ++tier.runs <= RUNS_BEFORE_TRANSLATION)) return null;
  return (tier.program = translate(code, gasTable, handlers));
}

/** The program for `code` now (its interpreted run is in a hot loop); null when translation is off. */
export function translateNow(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[]): Program | null {
  if (mode === 'never') return null;
  let tier = tiers.get(code);
  if (tier === undefined) tiers.set(code, (tier = { runs: 0, program: null }));
  const program = tier.program;
  if (program !== null && program.input.gasTable === gasTable && program.input.handlers === handlers) return program;
  return (tier.program = translate(code, gasTable, handlers));
}

function translate(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[]): Program {
  const key = `${idOf(gasTable)}/${idOf(handlers)}/${bytesToHex(code.padded.subarray(0, code.length))}`;
  const cached = programs.get(key);
  if (cached !== undefined) {
    programs.delete(key); // most recently used goes last
    programs.set(key, cached);
    return cached;
  }
  const program = build(code, gasTable, handlers);
  programs.set(key, program);
  programBytes += code.length;
  for (const [oldKey, old] of programs) {
    if (programs.size <= MAX_PROGRAMS && programBytes <= MAX_PROGRAM_BYTES) break;
    programs.delete(oldKey);
    programBytes -= old.input.code.length;
  }
  return program;
}

function idOf(table: object): number {
  let id = tableIds.get(table);
  if (id === undefined) tableIds.set(table, (id = nextTableId++));
  return id;
}

function build(code: AnalyzedCode, gasTable: Int32Array, handlers: readonly Handler[]): Program {
  const blocks: Block[] = findBlocks(code, gasTable);
  const blockAt = new Int32Array(code.length + 33).fill(-1);
  blocks.forEach((b, i) => (blockAt[b.start] = i));
  const chunkOf = new Int32Array(blocks.length);
  const chunkBounds = [0];
  let size = 0;
  for (let i = 0; i < blocks.length; i++) {
    const n = blocks[i].ops.length + 1;
    if (size > 0 && size + n > CHUNK_INSTRUCTIONS) {
      chunkBounds.push(i);
      size = 0;
    }
    size += n;
    chunkOf[i] = chunkBounds.length - 1;
  }
  chunkBounds.push(blocks.length);
  const primitives: Record<string, unknown> = {};
  for (const name of PRIMITIVE_NAMES) primitives[name] = word[name];
  const env = {
    M: word.MAX_U256, T: word.TWO_256, LEN: BigInt(code.length), JD: code.jumpdests, BA: blockAt, H: handlers, W: primitives,
  };
  const input = { code, blocks, blockAt, handlers, gasTable };
  return { input, blockAt, chunkOf, chunkBounds, fns: new Array(chunkBounds.length - 1), env };
}

/** A chunk that could not be compiled: its blocks are interpreted. */
const interpretChunk: ChunkFn = () => Status.Continue;

function compileChunk(program: Program, chunk: number): ChunkFn {
  let fn: ChunkFn;
  try {
    const { source } = chunkSource({ ...program.input, first: program.chunkBounds[chunk], end: program.chunkBounds[chunk + 1] });
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
