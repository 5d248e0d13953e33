/**
 * Contract code as a list of pieces, each a self-contained snippet (its jumps are PC-relative) so that the
 * shrinker can drop any of them. Pieces: any opcode of the fork with edge-case arguments, calls of every kind
 * with random gas and value, precompile calls, CREATE/CREATE2 with generated initcode, storage and transient
 * storage, memory at boundary offsets, jumps, logs, and frame ends (RETURN, REVERT, SELFDESTRUCT, STOP).
 */
import { OPCODES } from '../evmkit.js';
import type { ForkSpec } from '../forks.js';
import type { Rng } from '../rng.js';
import { Asm, OP, concat } from './asm.js';
import { precompileInput } from './inputs.js';

/** What code generation needs to know about the case around it. */
export interface CodeContext {
  readonly rng: Rng;
  readonly spec: ForkSpec;
  /** Accounts of the case (contracts, EOAs, the coinbase, absent addresses), as numbers. */
  readonly addresses: readonly bigint[];
  readonly blockNumber: bigint;
  /**
   * Whether pieces may end the frame by mistake (huge memory offsets, bad jumps, undefined opcodes). The
   * transaction's own contract is mostly careful, so that its calls and creations run; helpers are not.
   */
  readonly risky: boolean;
}

const MAX_U256 = (1n << 256n) - 1n;
/** Memory word where a CREATE piece leaves the new address, for later pieces to call. */
const CREATED_AT = 0x3e0n;
/** Opcodes whose first arguments are a memory offset and size. */
const MEMORY_RANGE_OPS = new Set([0x20, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4, 0xf3, 0xfd]);
/** Bytes that are undefined up to Cancun (0xfe is INVALID, which every fork has; 0x1e is Osaka's CLZ). */
const UNDEFINED = [0x0c, 0x0d, 0x0e, 0x0f, 0x1e, 0x1f, 0x21, 0x2f, 0x4b, 0x4f, 0xa5, 0xb0, 0xd0, 0xe0, 0xee, 0xef, 0xf6, 0xf7, 0xf8, 0xf9, 0xfb, 0xfc];
/** Opcodes whose first argument is an address. */
const ADDRESS_OPS = new Set([0x31, 0x3b, 0x3c, 0x3f, 0xff]);

/** A stack argument: small numbers, word boundaries, signed edges, addresses. */
export function value(ctx: CodeContext): bigint {
  const r = ctx.rng;
  return BigInt.asUintN(256, r.weighted<() => bigint>([
    [6, () => BigInt(r.int(5))],
    [3, () => BigInt(r.pick([31, 32, 33, 63, 64, 255, 256, 257]))],
    [3, () => (1n << BigInt(r.int(257))) - BigInt(r.int(3)) + 1n],
    [2, () => MAX_U256 - BigInt(r.int(3))],
    [2, () => 1n << 255n],
    [3, () => r.bigBits(r.pick([8, 16, 32, 64, 160, 256]))],
    [3, () => address(ctx)],
  ])());
}

/** An address-like argument: one of the case's accounts, a precompile, or a random one. */
export function address(ctx: CodeContext): bigint {
  const a = anyAddress(ctx);
  // A precompile of the fork that evmkit lacks could only diverge for that reason: ECRECOVER instead.
  return ctx.spec.missingPrecompiles.includes(Number(BigInt.asUintN(160, a) & 0xffffn)) && BigInt.asUintN(160, a) < 0x10000n ? 1n : a;
}

function anyAddress(ctx: CodeContext): bigint {
  const r = ctx.rng;
  return r.weighted<() => bigint>([
    [6, () => r.pick(ctx.addresses)],
    [2, () => BigInt(r.pick(ctx.spec.precompiles.length > 0 ? ctx.spec.precompiles : [1]))],
    [1, () => BigInt(r.range(0, 0x12))],
    [1, () => r.bigBits(160)],
    [1, () => r.bigBits(256)], // upper 96 bits must be ignored
  ])();
}

