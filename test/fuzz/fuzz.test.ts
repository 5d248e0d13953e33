// The differential fuzzer (fuzz/): generator, oracle harness, comparison, shrinker and known classes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCase } from '../../fuzz/src/check.js';
import { compareOutcomes, diffDumps, firstTraceDifference } from '../../fuzz/src/compare.js';
import { loadCase } from '../../fuzz/src/evmkit.js';
import { allForks, defaultForks, forkSpec } from '../../fuzz/src/forks.js';
import { Asm } from '../../fuzz/src/generate/asm.js';
import { generateCase, toStateTest, type GenCase } from '../../fuzz/src/generate/case.js';
import { KNOWN_BUGS, knownBug } from '../../fuzz/src/known.js';
import type { Outcome, TraceStep } from '../../fuzz/src/outcome.js';
import { runOracle } from '../../fuzz/src/oracle.js';
import { Rng } from '../../fuzz/src/rng.js';
import { shrink } from '../../fuzz/src/shrink.js';
import { splitFixture, type StateTestJson } from '../../fuzz/src/statetest.js';

const ROOT = join(import.meta.dirname, '..', '..');
const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

describe('generator', () => {
  it('is deterministic per (seed, index) and differs across indices', () => {
    const spec = forkSpec('Cancun')!;
    const a = JSON.stringify(toStateTest(generateCase(spec, 's', 7)));
    expect(JSON.stringify(toStateTest(generateCase(spec, 's', 7)))).toBe(a);
    expect(JSON.stringify(toStateTest(generateCase(spec, 's', 8)))).not.toBe(a);
    expect(new Rng('x', 3).u32()).toBe(new Rng('x', 3).u32());
  });

  it('writes plain state tests that evmkit’s own loader accepts, for every fork of the table', () => {
    for (const spec of allForks()) {
      for (let i = 0; i < 10; i++) {
        const c = loadCase(toStateTest(generateCase(spec, 'load', i)));
        expect(c.forkName).toBe(spec.name);
      }
    }
  }, 60_000);

  it('takes opcodes and precompiles from evmkit’s tables, per fork', () => {
    expect(forkSpec('Frontier')!.opcodes).not.toContain(0xf4); // DELEGATECALL: Homestead
    expect(forkSpec('Homestead')!.opcodes).toContain(0xf4);
    expect(forkSpec('Cancun')!.opcodes).toContain(0x5e); // MCOPY
    expect(forkSpec('Shanghai')!.opcodes).not.toContain(0x5e);
    expect(forkSpec('Cancun')!.precompiles).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(forkSpec('Frontier')!.precompiles).toEqual([1, 2, 3, 4]);
    expect(defaultForks().map((f) => f.name)).toContain('Cancun');
  });
});

/** A one-contract Cancun case calling `code` at 0x…c0de. */
function handmade(code: Uint8Array): StateTestJson {
  const c = generateCase(forkSpec('Cancun')!, 'hand', 0);
  const sender = c.sender;
  const to = '0x000000000000000000000000000000000000c0de';
  return {
    env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentNumber: '0x1', currentTimestamp: '0x3e8', currentGasLimit: '0x1c9c380', currentDifficulty: '0x0', currentBaseFee: '0x7', currentRandom: '0x' + '00'.repeat(32), currentExcessBlobGas: '0x0' },
    pre: {
      [sender]: { balance: '0x3635c9adc5dea00000', nonce: '0x0', code: '0x', storage: {} },
      [to]: { balance: '0x0', nonce: '0x1', code: hex(code), storage: {} },
    },
    transaction: { data: ['0x'], gasLimit: ['0x186a0'], value: ['0x0'], nonce: '0x0', to, sender, secretKey: hex(c.senderKey), gasPrice: '0xa' },
    post: { Cancun: [{ hash: '0x' + '00'.repeat(32), logs: '0x' + '00'.repeat(32), indexes: { data: 0, gas: 0, value: 0 } }] },
  };
}

describe('both EVMs on a hand-built case', () => {
  it('agree on a PC-relative jump over INVALID followed by an SSTORE, with the gas worked out by hand', async () => {
    const code = new Asm().jumpOver(Uint8Array.of(0xfe), false).push(1n).push(0n).op(0x55).code();
    const r = await checkCase(handmade(code));
    expect(r.divergence).toBeUndefined();
    // 21000 intrinsic + PC 2 + PUSH2 3 + ADD 3 + JUMP 8 + JUMPDEST 1 + 2×PUSH1 3 + SSTORE (cold, 0 → 1) 22100
    expect(r.evmkit!.outcome).toMatchObject({ status: 'success', gasUsed: 43_123n });
    expect(r.oracle!.outcome.gasUsed).toBe(43_123n);
  });
});

