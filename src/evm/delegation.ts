/**
 * EIP-7702 delegation designators: code `0xef0100 ‖ address` (23 bytes) makes calls to an account run the
 * code at `address`. One level only: a designator found at the delegate is not followed again.
 */
import { type Address, addressFromBytes, addressToBytes } from '../primitives/address.js';
import type { GasSchedule } from '../forks/gas.js';
import type { Host } from './host.js';
import { WARM_ACCESS } from './opcodes.js';

/** The designator's 3-byte prefix: 0xef (banned by EIP-3541 for deployed code), then 0x01 0x00. */
const PREFIX_0 = 0xef;
const PREFIX_1 = 0x01;
const PREFIX_2 = 0x00;
/** Prefix plus a 20-byte address. */
export const DESIGNATOR_LENGTH = 23;

/** True when `code` is exactly a delegation designator. */
export function isDesignator(code: Uint8Array): boolean {
  return code.length === DESIGNATOR_LENGTH && code[0] === PREFIX_0 && code[1] === PREFIX_1 && code[2] === PREFIX_2;
}

/** The address a designator points at, or null when `code` is not a designator. */
export function delegateOf(code: Uint8Array): Address | null {
  return isDesignator(code) ? addressFromBytes(code.subarray(3)) : null;
}

/** The designator that delegates to `address`. */
export function designatorFor(address: Address): Uint8Array {
  const code = new Uint8Array(DESIGNATOR_LENGTH);
  code[0] = PREFIX_0;
  code[1] = PREFIX_1;
  code[2] = PREFIX_2;
  code.set(addressToBytes(address), 3);
  return code;
}

/**
 * The gas of reading the delegate's code during a call (EIP-7702): the EIP-2929 cold account access (2600)
 * when the delegate was cold, which warms it, else the warm read (100). Charged with the call's other costs,
 * before the 63/64 cap.
 */
export function delegatedAccessCost(host: Host, delegate: Address, schedule: GasSchedule): number {
  return host.accessAccount(delegate) ? schedule.coldAccountAccess : WARM_ACCESS;
}
