/**
 * Shared fixtures of the fork-switch tests: a handful of helper accounts and small utilities. Every test in
 * `test/forks/` runs one program (or transaction) on the fork before a switch and on the fork itself and
 * asserts both outcomes; the expected numbers are derived in comments from the EIP texts.
 */
import { Op } from '../../src/evm/opcodes.js';
import type { Address } from '../../src/primitives/address.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { call, mload, mstore, mstore8, op, ret, retTop, sstore } from '../helpers/bytecode.js';
import type { AccountSpec } from '../helpers/run.js';

/** Gas runCode gives a frame by default; an exceptional halt uses all of it. */
export const FRAME_GAS = 1_000_000;
/** Gas limit of runTx's default transaction; a halted transaction uses all of it. */
export const TX_GAS = 1_000_000n;

/** Returns the gas it sees: GAS (2) + retTop (15) = 17 gas. */
export const CALLEE: Address = '0x00000000000000000000000000000000000000b0';
/** SSTOREs 1 at slot 1: 2 PUSHes (6) + SSTORE. */
export const STORER: Address = '0x00000000000000000000000000000000000000b1';
/** Returns the word 0x1234: PUSH2 (3) + PUSH1 (3) + MSTORE (3 + 3 memory) + 2 PUSH1 (6) = 18 gas. */
export const RETURNER: Address = '0x00000000000000000000000000000000000000b3';
/** An existing, empty account (nonce 0, balance 0, no code). */
export const EMPTY: Address = '0x00000000000000000000000000000000000000b4';
/** An address with no account. */
export const MISSING: Address = '0x00000000000000000000000000000000000000b5';
/** An account with a balance and no code (never empty). */
export const FUNDED: Address = '0x00000000000000000000000000000000000000b6';
/** A beneficiary with no account. */
export const BENEFICIARY: Address = '0x00000000000000000000000000000000000000be';

export const RETURNER_GAS = 18;
export const CALLEE_GAS = 17;

/** The helper accounts, for `pre`. */
export const PRE: Record<Address, AccountSpec> = {
  [CALLEE]: { code: op(Op.GAS) + retTop() },
  [STORER]: { code: sstore(1, 1) },
  [RETURNER]: { code: mstore(0, 0x1234) + ret(0, 32) },
  [EMPTY]: {},
  [FUNDED]: { balance: 1n },
};

/** 0x-prefixed address of precompile number `n`. */
export function precompile(n: number): Address {
  return '0x' + n.toString(16).padStart(40, '0');
}

/**
 * Calls 0x05 (MODEXP) with 3^5 mod 7 (baseLen = expLen = modLen = 1, three words, then 03 05 07) and 0xffff gas,
 * and returns MLOAD(128): the 1-byte output is written at 159, so a working MODEXP returns the word 5. The
 * repricing tests run it on both sides of a fork.
 */
export const MODEXP_3_5_7 =
  mstore(0, 1) + mstore(32, 1) + mstore(64, 1) + mstore8(96, 3) + mstore8(97, 5) + mstore8(98, 7) +
  call({ gas: 0xffff, to: precompile(5), argsSize: 99, retOffset: 159, retSize: 1 }) +
  op(Op.POP) + mload(128) + retTop();

/**
 * Gas of MODEXP_3_5_7 besides the CALL's base cost and MODEXP's price: setup 66 (three MSTOREs at 9 + 3 each,
 * the memory growing a word each time; MSTORE8(96) 9 + 3 for the 4th word; two more MSTORE8 at 9), the CALL's
 * 21 PUSHes + 3 (memory to 160 bytes, 5 words), POP 2, MLOAD 6, retTop 12 (no new memory).
 */
export const MODEXP_3_5_7_GAS = 66 + 21 + 3 + 2 + 6 + 12;

/** The big-endian word of `bytes` (0 for none). */
export function wordOf(bytes: Uint8Array): bigint {
  return bytes.length === 0 ? 0n : BigInt('0x' + Buffer.from(bytes).toString('hex'));
}

/** Lower-case hex of `bytes` without 0x. */
export function hexOf(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

/**
 * Yellow Paper §7 CREATE address for a small nonce (< 0x80): keccak256(rlp([sender, nonce]))[12:], where the
 * RLP is 0xd6 ‖ 0x94 ‖ sender ‖ (0x80 for nonce 0, else the nonce byte). Written out here so the tests do not
 * lean on the engine's own createAddress.
 */
export function createdAddress(sender: Address, nonce: number): Address {
  if (nonce >= 0x80) throw new Error('small nonces only');
  const nonceByte = nonce === 0 ? '80' : nonce.toString(16).padStart(2, '0');
  const rlp = hexToBytes('d694' + sender.slice(2) + nonceByte);
  return '0x' + hexOf(keccak256(rlp).subarray(12));
}

/** EIP-1014 CREATE2 address: keccak256(0xff ‖ sender ‖ salt ‖ keccak256(initcode))[12:]. */
export function create2AddressOf(sender: Address, salt: bigint, initcode: Uint8Array): Address {
  const preimage = hexToBytes('ff' + sender.slice(2) + salt.toString(16).padStart(64, '0') + hexOf(keccak256(initcode)));
  return '0x' + hexOf(keccak256(preimage).subarray(12));
}

/**
 * SSTORE sequences of the EIP-1283 test table (slot 0; "used gas" includes the 3 gas of each PUSH1), with
 * the legacy Yellow Paper price (20000 to set a zero slot, 5000 otherwise, 15000 refund when a non-zero slot
 * is cleared) and the EIP-1283 price (no-op/dirty 200, fresh 20000/5000, refunds 19800/4800/±15000).
 */
export interface SstoreCase {
  code: string;
  original: bigint;
  legacy: { gas: number; refund: number };
  eip1283: { gas: number; refund: number };
}

export const SSTORE_CASES: SstoreCase[] = [
  // 0 → 0 → 0. Legacy: 5000 + 5000 + 12. EIP-1283: no-op 200 twice + 12 (table: 412).
  { code: '60006000556000600055', original: 0n, legacy: { gas: 10012, refund: 0 }, eip1283: { gas: 412, refund: 0 } },
  // 0 → 1 → 0. Legacy: 20000 + 5000 + 12, refund 15000. EIP-1283: 20000 + 200 + 12, refund 20000 - 200 = 19800.
  { code: '60016000556000600055', original: 0n, legacy: { gas: 25012, refund: 15000 }, eip1283: { gas: 20212, refund: 19800 } },
  // 1 → 1 → 2. Legacy: 5000 + 5000 + 12. EIP-1283: no-op 200 + fresh 5000 + 12 (table: 5212).
  { code: '60016000556002600055', original: 1n, legacy: { gas: 10012, refund: 0 }, eip1283: { gas: 5212, refund: 0 } },
  // 1 → 0 → 1. Legacy: 5000 (refund 15000) + 20000 + 12. EIP-1283: 5000 (+15000) + dirty 200 (-15000 for the
  // cleared slot refilled, +4800 for the reset to the original) + 12 (table: 5212, 4800).
  { code: '60006000556001600055', original: 1n, legacy: { gas: 25012, refund: 15000 }, eip1283: { gas: 5212, refund: 4800 } },
  // 0 → 1 → 0 → 1. Legacy: 20000 + 5000 (refund 15000) + 20000 + 18. EIP-1283: 20000 + 200 (+19800) + 20000
  // (fresh again) + 18 (table: 40218, 19800).
  {
    code: '600160005560006000556001600055',
    original: 0n,
    legacy: { gas: 45018, refund: 15000 },
    eip1283: { gas: 40218, refund: 19800 },
  },
];
