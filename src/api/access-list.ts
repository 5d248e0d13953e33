/**
 * Access-list creation as geth's eth_createAccessList: run the call with a tracer that records every account
 * and slot it touches, run again with that list (warm accesses change gas, and so possibly the path), until
 * the list no longer changes. Sender, recipient (or the created address) and precompiles are left out as
 * addresses (they are warm anyway), though slots of the recipient are kept, as geth keeps them.
 */
import type { Frame } from '../evm/frame.js';
import type { Tracer } from '../evm/tracer.js';
import { type Address, addressFromWord } from '../primitives/address.js';
import type { AccessListEntry } from '../transition/types.js';

/** Opcodes whose top stack item is an address the access list should hold (geth's list). */
const ADDRESS_ON_TOP = new Set([0x3c, 0x3f, 0x3b, 0x31, 0xff]); // EXTCODECOPY, EXTCODEHASH, EXTCODESIZE, BALANCE, SELFDESTRUCT
/** CALL, CALLCODE, DELEGATECALL, STATICCALL: the address is the second item. */
const CALLS = new Set([0xf1, 0xf2, 0xf4, 0xfa]);
const SLOAD = 0x54;
const SSTORE = 0x55;

/** Records the accounts and slots a run touches, starting from a given list. */
export class AccessListTracer implements Tracer {
  private readonly list = new Map<Address, Set<bigint>>();

  constructor(
    start: readonly AccessListEntry[],
    private readonly excluded: ReadonlySet<Address>,
  ) {
    for (const entry of start) {
      if (excluded.has(entry.address)) continue;
      const slots = this.entry(entry.address);
      for (const key of entry.storageKeys) slots.add(key);
    }
  }

  onStep(frame: Frame, op: number): void {
    const sp = frame.sp;
    const stack = frame.stack;
    if ((op === SLOAD || op === SSTORE) && sp >= 1) {
      this.entry(frame.address).add(stack[sp - 1]);
    } else if (ADDRESS_ON_TOP.has(op) && sp >= 1) {
      this.address(addressFromWord(stack[sp - 1]));
    } else if (CALLS.has(op) && sp >= 5) {
      this.address(addressFromWord(stack[sp - 2]));
    }
  }

  /** The list recorded: addresses in ascending order, each with its slots ascending. */
  accessList(): AccessListEntry[] {
    return [...this.list.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([address, slots]) => ({ address, storageKeys: [...slots].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)) }));
  }

  private address(address: Address): void {
    if (!this.excluded.has(address)) this.entry(address);
  }

  private entry(address: Address): Set<bigint> {
    let slots = this.list.get(address);
    if (slots === undefined) this.list.set(address, (slots = new Set()));
    return slots;
  }
}

/** True when two lists (as accessList() orders them) hold the same addresses and slots. */
export function sameAccessList(a: readonly AccessListEntry[], b: readonly AccessListEntry[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((entry, i) => {
    const other = b[i];
    return entry.address === other.address && entry.storageKeys.length === other.storageKeys.length && entry.storageKeys.every((k, j) => k === other.storageKeys[j]);
  });
}
