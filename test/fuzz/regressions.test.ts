// The fuzzer's regression fixtures (fuzz/regressions/): reduced cases of divergences found on the way, as
// standard state tests. evmkit's own `statetest` must pass each one, and the oracle must give the same root and logs
// hash (unless the file records a known oracle bug, whose answer is the specification's and not the oracle's).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runOracle } from '../../fuzz/src/oracle.js';
import type { StateTestJson } from '../../fuzz/src/statetest.js';
import { evmkit, ROOT } from '../helpers/cli.js';

const DIR = join(ROOT, 'fuzz', 'regressions');
const files = readdirSync(DIR).filter((f) => f.endsWith('.json')).sort();

describe('fuzz regression fixtures', () => {
  it('exist, each with its seed and command in _info', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      for (const test of Object.values(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record<string, StateTestJson>)) {
        expect(test._info?.seed, f).toBeDefined();
        expect(String(test._info?.command), f).toMatch(/^npm run fuzz -- --seed /);
      }
    }
  });

  it('all pass `evmkit statetest`', () => {
    const r = evmkit(['statetest', DIR]);
    expect(r.stdout + r.stderr).toMatch(new RegExp(`^${files.length} passed, 0 failed, 0 skipped$`, 'm'));
    expect(r.code).toBe(0);
  }, 120_000);

  it.each(files)('the oracle gives the root and logs of %s (or the file names the known oracle bug)', async (f) => {
    for (const test of Object.values(JSON.parse(readFileSync(join(DIR, f), 'utf8')) as Record<string, StateTestJson>)) {
      const fork = Object.keys(test.post)[0];
      const r = await runOracle(test, fork);
      const expected = test.post[fork][0];
      if (test._info?.knownOracleBug !== undefined) expect([r.outcome.stateRoot, r.outcome.logsHash]).not.toEqual([expected.hash, expected.logs]);
      else expect([r.outcome.stateRoot, r.outcome.logsHash]).toEqual([expected.hash, expected.logs]);
    }
  }, 60_000);
});