/** A memory offset: small mostly, sometimes at a boundary, rarely huge (out of gas). */
export function offset(ctx: CodeContext): bigint {
  const r = ctx.rng;
  return r.weighted<() => bigint>([
    [10, () => BigInt(r.int(200))],
    [3, () => BigInt(r.pick([0, 31, 32, 33, 0x3e0, 0x400, 0x1000, 0xffe0, 0x10000]))],
    [ctx.risky ? 1 : 0, () => BigInt(r.pick([0xffffffff, 2 ** 32, 2 ** 53]))],
    [ctx.risky ? 1 : 0, () => r.pick([1n << 64n, MAX_U256, (1n << 255n) + 1n])],
  ])();
}

/** A memory size: like an offset, with zero and word multiples more likely. */
export function size(ctx: CodeContext): bigint {
  const r = ctx.rng;
  return r.weighted<() => bigint>([
    [4, () => 0n],
    [8, () => BigInt(r.int(100))],
    [3, () => BigInt(32 * r.range(1, 8))],
    [1, () => BigInt(r.pick([0x6000, 0x6001, 0xc000, 0xc001]))],
    [ctx.risky ? 1 : 0, () => r.pick([1n << 32n, 1n << 64n, MAX_U256])],
  ])();
}

/** Gas for a call: none, the stipend, a little, everything (GAS), or more than there is. */
function callGas(ctx: CodeContext, a: Asm): void {
  const r = ctx.rng;
  r.weighted<() => void>([
    [ctx.risky ? 1 : 0.5, () => a.op(OP.GAS)],
    [5, () => a.push(BigInt(r.int(60000)))],
    [1, () => a.push(BigInt(r.pick([0, 2300, 2299, 2301])))],
    [ctx.risky ? 2 : 1, () => a.push(BigInt(r.range(60000, 300000)))],
    [ctx.risky ? 1 : 0.3, () => a.push(r.pick([1n << 63n, MAX_U256]))],
  ])();
}

/** Memory the entry contract logs when its code runs to the end (see `observe`): results kept there are compared. */
export const SCRATCH = 0x800;
/** Its size: 16 words. */
export const SCRATCH_SIZE = 0x200;

/**
 * Consumes the value on top of the stack: stores it (the state root sees it), keeps it in the scratch words
 * (the entry contract's closing log sees them), or pops it.
 */
function sink(ctx: CodeContext, a: Asm): void {
  const r = ctx.rng;
  r.weighted<() => void>([
    [1.5, () => a.push(BigInt(r.int(16))).op(OP.SSTORE)],
    [5, () => a.push(BigInt(SCRATCH + 32 * r.int(16))).op(OP.MSTORE)],
    [3, () => a.op(OP.POP)],
  ])();
}

/** The entry contract's closing piece: LOG0 of the scratch words, so that results kept in memory are compared. */
export function observe(): Uint8Array {
  return new Asm().push(BigInt(SCRATCH_SIZE)).push(BigInt(SCRATCH)).op(0xa0).code();
}

/** One opcode of the fork with arguments chosen for its kind. */
function opPiece(ctx: CodeContext): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  if (ctx.risky && r.chance(0.03)) return Uint8Array.of(r.pick(UNDEFINED.filter((op) => !ctx.spec.opcodes.includes(op) && !ctx.spec.missingOpcodes.includes(op))));
  let op = r.pick(ctx.spec.opcodes);
  while (!ctx.risky && (op === OP.JUMP || op === OP.JUMPI || OPCODES[op]!.terminates === true)) op = r.pick(ctx.spec.opcodes);
  const info = OPCODES[op]!;
  const push0 = ctx.spec.opcodes.includes(OP.PUSH0);
  if (info.immediate > 0) {
    a.op(op).raw(r.bytes(info.immediate));
    sink(ctx, a);
    return a.code();
  }
  const args: bigint[] = [];
  for (let i = 0; i < info.stackIn; i++) args.push(value(ctx));
  edgeArguments(ctx, op, args);
  if (MEMORY_RANGE_OPS.has(op)) [args[0], args[1]] = [offset(ctx), size(ctx)];
  if (ADDRESS_OPS.has(op)) args[0] = address(ctx);
  if (op === 0x3c) [args[1], args[2], args[3]] = [offset(ctx), offset(ctx), size(ctx)]; // EXTCODECOPY
  if ([0x37, 0x39, 0x3e, 0x5e].includes(op)) [args[0], args[1], args[2]] = [offset(ctx), offset(ctx), size(ctx)];
  if ([0x51, 0x52, 0x53].includes(op)) args[0] = offset(ctx);
  if (op === 0x40) args[0] = ctx.blockNumber - BigInt(r.range(-2, 260)); // BLOCKHASH around the window
  if (op === 0x49) args[0] = BigInt(r.int(8)); // BLOBHASH index
  if (op === OP.JUMP || op === OP.JUMPI) args[0] = BigInt(r.int(400));
  if (op === 0xf0 || op === 0xf5) [args[1], args[2]] = [offset(ctx), size(ctx)];
  a.args(args, push0 && r.chance(0.3)).op(op);
  if (op >= 0x80 && op <= 0x9f) {
    for (let i = 0; i < info.stackOut; i++) a.op(OP.POP);
  } else if (info.stackOut > 0) {
    sink(ctx, a);
  }
  return a.code();
}

