/**
 * A small block's worth of state and transactions shared by the source, diff and incremental-root tests:
 * storage writes and clears, value transfers that create accounts, a contract creation, SELFDESTRUCT, an
 * EIP-161 touch of an empty account, and 60 filler accounts so the tries have depth.
 */
import { Op } from '../../src/evm/opcodes.js';
import type { Address } from '../../src/primitives/address.js';
import type { Transaction } from '../../src/transition/types.js';
import { bytes, call, deploy, ins, op, selfdestruct, sload, sstore } from '../helpers/bytecode.js';
import { COINBASE, SENDER, type AccountSpec, transaction } from '../helpers/run.js';

export const A: Address = '0x000000000000000000000000000000000000aaaa';
export const B: Address = '0x000000000000000000000000000000000000bbbb';
/** Has no account before: A's call to it creates it. */
export const C: Address = '0x000000000000000000000000000000000000cccc';
export const D: Address = '0x000000000000000000000000000000000000dddd';
/** An empty account: a zero-value call touches it and EIP-161 deletes it. */
export const E: Address = '0x000000000000000000000000000000000000eeee';
/** SELFDESTRUCT's beneficiary: created by it. */
export const F: Address = '0x000000000000000000000000000000000000ffff';

/** A: counter in slot 0 += 1, clears slot 1, sends 1 wei to B and 2 wei to C (absent). */
const codeA = sstore(0, ins(Op.ADD, sload(0), 1)) + sstore(1, 0) + call({ to: B, value: 1 }) + op(Op.POP) + call({ to: C, value: 2 }) + op(Op.POP);
/** B: slot 5 += CALLVALUE; slot 6 = BALANCE of F. */
const codeB = sstore(5, ins(Op.ADD, sload(5), op(Op.CALLVALUE))) + sstore(6, ins(Op.BALANCE, F));
/** D: SELFDESTRUCT to F. */
const codeD = selfdestruct(F);

/** The accounts before the block. */
export function prestate(): Record<Address, AccountSpec> {
  const pre: Record<Address, AccountSpec> = {
    [SENDER]: { balance: 10n ** 18n },
    [A]: { balance: 1000n, nonce: 1n, code: codeA, storage: { '0': 7n, '1': 9n, '2': 3n } },
    [B]: { balance: 5n, nonce: 1n, code: codeB, storage: { '5': 100n } },
    [D]: { balance: 77n, nonce: 1n, code: codeD, storage: { '1': 1n, '2': 2n } },
    [E]: {},
  };
  for (let i = 0; i < 60; i++) {
    const address = '0x' + (0x100000 + i * 0x9e3779).toString(16).padStart(40, '0');
    pre[address] = { balance: BigInt(i + 1) * 10n ** 15n, nonce: BigInt(i % 4), storage: i % 6 === 0 ? { '1': BigInt(i + 1) } : {} };
  }
  return pre;
}

/** The block's transactions, in order (legacy, gas price 10). */
export function transactions(): Transaction[] {
  const initcode = bytes(sstore(0, 42) + sstore(3, 43) + deploy('6001600055'));
  return [
    transaction({ to: A, nonce: 0n }),
    transaction({ to: D, nonce: 1n }),
    transaction({ to: null, nonce: 2n, data: initcode }),
    transaction({ to: E, nonce: 3n }),
    transaction({ to: A, nonce: 4n, value: 10n }),
    transaction({ to: B, nonce: 5n, value: 3n }),
  ];
}

export { COINBASE, SENDER };
