/**
 * KECCAK256 of a memory range as a word, with the last results of short inputs kept. Compiled Solidity
 * hashes the same few inputs again and again: a dynamic storage array's base slot keccak(p) at every
 * element access, a mapping's keccak(key ‖ p) at each read and write of the entry (snailtracer: 5,547
 * hashes per run, of 2 distinct inputs). A hash through hash-wasm costs ~1–1.3 µs here, mostly its
 * wrapper's typed arrays; a kept result costs one pass over the input, and no bigint is made.
 *
 * Direct-mapped: an input of at most MAX_BYTES bytes, a multiple of 4, goes to one of ENTRIES slots by a
 * hash of its 32-bit words; the slot holds the input's words, its length and the result. A hit compares
 * every word, so a result is only ever returned for exactly the input it was computed from.
 */
import { keccak256 } from './keccak.js';
import { readWordAt } from './word.js';

const ENTRIES = 256;
const MAX_BYTES = 64;
const WORDS = MAX_BYTES / 4;

const keptWords = new Int32Array(ENTRIES * WORDS);
/** Input length in bytes of each slot; -1: empty. */
const keptLengths = new Int32Array(ENTRIES).fill(-1);
const keptResults: bigint[] = new Array<bigint>(ENTRIES).fill(0n);
const input = new Int32Array(WORDS);

/** keccak256(bytes[start, start + length)) as a big-endian word (the range must lie inside `bytes`). */
export function keccakWord(bytes: Uint8Array, start: number, length: number): bigint {
  if (length > MAX_BYTES || (length & 3) !== 0) return hashWord(bytes, start, length);
  const words = length >> 2;
  let h = length;
  for (let i = 0, p = start; i < words; i++, p += 4) {
    const w = (bytes[p] << 24) | (bytes[p + 1] << 16) | (bytes[p + 2] << 8) | bytes[p + 3];
    input[i] = w;
    h = Math.imul(h ^ w, 0x01000193); // FNV-1a's prime, a word at a time
  }
  const slot = (h ^ (h >>> 16)) & (ENTRIES - 1);
  const base = slot * WORDS;
  if (keptLengths[slot] === length) {
    let same = true;
    for (let i = 0; i < words; i++) {
      if (keptWords[base + i] !== input[i]) {
        same = false;
        break;
      }
    }
    if (same) return keptResults[slot];
  }
  const result = hashWord(bytes, start, length);
  for (let i = 0; i < words; i++) keptWords[base + i] = input[i];
  keptLengths[slot] = length;
  keptResults[slot] = result;
  return result;
}

function hashWord(bytes: Uint8Array, start: number, length: number): bigint {
  const hash = keccak256(bytes.subarray(start, start + length));
  return readWordAt(new DataView(hash.buffer, hash.byteOffset, 32), 0);
}
