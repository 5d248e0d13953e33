/**
 * The opcode table: the single source of truth for every opcode fact (name, immediate size, stack items
 * taken and pushed, fork introduced) and the base gas per fork, built as deltas from the previous fork so
 * that it reads as the fork changelog. The interpreter loop, the disassembler, the tracer names and the
 * per-opcode benchmarks all derive from it.
 */
import { Fork, LATEST_FORK } from '../forks/fork.js';
import { STACK_LIMIT } from './frame.js';

/** Static facts of one opcode. */
export interface OpcodeInfo {
  readonly code: number;
  readonly name: string;
  /** Bytes of immediate data after the opcode (PUSHn: n). */
  readonly immediate: number;
  /** Stack items required (popped or read). */
  readonly stackIn: number;
  /** Stack items after the instruction replaces its inputs. */
  readonly stackOut: number;
  /** The fork that introduced it. */
  readonly since: Fork;
  /** Base gas in the fork that introduced it. */
  readonly gas: number;
  /** Ends execution of the frame (STOP, RETURN, REVERT, SELFDESTRUCT, INVALID). */
  readonly terminates?: boolean;
}

/** Named opcode values, for handlers and tests. */
export const Op = {
  STOP: 0x00, ADD: 0x01, MUL: 0x02, SUB: 0x03, DIV: 0x04, SDIV: 0x05, MOD: 0x06, SMOD: 0x07,
  ADDMOD: 0x08, MULMOD: 0x09, EXP: 0x0a, SIGNEXTEND: 0x0b,
  LT: 0x10, GT: 0x11, SLT: 0x12, SGT: 0x13, EQ: 0x14, ISZERO: 0x15, AND: 0x16, OR: 0x17, XOR: 0x18,
  NOT: 0x19, BYTE: 0x1a, SHL: 0x1b, SHR: 0x1c, SAR: 0x1d, CLZ: 0x1e,
  KECCAK256: 0x20,
  ADDRESS: 0x30, BALANCE: 0x31, ORIGIN: 0x32, CALLER: 0x33, CALLVALUE: 0x34, CALLDATALOAD: 0x35,
  CALLDATASIZE: 0x36, CALLDATACOPY: 0x37, CODESIZE: 0x38, CODECOPY: 0x39, GASPRICE: 0x3a,
  EXTCODESIZE: 0x3b, EXTCODECOPY: 0x3c, RETURNDATASIZE: 0x3d, RETURNDATACOPY: 0x3e, EXTCODEHASH: 0x3f,
  BLOCKHASH: 0x40, COINBASE: 0x41, TIMESTAMP: 0x42, NUMBER: 0x43, PREVRANDAO: 0x44, GASLIMIT: 0x45,
  CHAINID: 0x46, SELFBALANCE: 0x47, BASEFEE: 0x48, BLOBHASH: 0x49, BLOBBASEFEE: 0x4a,
  POP: 0x50, MLOAD: 0x51, MSTORE: 0x52, MSTORE8: 0x53, SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56,
  JUMPI: 0x57, PC: 0x58, MSIZE: 0x59, GAS: 0x5a, JUMPDEST: 0x5b, TLOAD: 0x5c, TSTORE: 0x5d,
  MCOPY: 0x5e, PUSH0: 0x5f, PUSH1: 0x60, PUSH32: 0x7f, DUP1: 0x80, DUP16: 0x8f, SWAP1: 0x90,
  SWAP16: 0x9f, LOG0: 0xa0, LOG4: 0xa4,
  CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3, DELEGATECALL: 0xf4, CREATE2: 0xf5,
  STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe, SELFDESTRUCT: 0xff,
} as const;
/** One of the values of `Op`. */
export type Op = (typeof Op)[keyof typeof Op];

