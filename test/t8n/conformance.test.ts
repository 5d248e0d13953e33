// The fast sample of the t8n conformance runs (the full runs are in .ci/run, docs/CONFORMANCE.md): committed
// state tests and blockchain tests go through scripts/t8n-conformance.js, which sends them to the built
// `evmkit t8n --batch` and compares every stateRoot and logsHash, and every header field of each valid block.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
  skips: string[];
}
type RunSuite = (kind: 'state' | 'blocks', files: string[], workers: number) => Promise<Totals>;

let runSuite: RunSuite;
let jsonFiles: (paths: string[]) => string[];

beforeAll(async () => {
  ensureBuilt();
  const script = (await import(join(ROOT, 'scripts', 't8n-conformance.js'))) as { runSuite: RunSuite; jsonFiles: typeof jsonFiles };
  ({ runSuite, jsonFiles } = script);
}, 120_000);

describe('t8n conformance sample', { timeout: 300_000 }, () => {
  it('every 4th committed state-test file (fixtures/): each case\'s stateRoot and logsHash, the expected exceptions rejected', async () => {
    const files = jsonFiles([join(ROOT, 'fixtures')]).filter((_, i) => i % 4 === 0);
    const totals = await runSuite('state', files, 2);
    expect(totals.failures).toEqual([]);
    expect(totals.skips).toEqual([]);
    expect(totals.passed).toBeGreaterThan(200);
  });

  it('the committed blockchain tests: every valid block\'s header fields from its parent\'s t8n output', async () => {
    const totals = await runSuite('blocks', jsonFiles([join(ROOT, 'test', 'fixtures', 'blockchain')]), 2);
    expect(totals.failures).toEqual([]);
    expect(totals.passed).toBeGreaterThan(4);
  });

  it('a wrong expectation fails: a state case whose hash is altered is reported with both roots', async () => {
    const [file] = jsonFiles([join(ROOT, 'fixtures', 'GeneralStateTests', 'stExample')]);
    const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, { post: Record<string, { hash: string }[]> }>;
    const test = Object.values(json)[0];
    const posts = Object.values(test.post)[0];
    const good = posts[0].hash;
    posts[0].hash = '0x' + '00'.repeat(32);
    const altered = join(mkdtempSync(join(tmpdir(), 'evmkit-t8n-conf-')), 'altered.json');
    writeFileSync(altered, JSON.stringify(json));
    const totals = await runSuite('state', [altered], 1);
    expect(totals.failed).toBe(1);
    expect(totals.failures[0]).toContain(`stateRoot ${good}, want 0x${'00'.repeat(32)}`);
  });
});
