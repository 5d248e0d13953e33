/** Shared pieces of the everyday-API tests: a funded key, contracts built with the bytecode builder. */
import { parseAlloc } from '../../src/index.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { type Code, op, pushN, revert, mstore, size } from '../helpers/bytecode.js';

/** The state tests' well-known key and its address. */
export const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
export const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
export const ONE_ETHER = 10n ** 18n;

/** Contract addresses used across the tests. */
export const A = '0x1000000000000000000000000000000000000001';
export const B = '0x1000000000000000000000000000000000000002';
export const C = '0x1000000000000000000000000000000000000003';

/** An allocation: the funded sender and contracts with the given code (hex without 0x) and storage. */
export function alloc(contracts: Record<string, Code | { code: Code; storage?: Record<string, string>; balance?: string }> = {}) {
  const json: Record<string, unknown> = { [SENDER]: { balance: '0x' + ONE_ETHER.toString(16), nonce: '0x0', code: '0x', storage: {} } };
  for (const [address, c] of Object.entries(contracts)) {
    const spec = typeof c === 'string' ? { code: c } : c;
    json[address] = { balance: spec.balance ?? '0x0', nonce: '0x1', code: '0x' + spec.code, storage: spec.storage ?? {} };
  }
  return parseAlloc(json);
}

/** `prefix`, then a revert without data when the word it left on the stack is 0 (a `require`). */
export function requireTop(prefix: Code): Code {
  const dest = size(prefix) + 6; // ISZERO, PUSH1 dest, JUMPI, STOP, then the JUMPDEST
  return prefix + op(0x15) + pushN(1, dest) + op(0x57) + op(0x00) + op(0x5b) + revert(0, 0);
}

/** Code reverting with Solidity's Error(string) encoding of `message` (at most 32 bytes). */
export function revertWithError(message: string): Code {
  const bytes = new TextEncoder().encode(message);
  let word = 0n;
  for (let i = 0; i < 32; i++) word = (word << 8n) | BigInt(bytes[i] ?? 0);
  return mstore(0, 0x08c379a0n << 224n) + mstore(4, 0x20) + mstore(36, bytes.length) + mstore(68, word) + revert(0, 100);
}

/** Code reverting with Panic(uint256 code). */
export function revertWithPanic(code: number): Code {
  return mstore(0, 0x4e487b71n << 224n) + mstore(4, code) + revert(0, 36);
}
