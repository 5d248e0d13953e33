/** The 2048-bit logs bloom (Yellow Paper M): three bits per log address and per topic. */
import { addressToBytes } from '../primitives/address.js';
import { bigIntToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import type { Log } from '../transition/types.js';

/** Bytes of a bloom. */
export const BLOOM_BYTES = 256;

/** Sets the three bits of `data` in `bloom`: the low 11 bits of each of the first three byte pairs of its hash. */
function addToBloom(bloom: Uint8Array, data: Uint8Array): void {
  const h = keccak256(data);
  for (let i = 0; i < 6; i += 2) {
    const bit = ((h[i] << 8) | h[i + 1]) & 2047;
    bloom[BLOOM_BYTES - 1 - (bit >> 3)] |= 1 << (bit & 7);
  }
}

/** The bloom of a list of logs (of a receipt, or of a whole block). */
export function logsBloom(logs: readonly Log[]): Uint8Array {
  const bloom = new Uint8Array(BLOOM_BYTES);
  for (const log of logs) {
    addToBloom(bloom, addressToBytes(log.address));
    for (const topic of log.topics) addToBloom(bloom, bigIntToBytes(topic, 32));
  }
  return bloom;
}

/** ORs `other` into `bloom` (a block's bloom from its receipts'). */
export function orBloom(bloom: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < BLOOM_BYTES; i++) bloom[i] |= other[i];
}