const MIN_INT = 1n << 255n;
/** A value with the sign bit set: -1, the most negative, or a random negative. */
const negative = (ctx: CodeContext) => ctx.rng.pick([MAX_U256, MIN_INT, MIN_INT | ctx.rng.bigBits(255), MAX_U256 - 1n]);

/** Arguments at each arithmetic opcode's own boundaries (half the time; the rest stay generic). */
function edgeArguments(ctx: CodeContext, op: number, args: bigint[]): void {
  const r = ctx.rng;
  if (!r.chance(0.5)) return;
  const signed = () => (r.chance(0.5) ? negative(ctx) : value(ctx));
  switch (op) {
    case 0x1b: case 0x1c: case 0x1d: // SHL, SHR, SAR: shifts around the word size, negative values
      args[0] = BigInt(r.pick([0, 1, 8, 254, 255, 256, 257, 512])) + (r.chance(0.1) ? 1n << 128n : 0n);
      args[1] = signed();
      return;
    case 0x1a: // BYTE
      args[0] = BigInt(r.pick([0, 1, 30, 31, 32, 33])) + (r.chance(0.1) ? 1n << 200n : 0n);
      return;
    case 0x0b: // SIGNEXTEND: byte index at the word's edge, value with the extended bit set or not
      args[0] = BigInt(r.pick([0, 1, 15, 30, 31, 32, 33])) + (r.chance(0.1) ? 1n << 100n : 0n);
      args[1] = r.chance(0.5) ? BigInt(r.pick([0x80, 0x7f, 0xff, 0x8000, 0xff80])) : signed();
      return;
    case 0x04: case 0x05: case 0x06: case 0x07: // DIV, SDIV, MOD, SMOD: zero divisor, MIN / -1
      [args[0], args[1]] = r.pick([[MIN_INT, MAX_U256], [signed(), 0n], [negative(ctx), negative(ctx)], [signed(), BigInt(r.range(1, 3))]]);
      return;
    case 0x08: case 0x09: // ADDMOD, MULMOD: zero modulus, operands near 2^256
      args[2] = r.pick([0n, 1n, MAX_U256, BigInt(r.range(2, 7))]);
      args[0] = r.chance(0.5) ? MAX_U256 : args[0];
      return;
    case 0x0a: // EXP: exponents across byte boundaries (gas per exponent byte)
      args[0] = r.pick([0n, 1n, 2n, MAX_U256, MIN_INT]);
      args[1] = r.pick([0n, 1n, 255n, 256n, (1n << 64n) - 1n, MAX_U256, 1n << BigInt(r.int(256))]);
      return;
    case 0x12: case 0x13: // SLT, SGT
      [args[0], args[1]] = [signed(), signed()];
      return;
  }
}

