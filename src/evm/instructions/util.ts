/** Small helpers shared by instruction families. */
import { WARM_ACCESS } from '../opcodes.js';
import { Fork } from '../../forks/fork.js';
import type { Frame } from '../frame.js';
import type { Address } from '../../primitives/address.js';
import { toSmallNumber } from '../../primitives/word.js';

/** 32-byte words covering `size` bytes. */
export function words(size: number): number {
  return Math.ceil(size / 32);
}

/**
 * EIP-2929: charges the cold-account surcharge (the warm part is the opcode's base gas) and warms the
 * account. Before Berlin it charges nothing. Returns false on out of gas.
 */
export function chargeAccountAccess(f: Frame, address: Address): boolean {
  if (f.fork < Fork.Berlin) return true;
  if (f.host.accessAccount(address)) return f.charge(f.schedule.coldAccountAccess - WARM_ACCESS);
  return true;
}

/** Clamps a word to a number that is at least as large as any real offset (for data offsets). */
export function clampOffset(x: bigint): number {
  return x > 0xffffffffffffn ? Number.MAX_SAFE_INTEGER : toSmallNumber(x);
}

/** Copies source[from, from+n) into memory at `to`, zero-filling what lies past the source's end. */
export function writePadded(memory: Uint8Array, to: number, source: Uint8Array, from: number, n: number): void {
  const available = from >= source.length ? 0 : Math.min(n, source.length - from);
  if (available > 0) memory.set(source.subarray(from, from + available), to);
  if (available < n) memory.fill(0, to + available, to + n);
}