const F = Fork;
/** [code, name, immediate, stackIn, stackOut, since, gas, terminates?] */
type Row = [number, string, number, number, number, Fork, number, boolean?];
const ROWS: Row[] = [
  [0x00, 'STOP', 0, 0, 0, F.Frontier, 0, true],
  [0x01, 'ADD', 0, 2, 1, F.Frontier, 3],
  [0x02, 'MUL', 0, 2, 1, F.Frontier, 5],
  [0x03, 'SUB', 0, 2, 1, F.Frontier, 3],
  [0x04, 'DIV', 0, 2, 1, F.Frontier, 5],
  [0x05, 'SDIV', 0, 2, 1, F.Frontier, 5],
  [0x06, 'MOD', 0, 2, 1, F.Frontier, 5],
  [0x07, 'SMOD', 0, 2, 1, F.Frontier, 5],
  [0x08, 'ADDMOD', 0, 3, 1, F.Frontier, 8],
  [0x09, 'MULMOD', 0, 3, 1, F.Frontier, 8],
  [0x0a, 'EXP', 0, 2, 1, F.Frontier, 10],
  [0x0b, 'SIGNEXTEND', 0, 2, 1, F.Frontier, 5],
  [0x10, 'LT', 0, 2, 1, F.Frontier, 3],
  [0x11, 'GT', 0, 2, 1, F.Frontier, 3],
  [0x12, 'SLT', 0, 2, 1, F.Frontier, 3],
  [0x13, 'SGT', 0, 2, 1, F.Frontier, 3],
  [0x14, 'EQ', 0, 2, 1, F.Frontier, 3],
  [0x15, 'ISZERO', 0, 1, 1, F.Frontier, 3],
  [0x16, 'AND', 0, 2, 1, F.Frontier, 3],
  [0x17, 'OR', 0, 2, 1, F.Frontier, 3],
  [0x18, 'XOR', 0, 2, 1, F.Frontier, 3],
  [0x19, 'NOT', 0, 1, 1, F.Frontier, 3],
  [0x1a, 'BYTE', 0, 2, 1, F.Frontier, 3],
  [0x1b, 'SHL', 0, 2, 1, F.Constantinople, 3], // EIP-145
  [0x1c, 'SHR', 0, 2, 1, F.Constantinople, 3],
  [0x1d, 'SAR', 0, 2, 1, F.Constantinople, 3],
  [0x1e, 'CLZ', 0, 1, 1, F.Osaka, 5], // EIP-7939
  [0x20, 'KECCAK256', 0, 2, 1, F.Frontier, 30],
  [0x30, 'ADDRESS', 0, 0, 1, F.Frontier, 2],
  [0x31, 'BALANCE', 0, 1, 1, F.Frontier, 20],
  [0x32, 'ORIGIN', 0, 0, 1, F.Frontier, 2],
  [0x33, 'CALLER', 0, 0, 1, F.Frontier, 2],
  [0x34, 'CALLVALUE', 0, 0, 1, F.Frontier, 2],
  [0x35, 'CALLDATALOAD', 0, 1, 1, F.Frontier, 3],
  [0x36, 'CALLDATASIZE', 0, 0, 1, F.Frontier, 2],
  [0x37, 'CALLDATACOPY', 0, 3, 0, F.Frontier, 3],
  [0x38, 'CODESIZE', 0, 0, 1, F.Frontier, 2],
  [0x39, 'CODECOPY', 0, 3, 0, F.Frontier, 3],
  [0x3a, 'GASPRICE', 0, 0, 1, F.Frontier, 2],
  [0x3b, 'EXTCODESIZE', 0, 1, 1, F.Frontier, 20],
  [0x3c, 'EXTCODECOPY', 0, 4, 0, F.Frontier, 20],
  [0x3d, 'RETURNDATASIZE', 0, 0, 1, F.Byzantium, 2], // EIP-211
  [0x3e, 'RETURNDATACOPY', 0, 3, 0, F.Byzantium, 3],
  [0x3f, 'EXTCODEHASH', 0, 1, 1, F.Constantinople, 400], // EIP-1052
  [0x40, 'BLOCKHASH', 0, 1, 1, F.Frontier, 20],
  [0x41, 'COINBASE', 0, 0, 1, F.Frontier, 2],
  [0x42, 'TIMESTAMP', 0, 0, 1, F.Frontier, 2],
  [0x43, 'NUMBER', 0, 0, 1, F.Frontier, 2],
  [0x44, 'PREVRANDAO', 0, 0, 1, F.Frontier, 2], // DIFFICULTY before Paris (EIP-4399)
  [0x45, 'GASLIMIT', 0, 0, 1, F.Frontier, 2],
  [0x46, 'CHAINID', 0, 0, 1, F.Istanbul, 2], // EIP-1344
  [0x47, 'SELFBALANCE', 0, 0, 1, F.Istanbul, 5], // EIP-1884
  [0x48, 'BASEFEE', 0, 0, 1, F.London, 2], // EIP-3198
  [0x49, 'BLOBHASH', 0, 1, 1, F.Cancun, 3], // EIP-4844
  [0x4a, 'BLOBBASEFEE', 0, 0, 1, F.Cancun, 2], // EIP-7516
  [0x50, 'POP', 0, 1, 0, F.Frontier, 2],
  [0x51, 'MLOAD', 0, 1, 1, F.Frontier, 3],
  [0x52, 'MSTORE', 0, 2, 0, F.Frontier, 3],
  [0x53, 'MSTORE8', 0, 2, 0, F.Frontier, 3],
  [0x54, 'SLOAD', 0, 1, 1, F.Frontier, 50],
  [0x55, 'SSTORE', 0, 2, 0, F.Frontier, 0],
  [0x56, 'JUMP', 0, 1, 0, F.Frontier, 8],
  [0x57, 'JUMPI', 0, 2, 0, F.Frontier, 10],
  [0x58, 'PC', 0, 0, 1, F.Frontier, 2],
  [0x59, 'MSIZE', 0, 0, 1, F.Frontier, 2],
  [0x5a, 'GAS', 0, 0, 1, F.Frontier, 2],
  [0x5b, 'JUMPDEST', 0, 0, 0, F.Frontier, 1],
  [0x5c, 'TLOAD', 0, 1, 1, F.Cancun, 100], // EIP-1153
  [0x5d, 'TSTORE', 0, 2, 0, F.Cancun, 100],
  [0x5e, 'MCOPY', 0, 3, 0, F.Cancun, 3], // EIP-5656
  [0x5f, 'PUSH0', 0, 0, 1, F.Shanghai, 2], // EIP-3855
  [0xf0, 'CREATE', 0, 3, 1, F.Frontier, 32000],
  [0xf1, 'CALL', 0, 7, 1, F.Frontier, 40],
  [0xf2, 'CALLCODE', 0, 7, 1, F.Frontier, 40],
  [0xf3, 'RETURN', 0, 2, 0, F.Frontier, 0, true],
  [0xf4, 'DELEGATECALL', 0, 6, 1, F.Homestead, 40], // EIP-7
  [0xf5, 'CREATE2', 0, 4, 1, F.Constantinople, 32000], // EIP-1014
  [0xfa, 'STATICCALL', 0, 6, 1, F.Byzantium, 700], // EIP-214
  [0xfd, 'REVERT', 0, 2, 0, F.Byzantium, 0, true], // EIP-140
  [0xff, 'SELFDESTRUCT', 0, 1, 0, F.Frontier, 0, true],
];
for (let n = 1; n <= 32; n++) ROWS.push([0x5f + n, `PUSH${n}`, n, 0, 1, F.Frontier, 3]);
for (let n = 1; n <= 16; n++) ROWS.push([0x7f + n, `DUP${n}`, 0, n, n + 1, F.Frontier, 3]);
for (let n = 1; n <= 16; n++) ROWS.push([0x8f + n, `SWAP${n}`, 0, n + 1, n + 1, F.Frontier, 3]);
for (let n = 0; n <= 4; n++) ROWS.push([0xa0 + n, `LOG${n}`, 0, n + 2, 0, F.Frontier, 375 * (n + 1)]);