describe('oracle harness', () => {
  // The oracle is only useful if its harness (state setup, block, transaction, coinbase convention) is
  // right: it must reproduce official fixtures' roots.
  it.each([
    'fixtures/GeneralStateTests/stExample/yulExample.json',
    'fixtures/GeneralStateTests/stSStoreTest/SstoreCallToSelfSubRefundBelowZero.json',
    'fixtures/GeneralStateTests/Cancun/stEIP4844-blobtransactions/emptyBlobhashList.json',
  ])('reproduces the expected roots of %s', async (file) => {
    const json = JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, StateTestJson>;
    let n = 0;
    for (const test of Object.values(json)) {
      for (const s of splitFixture(test)) {
        const r = await runOracle(s.test, s.fork);
        const want = s.test.post[s.fork][0];
        expect(r.outcome.stateRoot, `${s.fork} #${s.index}`).toBe(want.hash);
        expect(r.outcome.status === 'invalid', `${s.fork} #${s.index}`).toBe(want.expectException !== undefined);
        n++;
      }
    }
    expect(n).toBeGreaterThan(0);
  }, 60_000);
});

const outcome = (o: Partial<Outcome>): Outcome => ({ status: 'success', gasUsed: 1n, logsHash: '0xl', stateRoot: '0xr', ...o });

describe('comparison', () => {
  it('orders validity, receipt status, gas, logs, root', () => {
    expect(compareOutcomes(outcome({}), outcome({ status: 'invalid' }), true)?.kind).toBe('validity');
    expect(compareOutcomes(outcome({}), outcome({ status: 'halt' }), true)?.kind).toBe('status');
    expect(compareOutcomes(outcome({ status: 'revert' }), outcome({ status: 'halt' }), true)).toBeUndefined(); // both fail
    expect(compareOutcomes(outcome({}), outcome({ status: 'halt' }), false)).toBeUndefined(); // no receipt status
    expect(compareOutcomes(outcome({}), outcome({ gasUsed: 2n }), true)?.kind).toBe('gasUsed');
    expect(compareOutcomes(outcome({}), outcome({ logsHash: '0xm' }), true)?.kind).toBe('logsHash');
    expect(compareOutcomes(outcome({}), outcome({ stateRoot: '0xs' }), true)?.kind).toBe('stateRoot');
  });

  it('finds the first differing trace step, skipping an implicit STOP only one side prints', () => {
    const s = (pc: number, op: number, gas: bigint, depth = 1): TraceStep => ({ pc, op, gas, stack: [], depth });
    const a = [s(0, 0x60, 100n), s(2, 0x00, 97n)];
    expect(firstTraceDifference(a, [s(0, 0x60, 100n)])).toBeUndefined();
    const d = firstTraceDifference([s(0, 0x60, 100n), s(2, 0x01, 97n)], [s(0, 0x60, 100n), s(2, 0x01, 96n)]);
    expect(d?.step).toBe(1);
    expect(d?.previous?.pc).toBe(0);
  });

  it('lists differing accounts and fields', () => {
    const acct = (balance: bigint) => ({ balance, nonce: 0n, codeHash: '0xc', storage: new Map([['0xk', 1n]]) });
    const diffs = diffDumps(new Map([['0xa', acct(1n)], ['0xb', acct(0n)]]), new Map([['0xa', acct(2n)]]));
    expect(diffs).toEqual([
      { address: '0xa', field: 'balance', evmkit: '1', oracle: '2' },
      { address: '0xb', field: 'exists', evmkit: 'true', oracle: 'false' },
    ]);
  });
});

describe('shrinker', () => {
  it('keeps only what the predicate needs', async () => {
    const c = generateCase(forkSpec('Cancun')!, 'shrink', 3);
    const marker = Uint8Array.of(0x5b, 0x5b, 0x5b);
    c.accounts[0].code.splice(1, 0, marker);
    const has = (x: GenCase) => x.accounts.some((a) => a.code.some((p) => p.length === 3 && p.every((b, i) => b === marker[i])));
    const r = await shrink(c, async (x) => has(x), { checks: 10_000, ms: 30_000 });
    expect(has(r.case)).toBe(true);
    const contracts = r.case.accounts.filter((a) => a.code.length > 0);
    expect(contracts).toHaveLength(1);
    expect(contracts[0].code).toHaveLength(1);
    expect(r.case.tx.accessList).toEqual([]);
  });
});

describe('known classes', () => {
  it('each has its entry in fuzz/KNOWN_ORACLE_BUGS.md', () => {
    const doc = readFileSync(join(ROOT, 'fuzz', 'KNOWN_ORACLE_BUGS.md'), 'utf8');
    for (const bug of KNOWN_BUGS) expect(doc, bug.id).toContain('`' + bug.id + '`');
  });

  it('match nothing that is not one of them', () => {
    const test = toStateTest(generateCase(forkSpec('Frontier')!, 'k', 1));
    expect(knownBug(test, { divergence: { kind: 'stateRoot', summary: '' } })).toBeUndefined();
  });
});
