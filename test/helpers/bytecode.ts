/**
 * A bytecode builder in the spirit of evmone's `test/utils/bytecode.hpp`: every helper returns a hex string
 * (no 0x) so fragments concatenate with `+`, e.g. `sstore(0xee, 0xff) + sload(0xee) + retTop()`.
 *
 * Arguments typed `Arg` are pushed when they are numbers, bigints or '0x'-prefixed strings (addresses) and
 * inserted verbatim when they are other strings (already-built code fragments), so
 * `mstore(0, calldataload(0))` and `call({ to: '0x…' })` both work. Operands are pushed in
 * reverse so that the first argument ends on top of the stack (the opcode's first operand).
 */
import { Op } from '../../src/evm/opcodes.js';
import { hexToBytes } from '../../src/primitives/bytes.js';

/** A code fragment: lower-case hex without 0x. */
export type Code = string;
/** A pushed value, or a fragment that leaves the value on the stack. */
export type Arg = number | bigint | Code;

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** The given opcodes, in order. */
export function op(...ops: number[]): Code {
  return ops.map(hex2).join('');
}

/** PUSHn with an explicit width `n` (1…32), the value left-padded (or truncated high bytes dropped). */
export function pushN(n: number, value: number | bigint): Code {
  if (n < 1 || n > 32) throw new Error(`bad push width ${n}`);
  const v = BigInt(value) & ((1n << BigInt(8 * n)) - 1n);
  return hex2(0x5f + n) + v.toString(16).padStart(2 * n, '0');
}

/** The smallest PUSHn holding `value` (PUSH1 00 for zero: PUSH0 only exists from Shanghai). */
export function push(value: number | bigint): Code {
  const v = BigInt(value);
  if (v < 0n || v >= 1n << 256n) throw new Error(`push of ${v} out of range`);
  const digits = v.toString(16);
  return pushN(Math.max(1, Math.ceil(digits.length / 2)), v);
}

/** PUSH0 (EIP-3855, Shanghai on). */
export function push0(): Code {
  return op(Op.PUSH0);
}

/** PUSHn of raw bytes given in hex (n = their length). */
export function pushBytes(hex: string): Code {
  const bytes = hexToBytes(hex);
  return hex2(0x5f + bytes.length) + hex.replace(/^0x/, '').toLowerCase();
}

/** An Arg as code: numbers and '0x…' strings (addresses, words) are pushed; other strings are fragments. */
export function arg(a: Arg): Code {
  if (typeof a !== 'string') return push(a);
  return a.startsWith('0x') ? push(BigInt(a)) : a;
}

/** `opcode` with its operands pushed so that `args[0]` ends on top. */
export function ins(opcode: number, ...args: Arg[]): Code {
  return [...args].reverse().map(arg).join('') + op(opcode);
}

export const jumpdest = (): Code => op(Op.JUMPDEST);
export const stop = (): Code => op(Op.STOP);
export const pop = (): Code => op(Op.POP);
export const dup = (n: number): Code => op(Op.DUP1 + n - 1);
export const swap = (n: number): Code => op(Op.SWAP1 + n - 1);

export const mstore = (offset: Arg, value?: Arg): Code =>
  value === undefined ? ins(Op.MSTORE, offset) : ins(Op.MSTORE, offset, value);
export const mstore8 = (offset: Arg, value?: Arg): Code =>
  value === undefined ? ins(Op.MSTORE8, offset) : ins(Op.MSTORE8, offset, value);
export const mload = (offset: Arg): Code => ins(Op.MLOAD, offset);
export const sstore = (key: Arg, value?: Arg): Code =>
  value === undefined ? ins(Op.SSTORE, key) : ins(Op.SSTORE, key, value);
export const sload = (key: Arg): Code => ins(Op.SLOAD, key);
export const tstore = (key: Arg, value: Arg): Code => ins(Op.TSTORE, key, value);
export const tload = (key: Arg): Code => ins(Op.TLOAD, key);
export const calldataload = (offset: Arg): Code => ins(Op.CALLDATALOAD, offset);
export const jump = (dest: Arg): Code => ins(Op.JUMP, dest);
export const jumpi = (dest: Arg, cond: Arg): Code => ins(Op.JUMPI, dest, cond);
export const ret = (offset: Arg, size: Arg): Code => ins(Op.RETURN, offset, size);
export const revert = (offset: Arg, size: Arg): Code => ins(Op.REVERT, offset, size);
export const selfdestruct = (beneficiary: Arg): Code => ins(Op.SELFDESTRUCT, beneficiary);
export const mcopy = (dest: Arg, src: Arg, size: Arg): Code => ins(Op.MCOPY, dest, src, size);
export const returndatacopy = (memOffset: Arg, dataOffset: Arg, size: Arg): Code =>
  ins(Op.RETURNDATACOPY, memOffset, dataOffset, size);

/** MSTOREs the top of the stack at 0 and RETURNs those 32 bytes. */
export function retTop(): Code {
  return mstore(0) + ret(0, 32);
}

/** LOGn with `topics` (topics[0] is the first topic). */
export function log(offset: Arg, size: Arg, ...topics: Arg[]): Code {
  return ins(Op.LOG0 + topics.length, offset, size, ...topics);
}

/** Operands of the CALL family; omitted ones are 0 (gas defaults to the GAS opcode: all available). */
export interface CallArgs {
  gas?: Arg;
  to: Arg;
  value?: Arg;
  argsOffset?: Arg;
  argsSize?: Arg;
  retOffset?: Arg;
  retSize?: Arg;
}

function callFamily(opcode: number, a: CallArgs, withValue: boolean): Code {
  const gas = a.gas ?? op(Op.GAS);
  const tail = [a.argsOffset ?? 0, a.argsSize ?? 0, a.retOffset ?? 0, a.retSize ?? 0];
  return withValue ? ins(opcode, gas, a.to, a.value ?? 0, ...tail) : ins(opcode, gas, a.to, ...tail);
}

export const call = (a: CallArgs): Code => callFamily(Op.CALL, a, true);
export const callcode = (a: CallArgs): Code => callFamily(Op.CALLCODE, a, true);
export const delegatecall = (a: CallArgs): Code => callFamily(Op.DELEGATECALL, a, false);
export const staticcall = (a: CallArgs): Code => callFamily(Op.STATICCALL, a, false);

/** CREATE(value, offset, size). */
export function create(a: { value?: Arg; offset?: Arg; size: Arg }): Code {
  return ins(Op.CREATE, a.value ?? 0, a.offset ?? 0, a.size);
}

/** CREATE2(value, offset, size, salt). */
export function create2(a: { value?: Arg; offset?: Arg; size: Arg; salt: Arg }): Code {
  return ins(Op.CREATE2, a.value ?? 0, a.offset ?? 0, a.size, a.salt);
}

/** Code that writes the bytes of `hex` to memory at `offset`, one MSTORE8 per byte. */
export function mstoreBytes(offset: number, hex: string): Code {
  const bytes = hexToBytes(hex);
  let out = '';
  bytes.forEach((b, i) => (out += mstore8(offset + i, b)));
  return out;
}

/**
 * Initcode that deploys `runtime`: writes it to memory with MSTORE8s and returns it. Simple and
 * position-independent; fine for the short runtimes tests use.
 */
export function deploy(runtime: Code): Code {
  const size = runtime.length / 2;
  return mstoreBytes(0, runtime) + ret(0, size);
}

/** The fragment as bytes. */
export function bytes(code: Code): Uint8Array {
  return hexToBytes(code);
}

/** Byte length of a fragment. */
export function size(code: Code): number {
  return code.length / 2;
}
