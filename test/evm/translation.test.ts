// One semantics: generated programs run through the translation tier (src/evm/translate/) and through the
// interpreter alone must end alike — status, gas used, output, logs and state root. Two generators: the
// differential fuzzer's (every opcode of every fork, calls, creates, precompiles, jumps into the middle of
// code), each case at several gas limits so that out-of-gas lands at every kind of instruction; and one
// below that builds loops, internal calls through return addresses, long straight lines (split into
// several blocks), deep stacks and recursive calls, where values stay in the translated code's locals.
// This runs on the built library (dist/), like the fuzzer, so that the mode switch reaches the code run.
import { describe, expect, it } from 'vitest';
import { OPCODES, loadCase } from '../../fuzz/src/evmkit.js';
import { allForks, type ForkSpec } from '../../fuzz/src/forks.js';
import { Asm, OP } from '../../fuzz/src/generate/asm.js';
import { generateCase, intrinsicEstimate, toStateTest } from '../../fuzz/src/generate/case.js';
import { Rng } from '../../fuzz/src/rng.js';
import type { StateTestJson } from '../../fuzz/src/statetest.js';
import { setTranslationMode, type TranslationMode } from '../../dist/evm/translate/tier.js';
import { WorldState } from '../../dist/state/world.js';
import { stateRoot } from '../../dist/state/root.js';
import { logsHash } from '../../dist/state/logs.js';
import { executeTransaction } from '../../dist/transition/execute.js';
import { bytesToHex } from '../../dist/primitives/bytes.js';

/** What a run is compared on. */
function outcome(test: StateTestJson, mode: TranslationMode, jumps?: number): string {
  setTranslationMode(mode, jumps);
  try {
    const c = loadCase(test);
    if (c.tx === null) return 'no transaction';
    const state = WorldState.fromAlloc(c.pre);
    const r = executeTransaction(state, c.env, c.tx, c.fork);
    return JSON.stringify({
      status: r.status, error: r.error, gasUsed: String(r.gasUsed), output: bytesToHex(r.output),
      logs: bytesToHex(logsHash(r.logs)), root: bytesToHex(stateRoot(state)),
    });
  } finally {
    setTranslationMode('auto');
  }
}

/** Runs `test` interpreted, translated from the start, and switching to translated code mid-run. */
function expectSame(test: StateTestJson, label: string): string {
  const reference = outcome(test, 'never');
  expect(outcome(test, 'always'), `${label}: translated`).toBe(reference);
  expect(outcome(test, 'auto', 3), `${label}: switched at 3 jumps to one destination`).toBe(reference);
  return reference;
}

describe('translation tier against the interpreter', () => {
  it('agrees on the fuzzer’s cases of every fork, at random gas limits', () => {
    let outOfGas = 0;
    for (const spec of allForks()) {
      for (let i = 0; i < 8; i++) {
        const c = generateCase(spec, 'translate', i);
        const rng = new Rng(`translate-gas/${spec.name}`, i);
        const full = c.tx.gasLimit;
        const floor = intrinsicEstimate(c.tx);
        for (let k = 0; k < 3; k++) {
          // The full limit, then limits between the intrinsic cost and it: execution stops at a random point.
          if (k > 0 && full > floor) c.tx.gasLimit = floor + (rng.bigBits(40) % (full - floor + 1n));
          const result = expectSame(toStateTest(c), `${spec.name} case ${i} gas ${c.tx.gasLimit}`);
          if (result.includes('out of gas')) outOfGas++;
        }
        c.tx.gasLimit = full;
      }
    }
    expect(outOfGas).toBeGreaterThan(0);
  }, 120_000);

  it('agrees on loops, internal calls, long blocks, deep stacks and recursion, at random gas limits', () => {
    for (const spec of allForks()) {
      for (let i = 0; i < 6; i++) {
        const rng = new Rng(`translate-loops/${spec.name}`, i);
        const code = loopProgram(rng, spec);
        for (const gas of [10_000_000n, 21_000n + BigInt(rng.range(1, 200_000)), 21_000n + BigInt(rng.range(1, 30_000))]) {
          expectSame(callTest(spec, code, gas), `${spec.name} loop program ${i} gas ${gas} code ${bytesToHex(code)}`);
        }
      }
    }
  }, 120_000);

  it('runs hostile shapes without crashing: 24 KB of JUMPDESTs, one 24 KB straight line, deep recursion', () => {
    const spec = allForks().at(-1)!;
    const jumpdests = new Uint8Array(24_576).fill(OP.JUMPDEST);
    const line = new Asm();
    while (line.code().length < 24_000) line.push(7n).push(5n).op(0x02).op(0x80).op(0x01).op(OP.POP).op(OP.POP);
    // Calls itself with all gas until the depth limit or the gas runs out, then stores how deep it got.
    const recursion = new Asm().push(0n).op(0x35).push(1n).op(OP.ADD).push(0n).op(OP.MSTORE)
      .push(0n).push(0n).push(32n).push(0n).push(0n).op(0x30).op(OP.GAS).op(OP.CALL)
      .push(0n).op(0x35).op(OP.SSTORE).op(OP.STOP).code();
    for (const code of [jumpdests, line.code(), recursion]) {
      expect(expectSame(callTest(spec, code, 30_000_000n), 'hostile')).toContain('"status"');
    }
  }, 120_000);
});

