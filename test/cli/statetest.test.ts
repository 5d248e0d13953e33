import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit, jsonLines, ROOT } from '../helpers/cli.js';


let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'evmkit-cli-'));
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub', 'bad.json'), '{ not json');
  writeFileSync(join(dir, 'sub', 'nofield.json'), JSON.stringify({ t: { env: {}, pre: {}, post: {} } }));
  writeFileSync(join(dir, 'sub', 'ignored.txt'), 'not a fixture');
}, 120_000);

describe('evmkit statetest', () => {
  it('reports a missing path in one line, exit 2', () => {
    const r = evmkit(['statetest', join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evmkit: no such file or directory: ${join(dir, 'nope.json')}\n`);
  });

  it('counts a bad fixture file as one failure and goes on, exit 1', () => {
    const r = evmkit(['statetest', '--workers', '2', dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FAIL .*bad\.json: invalid JSON/);
    expect(lines[1]).toMatch(/^FAIL .*nofield\.json: test 't': env\.currentCoinbase: missing field$/);
    expect(lines[2]).toBe('0 passed, 2 failed, 0 skipped');
    expect(r.stderr).toBe('');
  });

  it('prints JSON records with --json', () => {
    const r = evmkit(['statetest', '--json', join(dir, 'sub', 'bad.json')]);
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout.trim());
    expect(record.pass).toBe(false);
    expect(record.error).toMatch(/invalid JSON/);
    expect(r.stderr).toBe('0 passed, 1 failed, 0 skipped\n');
  });

  it('rejects an unknown fork with the list of valid names, exit 2', () => {
    const r = evmkit(['statetest', '--fork', 'Pragueish', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evmkit: unknown fork 'Pragueish' \(valid: Frontier, .*Osaka\)\n$/);
  });

  it('rejects a bad flag in one line, exit 2', () => {
    const r = evmkit(['statetest', '--frok', 'Cancun', dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evmkit: unknown flag --frok\n');
    expect(evmkit(['statetest', '--workers', '0', dir]).code).toBe(2);
  });

  it('shows help', () => {
    const r = evmkit(['statetest', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: evmkit statetest/);
    expect(r.stdout).toMatch(/\nExamples[^\n]*:\n  evmkit statetest /);
    expect(evmkit(['--help']).stdout).toMatch(/statetest/);
  });

  it('rejects an unknown command, exit 2', () => {
    const r = evmkit(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evmkit: unknown command 'frobnicate'\nUsage:/);
  });

  it('answers two fixture files written to stdin, one result group each (goevmlab batch mode)', () => {
    const first = join(ROOT, 'fixtures', 'LegacyConstantinople', 'GeneralStateTests', 'stExample', 'add11.json');
    const second = join(ROOT, 'fixtures', 'GeneralStateTests', 'stExample', 'yulExample.json');
    const r = evmkit(['statetest'], `${first}\n${second}\n`);
    const records = jsonLines(r.stdout);
    expect(records.filter((x) => x.file === first)).toHaveLength(7); // add11: Frontier … ConstantinopleFix
    expect(records.filter((x) => x.file === second)).toHaveLength(1); // yulExample: Cancun
    expect(records.every((x) => x.pass)).toBe(true);
    // One {"stateRoot"} line per case, in the order of the records (geth prints one per test case).
    expect(r.stderr).toBe(records.map((x) => `{"stateRoot":"${x.stateRoot}"}\n`).join(''));
    expect(r.code).toBe(0);
  });

  it('reads file names from stdin in batch mode', () => {
    const r = evmkit(['statetest'], `${join(dir, 'sub', 'bad.json')}\n\n`);
    expect(r.code).toBe(1);
    const record = JSON.parse(r.stdout.trim());
    expect(record.pass).toBe(false);
    expect(r.stderr).toBe(`{"stateRoot":"","error":${JSON.stringify(record.error)}}\n`);
  });
});
