// Arbitrary bytecode never crashes the interpreter: every program ends in a defined status with gas
// accounted (all gas consumed on exceptional halts, never more than given). Programs are drawn from a
// seeded generator biased towards the opcodes that take sizes, offsets and addresses from the stack.
import { describe, expect, it } from 'vitest';
import { Fork } from '../../src/forks/fork.js';
import { Status, isExceptional } from '../../src/evm/status.js';
import { runCode } from '../helpers/run.js';

/** xorshift32: deterministic, so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** Interesting immediates: zero, small, word-sized, just under/over 2^32, all-ones. */
const PUSH_VALUES = ['00', '01', '20', 'ff', 'ffff', 'ffffffff', '0100000000', 'ff'.repeat(32), '80' + '00'.repeat(31)];
const BIASED_OPS = [
  0x20, 0x37, 0x39, 0x3c, 0x3e, 0x51, 0x52, 0x53, 0x5e, 0xa0, 0xa2, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xfa,
  0xfd, 0xff, 0x56, 0x57, 0x0a, 0x1a, 0x1b, 0x1d, 0x31, 0x3b, 0x3f, 0x40, 0x49, 0x54, 0x55, 0x5c, 0x5d,
];

function randomProgram(next: () => number): string {
  let code = '';
  const length = 1 + (next() % 40);
  for (let i = 0; i < length; i++) {
    const r = next() % 10;
    if (r < 4) {
      const value = PUSH_VALUES[next() % PUSH_VALUES.length];
      code += (0x5f + value.length / 2).toString(16) + value;
    } else if (r < 7) {
      code += BIASED_OPS[next() % BIASED_OPS.length].toString(16).padStart(2, '0');
    } else {
      code += (next() % 256).toString(16).padStart(2, '0'); // any byte, defined or not, even a cut PUSH
    }
  }
  return code;
}

describe('random bytecode', () => {
  for (const fork of [Fork.Frontier, Fork.Byzantium, Fork.Berlin, Fork.Cancun]) {
    it(`ends every program in a defined halt with sane gas (${Fork[fork]})`, () => {
      const next = rng(0xc0ffee + fork);
      const gas = 200_000;
      for (let n = 0; n < 2000; n++) {
        const code = randomProgram(next);
        const run = runCode(code, { fork, gas, balance: 10n ** 18n });
        expect(run.status, `program ${code}`).toBeGreaterThan(Status.Continue);
        expect(run.gasLeft, `program ${code}`).toBeGreaterThanOrEqual(0n);
        expect(run.gasLeft, `program ${code}`).toBeLessThanOrEqual(BigInt(gas));
        if (isExceptional(run.status)) expect(run.gasLeft, `program ${code}`).toBe(0n);
      }
    });
  }
});