/** A state test whose transaction calls `code` (at 0x…c0de) with `gas`. */
function callTest(spec: ForkSpec, code: Uint8Array, gas: bigint): StateTestJson {
  const base = toStateTest(generateCase(spec, 'translate-base', 0));
  const sender = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
  const to = '0x000000000000000000000000000000000000c0de';
  const tx = { data: ['0x'], gasLimit: ['0x' + gas.toString(16)], value: ['0x0'], nonce: '0x0', to, secretKey: '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8', gasPrice: '0x2540be400', sender };
  return {
    ...base,
    pre: {
      [sender]: { balance: '0x3635c9adc5dea00000', nonce: '0x0', code: '0x', storage: {} },
      [to]: { balance: '0x0', nonce: '0x1', code: bytesToHex(code), storage: {} },
    },
    transaction: tx,
  } as unknown as StateTestJson;
}

/** Opcodes of the fork that neither end the frame nor start a call nor jump (the loop bodies' material). */
function bodyOps(spec: ForkSpec): number[] {
  // RETURNDATACOPY with arguments as they come mostly halts; the fuzzer's cases cover it.
  const skip = new Set([0x00, 0x3e, 0x56, 0x57, 0x58, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xfa, 0xfd, 0xfe, 0xff]);
  return spec.opcodes.filter((op) => !skip.has(op) && !(op >= 0x60 && op <= 0x9f) && op !== 0x5b && op !== 0x50);
}

/** Opcodes that take memory offsets and sizes (their operands are all kept small). */
const MEMORY_OPS = new Set([0x20, 0x37, 0x39, 0x3c, 0x51, 0x52, 0x53, 0x5e, 0xa0, 0xa1, 0xa2, 0xa3, 0xa4]);
/** Memory word holding the "jumped back into a loop once" flag, and the loop counters' base. */
const FLAG = 0x900n;
/** Memory word into which the results of operations on literals are XORed (stored at slot 0xac at the end). */
const ACCUMULATOR = 0xa00n;
const COUNTERS = 0x800n;

/**
 * A program of loops: each loop counts a memory word down from a small number; its body is a run of random
 * opcodes on values kept on the stack (so they live in the translated code's locals), with JUMPDESTs in the
 * middle (entries inside what would otherwise be one block) and internal calls (push a return address,
 * jump to a subroutine at the end, jump back through the address). The stack height is tracked so that
 * most programs run to their end; the body's top word goes to storage each iteration, so the root sees it.
 * Once per program, a later loop may jump back into the middle of an earlier loop's body.
 */
