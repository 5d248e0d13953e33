/**
 * An instruction set: what the interpreter loop reads per opcode (base gas, stack bounds, handler) and what
 * tracers and the disassembler read (name, immediates), for one fork. The default set of each fork comes from
 * the opcode table; an EVM instance with custom opcodes builds its own set on top of it, so the opcode table
 * and the default set stay shared and unchanged (no process-wide registry to mutate).
 */
import { Fork, forkName } from '../forks/fork.js';
// opcodes.js before frame.js: frame → status → opcodes → frame is a cycle, and opcodes' tables need
// frame's STACK_LIMIT, so opcodes must be the module entered first.
import { OPCODES, STACK_MAX, STACK_MIN, UNDEFINED_OP, baseGasTable, opcodeName, type OpcodeInfo } from './opcodes.js';
import { STACK_LIMIT, type Frame } from './frame.js';
import { HANDLERS, type Handler } from './instructions/index.js';
import { Status } from './status.js';

/** The per-opcode data one interpreter run reads, for one fork. */
export interface InstructionSet {
  readonly fork: Fork;
  /** Facts of each opcode defined in this set (by byte), custom ones included. */
  readonly opcodes: ReadonlyArray<OpcodeInfo | undefined>;
  /** Base gas by byte; UNDEFINED_OP where this set has no opcode. */
  readonly gasTable: Int32Array;
  /** Minimum stack height per opcode. */
  readonly stackMin: Int32Array;
  /** Stack height above which the opcode would overflow. */
  readonly stackMax: Int32Array;
  readonly handlers: readonly Handler[];
  /** True when the set has custom opcodes (a compiling tier must then not assume the default tables). */
  readonly custom: boolean;
}

/** A custom opcode: its facts as the opcode table holds them, and the handler that runs it. */
export interface CustomOpcode {
  /** The byte (0x00–0xff); it must be unassigned in the fork the EVM runs. */
  readonly code: number;
  /** Mnemonic shown by tracers and the disassembler. */
  readonly name: string;
  /** Stack items the instruction needs (the loop checks for underflow before the handler runs). */
  readonly stackIn: number;
  /** Stack items after it replaced its inputs (the loop checks for overflow). */
  readonly stackOut: number;
  /** Base gas, charged by the loop before the handler runs; the handler charges dynamic gas itself. */
  readonly gas: number;
  /**
   * Does the work on `frame` (pop inputs, push outputs, `frame.charge(n)` for dynamic gas). Returns nothing
   * to continue, or a status to end the frame (e.g. OutOfGas when a charge fails).
   */
  readonly handler: (frame: Frame) => Status | void;
}

function stackBounds(opcodes: ReadonlyArray<OpcodeInfo | undefined>): { min: Int32Array; max: Int32Array } {
  const min = new Int32Array(256);
  const max = new Int32Array(256);
  for (let op = 0; op < 256; op++) {
    const info = opcodes[op];
    min[op] = info ? info.stackIn : 0;
    max[op] = info ? STACK_LIMIT - (info.stackOut - info.stackIn) : STACK_LIMIT;
  }
  return { min, max };
}

const defaults = new Map<Fork, InstructionSet>();

/** The fork's instruction set from the opcode table (cached; shared by every EVM without custom opcodes). */
export function defaultInstructionSet(fork: Fork): InstructionSet {
  let set = defaults.get(fork);
  if (set === undefined) {
    set = {
      fork,
      opcodes: OPCODES,
      gasTable: baseGasTable(fork),
      stackMin: STACK_MIN,
      stackMax: STACK_MAX,
      handlers: HANDLERS,
      custom: false,
    };
    defaults.set(fork, set);
  }
  return set;
}

/**
 * The fork's set with `custom` opcodes added. Throws an Error naming the opcode when its byte is already an
 * opcode of the fork, is given twice, or a field is out of range.
 */
export function buildInstructionSet(fork: Fork, custom: readonly CustomOpcode[]): InstructionSet {
  const base = defaultInstructionSet(fork);
  if (custom.length === 0) return base;
  const opcodes = [...base.opcodes];
  const gasTable = Int32Array.from(base.gasTable);
  const handlers = [...base.handlers];
  for (const op of custom) {
    checkCustom(op, gasTable, opcodes, fork);
    // No immediates: jump-destination analysis is shared by all sets and knows only PUSHn's.
    opcodes[op.code] = { code: op.code, name: op.name, immediate: 0, stackIn: op.stackIn, stackOut: op.stackOut, since: fork, gas: op.gas };
    gasTable[op.code] = op.gas;
    handlers[op.code] = wrapHandler(op);
  }
  const bounds = stackBounds(opcodes);
  return { fork, opcodes, gasTable, stackMin: bounds.min, stackMax: bounds.max, handlers, custom: true };
}

function checkCustom(op: CustomOpcode, gasTable: Int32Array, opcodes: ReadonlyArray<OpcodeInfo | undefined>, fork: Fork): void {
  const at = `custom opcode ${JSON.stringify(op.name)}`;
  if (!Number.isInteger(op.code) || op.code < 0 || op.code > 0xff) throw new Error(`${at}: code must be a byte (0x00–0xff), got ${op.code}`);
  const hex = `0x${op.code.toString(16).padStart(2, '0')}`;
  if (op.code === 0xfe) throw new Error(`${at}: ${hex} is the designated INVALID instruction`);
  if (gasTable[op.code] !== UNDEFINED_OP) {
    const name = opcodes[op.code]?.name ?? opcodeName(op.code, fork);
    throw new Error(`${at}: ${hex} is already ${name} in ${forkName(fork)} (custom opcodes take unassigned bytes)`);
  }
  if (typeof op.name !== 'string' || op.name === '') throw new Error(`custom opcode ${hex}: name must be a non-empty string`);
  if (typeof op.handler !== 'function') throw new Error(`${at}: handler must be a function`);
  for (const [field, value, limit] of [['stackIn', op.stackIn, STACK_LIMIT], ['stackOut', op.stackOut, STACK_LIMIT], ['gas', op.gas, 2 ** 31 - 1]] as const) {
    if (!Number.isInteger(value) || value < 0 || value > limit) throw new Error(`${at}: ${field} must be an integer in 0..${limit}, got ${value}`);
  }
}

/** Turns the user's handler into the loop's: `undefined` means Continue. */
function wrapHandler(op: CustomOpcode): Handler {
  const run = op.handler;
  return (frame: Frame): Status => {
    const status = run(frame);
    return status === undefined ? Status.Continue : status;
  };
}

/** The mnemonic of `op` in `set` ('DIFFICULTY' before Paris), or 'opcode 0x..' for an unassigned byte. */
export function opcodeNameIn(set: InstructionSet, op: number): string {
  if (set.custom && set.opcodes[op] !== OPCODES[op]) return set.opcodes[op]!.name;
  return opcodeName(op, set.fork);
}