/** A call of any kind to any target, with its input written to memory first. */
function callPiece(ctx: CodeContext): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  const kinds = [OP.CALL, OP.CALLCODE, ...[OP.DELEGATECALL, OP.STATICCALL].filter((k) => ctx.spec.opcodes.includes(k))];
  const kind = r.pick(kinds);
  const toPrecompile = ctx.spec.precompiles.length > 0 && r.chance(0.5);
  const argsAt = r.chance(0.8) ? BigInt(r.int(8) * 32) : offset(ctx);
  let argsLen = size(ctx);
  if (toPrecompile) {
    const target = r.pick(ctx.spec.precompiles);
    const input = precompileInput(r, target, ctx.spec.name === 'Osaka');
    if (argsAt < 0x10000n) a.mstoreBytes(Number(argsAt), input.data);
    argsLen = r.chance(0.9) ? BigInt(input.data.length) : argsLen;
    pushCall(ctx, a, kind, () => a.push(BigInt(target)), argsAt, argsLen);
  } else {
    if (r.chance(0.5)) a.mstoreBytes(Number(argsAt < 0x10000n ? argsAt : 0n), r.bytes(r.int(70)));
    const target = r.weighted<() => void>([
      [8, () => a.push(address(ctx))],
      [2, () => a.push(CREATED_AT).op(OP.MLOAD)],
      [1, () => a.op(0x30)], // ADDRESS: itself
      [1, () => a.op(0x33)], // CALLER
    ]);
    pushCall(ctx, a, kind, target, argsAt, argsLen);
  }
  sink(ctx, a);
  if (r.chance(0.4) && ctx.spec.opcodes.includes(OP.RETURNDATASIZE)) {
    a.op(OP.RETURNDATASIZE);
    if (r.chance(0.5)) a.push(0n).push(BigInt(r.int(64))).op(OP.RETURNDATACOPY); // may read past the end: halts
    else sink(ctx, a);
  }
  return a.code();
}

/** Pushes CALL-family arguments (retLen, retOffset, argsLen, argsOffset, [value], address, gas) and the call. */
function pushCall(ctx: CodeContext, a: Asm, kind: number, target: () => void, argsAt: bigint, argsLen: bigint): void {
  const r = ctx.rng;
  a.push(r.chance(0.8) ? BigInt(r.int(65)) : size(ctx)).push(r.chance(0.8) ? BigInt(r.int(8) * 32) : offset(ctx));
  a.push(argsLen).push(argsAt);
  if (kind === OP.CALL || kind === OP.CALLCODE) {
    a.push(r.weighted([[6, 0n], [3, BigInt(r.range(1, 1000))], [1, r.bigBits(80)], [1, MAX_U256]]));
  }
  target();
  callGas(ctx, a);
  a.op(kind);
}

/** Initcode: a few pieces, then what it returns (runtime code, EIP-3541/170 edge cases) or how it fails. */
export function initcodePieces(ctx: CodeContext, depth: number): Uint8Array[] {
  const r = ctx.rng;
  const body = pieces(ctx, depth + 1, r.int(3));
  const a = new Asm();
  const runtime = concat(pieces(ctx, depth + 1, r.int(4)));
  r.weighted<() => void>([
    [6, () => a.mstoreBytes(0, runtime).push(BigInt(runtime.length)).push(0n).op(OP.RETURN)],
    [1, () => a.push(0xefn << 248n).push(0n).op(OP.MSTORE).push(BigInt(r.range(1, 3))).push(0n).op(OP.RETURN)], // EIP-3541
    [1, () => a.push(BigInt(r.pick([0x6000, 0x6001]))).push(0n).op(OP.RETURN)], // EIP-170 limit
    [1, () => a.push(BigInt(r.int(40))).push(0n).op(OP.REVERT)],
    [1, () => a.push(address(ctx)).op(OP.SELFDESTRUCT)],
    [1, () => a.op(OP.STOP)],
  ])();
  return [...body, a.code()];
}

/** Initcode as one byte string. */
export function initcode(ctx: CodeContext, depth: number): Uint8Array {
  return concat(initcodePieces(ctx, depth));
}