/** Facts of each defined opcode, indexed by byte; undefined for unassigned bytes. */
export const OPCODES: ReadonlyArray<OpcodeInfo | undefined> = (() => {
  const table: (OpcodeInfo | undefined)[] = new Array(256).fill(undefined);
  for (const [code, name, immediate, stackIn, stackOut, since, gas, terminates] of ROWS) {
    table[code] = { code, name, immediate, stackIn, stackOut, since, gas, terminates };
  }
  return table;
})();

/** Sentinel in a base-gas table: the opcode is not defined in that fork. */
export const UNDEFINED_OP = -1;

/** Warm access cost of EIP-2929: the base gas of state-access opcodes from Berlin on. */
export const WARM_ACCESS = 100;

/** Per-fork changes to base gas, applied on top of the previous fork's table. */
const GAS_CHANGES: Partial<Record<Fork, Array<[number, number]>>> = {
  // EIP-150: repricing of IO-heavy operations.
  [F.TangerineWhistle]: [
    [Op.BALANCE, 400], [Op.EXTCODESIZE, 700], [Op.EXTCODECOPY, 700], [Op.SLOAD, 200],
    [Op.CALL, 700], [Op.CALLCODE, 700], [Op.DELEGATECALL, 700], [Op.SELFDESTRUCT, 5000],
  ],
  // EIP-1884: repricing of trie-size-dependent opcodes.
  [F.Istanbul]: [[Op.BALANCE, 700], [Op.EXTCODEHASH, 700], [Op.SLOAD, 800]],
  // EIP-2929: state access costs the warm price up front; the cold surcharge is charged dynamically.
  [F.Berlin]: [
    [Op.BALANCE, WARM_ACCESS], [Op.EXTCODESIZE, WARM_ACCESS], [Op.EXTCODECOPY, WARM_ACCESS],
    [Op.EXTCODEHASH, WARM_ACCESS], [Op.SLOAD, WARM_ACCESS], [Op.CALL, WARM_ACCESS],
    [Op.CALLCODE, WARM_ACCESS], [Op.DELEGATECALL, WARM_ACCESS], [Op.STATICCALL, WARM_ACCESS],
  ],
};

