import { bytesEqual } from '../primitives/bytes.js';
import { readUint } from '../primitives/word.js';

/** Code analysis done once per code: zero padding for PUSH at the end, and the JUMPDEST bitmap. */

/** Code prepared for execution. */
export interface AnalyzedCode {
  /** The code followed by 33 zero bytes, so reading a PUSH immediate or the next opcode never runs off. */
  readonly padded: Uint8Array;
  /** Length of the real code. */
  readonly length: number;
  /** 1 at every offset holding a JUMPDEST that is an opcode (not PUSH data). */
  readonly jumpdests: Uint8Array;
  /**
   * At each JUMPDEST opcode, how many JUMPDEST opcodes follow one another from there (itself included,
   * at most 255): the interpreter runs such a run of no-ops at once when the gas covers all of it.
   */
  readonly jumpdestRuns: Uint8Array;
  /** The immediate of the PUSH at each offset, decoded once (indexed by the offset after the opcode). */
  readonly pushValues: bigint[];
  /**
   * Static jumps, indexed like pushValues: where a PUSH is directly followed by JUMP or JUMPI and its
   * immediate is a valid JUMPDEST, that destination; -1 everywhere else. The interpreter's fast loop uses it
   * to run "PUSH dest; JUMP(I)" without a second dispatch or a bigint-to-number conversion.
   */
  readonly jumpTargets: Int32Array;
  /**
   * Heat of each jump destination: taken jumps to it, halved every few frames that start in this code
   * (translate/tier.ts). A destination that reaches the translation threshold is where a loop's translated
   * code is entered and stays; code that runs a few times per frame stays interpreted.
   */
  readonly heat: Int32Array;
  /** Frames started in this code since its heat was last halved. */
  starts: number;
  /** Frames started in this code in all (up to WHOLE_CODE_FRAMES): a code run this often is translated whole. */
  frames: number;
}

const cache = new WeakMap<Uint8Array, AnalyzedCode>();

/**
 * Analyses of codes of at least SHARED_FROM bytes by content hash, so that equal codes in different arrays
 * share one. An analysis costs ~19 bytes per code byte (pushValues alone 8), and a factory's contracts are
 * equal codes in arrays of their own: stCreateTest/CreateOOGafterMaxCodesize creates and calls hundreds of
 * 24 KB contracts, 337 MB peak RSS for that one file before (docs/PERFORMANCE.md, "Session 5"). Weak: an
 * analysis lives while some code array maps to it in `cache`; a hash collision only means no sharing.
 */
const SHARED_FROM = 1024;
const byContent = new Map<number, WeakRef<AnalyzedCode>>();
const forget = new FinalizationRegistry<number>((hash) => {
  if (byContent.get(hash)?.deref() === undefined) byContent.delete(hash);
});

/** Analyses `code`, cached per code array (accounts keep their code array for its lifetime) and by content. */
export function analyze(code: Uint8Array): AnalyzedCode {
  let result = cache.get(code);
  if (result !== undefined) return result;
  if (code.length < SHARED_FROM) {
    result = analyzeUncached(code);
  } else {
    const hash = contentHash(code);
    const shared = byContent.get(hash)?.deref();
    if (shared !== undefined && bytesEqual(shared.padded.subarray(0, shared.length), code)) {
      result = shared;
    } else {
      result = analyzeUncached(code);
      byContent.set(hash, new WeakRef(result));
      forget.register(result, hash);
    }
  }
  cache.set(code, result);
  return result;
}

/** FNV-1a over the bytes: ~1 ns a byte, against several for the analysis it may save. */
function contentHash(code: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < code.length; i++) h = Math.imul(h ^ code[i], 0x01000193);
  return h >>> 0;
}

function analyzeUncached(code: Uint8Array): AnalyzedCode {
  const padded = new Uint8Array(code.length + 33);
  padded.set(code);
  const jumpdests = new Uint8Array(code.length);
  const pushValues = new Array<bigint>(code.length + 1).fill(0n);
  const jumpTargets = new Int32Array(code.length + 1).fill(-1);
  const staticJumps: number[] = []; // offsets (after the PUSH opcode) of PUSHes followed by JUMP/JUMPI
  for (let pc = 0; pc < code.length; pc++) {
    const op = code[pc];
    if (op === 0x5b) jumpdests[pc] = 1;
    else if (op >= 0x60 && op <= 0x7f) {
      const n = op - 0x5f;
      pushValues[pc + 1] = readUint(padded, pc + 1, n);
      const next = padded[pc + 1 + n];
      if (next === 0x56 || next === 0x57) staticJumps.push(pc + 1);
      pc += n;
    }
  }
  const jumpdestRuns = new Uint8Array(code.length);
  for (let pc = code.length - 1; pc >= 0; pc--) {
    if (jumpdests[pc] === 1) jumpdestRuns[pc] = pc + 1 < code.length ? Math.min(255, jumpdestRuns[pc + 1] + 1) : 1;
  }
  // Second pass: a destination may lie after the jump, so the JUMPDEST bitmap must be complete first.
  for (const at of staticJumps) {
    const destination = pushValues[at];
    if (destination < BigInt(code.length) && jumpdests[Number(destination)] === 1) jumpTargets[at] = Number(destination);
  }
  return { padded, length: code.length, jumpdests, jumpdestRuns, pushValues, jumpTargets, heat: new Int32Array(code.length + 1), starts: 0, frames: 0 };
}