/** CREATE or CREATE2 of generated initcode placed in memory; the new address is kept at CREATED_AT. */
function createPiece(ctx: CodeContext, depth: number): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  const code = depth < 2 ? initcode(ctx, depth) : new Uint8Array(0);
  const at = 0x400;
  a.mstoreBytes(at, code);
  const len = r.chance(0.9) ? BigInt(code.length) : size(ctx);
  const create2 = ctx.spec.opcodes.includes(OP.CREATE2) && r.chance(0.5);
  if (create2) a.push(BigInt(r.int(3)));
  a.push(len).push(BigInt(at)).push(r.weighted([[6, 0n], [2, BigInt(r.range(1, 1000))], [1, MAX_U256]]));
  a.op(create2 ? OP.CREATE2 : OP.CREATE);
  a.op(OP.DUP1).push(CREATED_AT).op(OP.MSTORE);
  sink(ctx, a);
  return a.code();
}

/** SSTORE/SLOAD (and TSTORE/TLOAD) on a few keys, exercising the EIP-2200/3529 cases. */
function storagePiece(ctx: CodeContext): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  const transient = ctx.spec.opcodes.includes(OP.TSTORE) && r.chance(0.3);
  const key = BigInt(r.weighted([[8, r.int(6)], [1, r.int(1 << 16)]]));
  const writes = r.range(1, 3);
  for (let i = 0; i < writes; i++) {
    const v = r.weighted([[3, 0n], [3, BigInt(r.range(1, 3))], [1, MAX_U256]]);
    a.push(v).push(key).op(transient ? OP.TSTORE : OP.SSTORE);
  }
  if (r.chance(0.5)) {
    a.push(key).op(transient ? OP.TLOAD : OP.SLOAD);
    sink(ctx, a);
  }
  return a.code();
}

/** A jump: over dead code (taken or not), or to a bad destination (halts). */
function jumpPiece(ctx: CodeContext): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  const dead = r.weighted([[3, Uint8Array.of(OP.INVALID)], [2, Uint8Array.of(0x60, OP.JUMPDEST)], [2, r.bytes(r.int(6))]]);
  r.weighted<() => void>([
    [4, () => a.jumpOver(dead, false)],
    [4, () => a.push(BigInt(r.int(2))).jumpOver(dead, true)],
    [ctx.risky ? 1 : 0, () => a.op(OP.PC).push(1n).op(OP.ADD).op(OP.JUMP)], // into the PUSH1's immediate
    [ctx.risky ? 1 : 0, () => a.push(BigInt(r.int(4))).push(value(ctx)).op(OP.JUMPI)],
  ])();
  return a.code();
}

/** Ends the frame: RETURN or REVERT of memory, SELFDESTRUCT, STOP or INVALID. */
function endPiece(ctx: CodeContext): Uint8Array {
  const r = ctx.rng;
  const a = new Asm();
  const kinds: (readonly [number, () => void])[] = [
    [4, () => a.push(r.chance(0.8) ? BigInt(r.int(96)) : size(ctx)).push(BigInt(r.int(64))).op(OP.RETURN)],
    [2, () => a.push(address(ctx)).op(OP.SELFDESTRUCT)],
    [1, () => a.op(OP.STOP)],
    [1, () => a.op(OP.INVALID)],
  ];
  if (ctx.spec.opcodes.includes(OP.REVERT)) kinds.push([3, () => a.push(BigInt(r.int(96))).push(BigInt(r.int(64))).op(OP.REVERT)]);
  r.weighted(kinds)();
  return a.code();
}

/** `count` pieces for a contract at nesting `depth` (initcode of initcode gets fewer calls and creates). */
export function pieces(ctx: CodeContext, depth: number, count: number): Uint8Array[] {
  const r = ctx.rng;
  const out: Uint8Array[] = [];
  for (let i = 0; i < count; i++) {
    r.weighted<() => void>([
      // A run of opcodes, each its own piece so that shrinking can drop them one by one.
      [10, () => {
        for (let n = r.weighted([[3, 1], [3, r.range(2, 4)], [1, r.range(5, 8)]]); n > 0; n--) out.push(opPiece(ctx));
      }],
      [depth > 0 ? 2 : 7, () => out.push(callPiece(ctx))],
      [depth > 0 ? 1 : 3, () => out.push(createPiece(ctx, depth))],
      [4, () => out.push(storagePiece(ctx))],
      [2, () => out.push(jumpPiece(ctx))],
      [ctx.risky ? 1 : 0.2, () => out.push(endPiece(ctx))],
    ])();
  }
  return out;
}