function loopProgram(rng: Rng, spec: ForkSpec): Uint8Array {
  const ops = bodyOps(spec);
  const a = new Asm();
  const fixups: { at: number; label: string }[] = [];
  const labels = new Map<string, { at: number; height: number }>();
  let height = 0;
  const push = (v: bigint): void => {
    a.push(v);
    height++;
  };
  const jumpTo = (label: string): void => {
    fixups.push({ at: a.code().length + 1, label });
    a.pushN(0n, 2);
    height++;
  };
  const mark = (label: string): void => {
    labels.set(label, { at: a.code().length, height });
    a.op(OP.JUMPDEST);
  };
  const op = (code: number, stackIn: number, stackOut: number): void => {
    while (height < stackIn) push(rng.bigBits(rng.pick([8, 64, 256])));
    a.op(code);
    height += stackOut - stackIn;
  };
  const toHeight = (target: number): void => {
    // XOR, not POP: what is dropped still reaches the word stored at the end of the loop, so a wrong
    // value anywhere changes the state root.
    while (height > target) op(target > 0 ? 0x18 : OP.POP, target > 0 ? 2 : 1, target > 0 ? 1 : 0);
    while (height < target) push(rng.bigBits(rng.pick([8, 64, 256])));
  };
  for (let i = 0; i < 6; i++) push(rng.bigBits(rng.pick([8, 64, 256])));
  const base = height;
  const loops = rng.range(1, 4);
  for (let l = 0; l < loops; l++) {
    const counter = COUNTERS + BigInt(32 * l);
    push(BigInt(rng.range(1, 6)));
    push(counter);
    op(OP.MSTORE, 2, 0);
    mark(`loop${l}`);
    const length = rng.pick([5, 20, 60, 250]);
    for (let k = 0; k < length; k++) {
      const r = rng.int(20);
      if (r < 3) push(rng.bigBits(rng.pick([1, 8, 64, 255, 256])));
      else if (r < 5) {
        const n = rng.range(1, 8);
        op(0x7f + n, n, n + 1); // DUPn
      } else if (r < 7) {
        const n = rng.range(1, 8);
        op(0x8f + n, n + 1, n + 1); // SWAPn
      } else if (r === 7) mark(`in${l}_${k}`);
      else if (r === 8 && height >= 1) {
        jumpTo(`ret${l}_${k}`);
        jumpTo('sub');
        a.op(OP.JUMP);
        height -= 2; // the subroutine takes the return address; the jump, its destination
        mark(`ret${l}_${k}`);
      } else if (r === 9 && height >= 1) {
        // A literal operand, above or (after SWAP1) below the other: what folding and the strength
        // reductions (MUL/DIV/MOD by 2^k, identities) look for.
        const k = rng.int(257);
        push(rng.pick([0n, 1n, 2n, 1n << BigInt(k % 256), (1n << BigInt(k)) - 1n, 3n << BigInt(k % 250)]));
        if (rng.int(2) === 0) op(0x90, 2, 2); // SWAP1
        op(rng.pick([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x16, 0x17, 0x18, 0x1a]), 2, 1);
        // The result also goes into an accumulator that the program stores at its end.
        op(OP.DUP1, 1, 2);
        push(ACCUMULATOR);
        op(OP.MLOAD, 1, 1);
        op(0x18, 2, 1); // XOR
        push(ACCUMULATOR);
        op(OP.MSTORE, 2, 0);
      } else {
        const code = rng.pick(ops);
        const info = OPCODES[code]!;
        // Small memory offsets and sizes (as they come, most would run out of gas at once).
        if (MEMORY_OPS.has(code)) for (let n = 0; n < info.stackIn; n++) push(BigInt(rng.int(300)));
        op(code, info.stackIn, info.stackOut);
      }
      if (height > 40) toHeight(20);
    }
    toHeight(base + 1);
    push(BigInt(l));
    op(OP.SSTORE, 2, 0);
    // counter -= 1; loop while it is not zero
    push(counter);
    op(OP.MLOAD, 1, 1);
    push(1n);
    op(OP.SWAP1, 2, 2);
    op(0x03, 2, 1);
    op(OP.DUP1, 1, 2);
    push(counter);
    op(OP.MSTORE, 2, 0);
    jumpTo(`loop${l}`);
    op(OP.JUMPI, 2, 0);
    const inside = [...labels.entries()].filter(([name]) => name.startsWith('in'));
    if (inside.length > 0 && rng.chance(0.4)) {
      // Once: set the flag, reset that loop's counter to 1, and jump to a JUMPDEST inside its body.
      const [label, at] = rng.pick(inside);
      const saved = height;
      toHeight(at.height);
      push(1n);
      push(COUNTERS + BigInt(32 * Number(label.slice(2).split('_')[0])));
      op(OP.MSTORE, 2, 0);
      push(FLAG);
      op(OP.MLOAD, 1, 1);
      op(0x15, 1, 1); // ISZERO: the flag is not set yet
      push(1n);
      push(FLAG);
      op(OP.MSTORE, 2, 0);
      jumpTo(label);
      op(OP.JUMPI, 2, 0);
      toHeight(saved);
    }
  }
  a.push(ACCUMULATOR).op(OP.MLOAD).push(0xacn).op(OP.SSTORE).op(OP.STOP);
  // The subroutine doubles the word below its return address and jumps back.
  labels.set('sub', { at: a.code().length, height: 0 });
  a.op(OP.JUMPDEST).op(OP.SWAP1).op(OP.DUP1).op(0x01).op(OP.SWAP1).op(OP.JUMP);
  const code = a.code();
  for (const { at, label } of fixups) {
    const target = labels.get(label)!.at;
    code[at] = target >> 8;
    code[at + 1] = target & 0xff;
  }
  return code;
}
