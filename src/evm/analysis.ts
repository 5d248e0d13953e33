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
  /** The immediate of the PUSH at each offset, decoded once (indexed by the offset after the opcode). */
  readonly pushValues: bigint[];
}

const cache = new WeakMap<Uint8Array, AnalyzedCode>();

/** Analyses `code`, cached per code array (accounts keep their code array for its lifetime). */
export function analyze(code: Uint8Array): AnalyzedCode {
  let result = cache.get(code);
  if (result === undefined) {
    result = analyzeUncached(code);
    cache.set(code, result);
  }
  return result;
}

function analyzeUncached(code: Uint8Array): AnalyzedCode {
  const padded = new Uint8Array(code.length + 33);
  padded.set(code);
  const jumpdests = new Uint8Array(code.length);
  const pushValues = new Array<bigint>(code.length + 1).fill(0n);
  for (let pc = 0; pc < code.length; pc++) {
    const op = code[pc];
    if (op === 0x5b) jumpdests[pc] = 1;
    else if (op >= 0x60 && op <= 0x7f) {
      const n = op - 0x5f;
      pushValues[pc + 1] = readUint(padded, pc + 1, n);
      pc += n;
    }
  }
  return { padded, length: code.length, jumpdests, pushValues };
}