function buildGasTables(): Int32Array[] {
  const tables: Int32Array[] = [];
  let previous = new Int32Array(256).fill(UNDEFINED_OP);
  for (let fork = Fork.Frontier; fork <= LATEST_FORK; fork++) {
    const table = Int32Array.from(previous);
    for (const info of OPCODES) if (info && info.since === fork) table[info.code] = info.gas;
    for (const [code, gas] of GAS_CHANGES[fork] ?? []) table[code] = gas;
    tables.push(table);
    previous = table;
  }
  return tables;
}

const GAS_TABLES = buildGasTables();

/** Base gas of every opcode in `fork`, UNDEFINED_OP where the opcode does not exist in that fork. */
export function baseGasTable(fork: Fork): Int32Array {
  return GAS_TABLES[fork];
}

/**
 * The mnemonic of `op` ('DIFFICULTY' before Paris), or geth's name for an unassigned byte,
 * 'opcode 0xc not defined' (traces carry it as opName, so it is geth's text exactly).
 */
export function opcodeName(op: number, fork: Fork = LATEST_FORK): string {
  if (op === Op.PREVRANDAO && fork < Fork.Paris) return 'DIFFICULTY';
  const info = OPCODES[op];
  return info ? info.name : op === Op.INVALID ? 'INVALID' : `opcode 0x${op.toString(16)} not defined`;
}

/**
 * The least stack height each opcode needs, and the greatest at which it can run (its pushes must fit
 * under the 1024 limit); an unassigned byte needs nothing and fits anywhere.
 */
export const STACK_MIN = new Int32Array(256);
export const STACK_MAX = new Int32Array(256);
for (let op = 0; op < 256; op++) {
  const info = OPCODES[op];
  STACK_MIN[op] = info ? info.stackIn : 0;
  STACK_MAX[op] = info ? STACK_LIMIT - (info.stackOut - info.stackIn) : STACK_LIMIT;
}
