// `evmkit blocktest` through the built CLI: real fixtures pass; malformed block RLP, a missing field and a
// header with a wrong field each give one FAIL line naming the test, the block and the field, and the run
// goes on; the output formats, --dump, --strict, SKIP lines, exit codes, the tracing flags and, on a
// terminal, the progress line and the batch-mode notice, as `statetest` has them.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit, HAVE_SCRIPT, jsonLines, jsonUpToLastBrace, onTerminal, ROOT } from '../helpers/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'blockchain');

const LOG1 = join(FIXTURES, 'log1_correct.json');

type Test = Record<string, unknown> & { blocks: Record<string, unknown>[] };
let dir: string;
let original: Test;

/** Writes `log1_correct` changed by `edit` under the test name `name`. */
function variant(name: string, edit: (t: Test) => void): string {
  const t = structuredClone(original);
  edit(t);
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ [name]: t }));
  return file;
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'evmkit-blocktest-'));
  original = Object.values(JSON.parse(readFileSync(join(FIXTURES, 'log1_correct.json'), 'utf8')) as Record<string, Test>)[0];
}, 120_000);

describe('evmkit blocktest', () => {
  it('passes the committed fixtures', () => {
    const r = evmkit(['blocktest', FIXTURES]);
    expect(r.stdout).toBe('5 passed, 0 failed, 0 skipped\n');
    expect(r.code).toBe(0);
  });

  it('names the test, the block and the field of each broken test, and goes on', () => {
    const files = [
      variant('badRlp', (t) => (t.blocks[0].rlp = (t.blocks[0].rlp as string).slice(0, -2))),
      variant('noRlp', (t) => delete t.blocks[0].rlp),
      variant('noPre', (t) => delete t.pre),
      // The header's gas limit 0x2fefd8 (3141592, the genesis's) raised to 0x3fefd8, far above the 1/1024 bound.
      variant('wrongGasLimit', (t) => (t.blocks[0].rlp = (t.blocks[0].rlp as string).replace('832fefd8', '833fefd8'))),
      join(FIXTURES, 'log1_correct.json'),
    ];
    const r = evmkit(['blocktest', '--workers', '1', ...files]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^FAIL .*badRlp\.json badRlp Cancun: block 1 \(blocks\[0\]\): rejected: block: invalid RLP/);
    expect(lines[1]).toMatch(/^FAIL .*noRlp\.json noRlp Cancun: block 1 \(blocks\[0\]\): blocks\[0\]\.rlp: missing field$/);
    expect(lines[2]).toMatch(/^FAIL .*noPre\.json noPre Cancun: pre: missing field$/);
    expect(lines[3]).toMatch(/^FAIL .*wrongGasLimit\.json wrongGasLimit Cancun: block 1 \(blocks\[0\]\): rejected: header\.gasLimit: expected within 3141592 ± 3067 \(exclusive\) and at least 5000, got 4190168$/);
    expect(lines[4]).toBe('1 passed, 4 failed, 0 skipped');
    expect(r.code).toBe(1);
  });

  it('checks the genesis against pre, the head against lastblockhash, the state against postState', () => {
    const address = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
    const files = [
      variant('badPre', (t) => ((t.pre as Record<string, { balance: string }>)[address].balance = '0x01')),
      variant('badLast', (t) => (t.lastblockhash = '0x' + '11'.repeat(32))),
      variant('badPost', (t) => ((t.postState as Record<string, { nonce: string }>)[address].nonce = '0x05')),
    ];
    const r = evmkit(['blocktest', '--workers', '1', ...files]);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/ badPre Cancun: genesis header\.stateRoot: 0x[0-9a-f]{64} in the header, 0x[0-9a-f]{64} from pre$/);
    expect(lines[1]).toMatch(new RegExp(` badLast Cancun: lastblockhash: got ${original.lastblockhash}, want 0x(11){32}$`));
    expect(lines[2]).toMatch(new RegExp(` badPost Cancun: postState: state root 0x[0-9a-f]{64}, want 0x[0-9a-f]{64}; first difference: ${address}: nonce: got 0x1, want 0x5$`));
    expect(lines[3]).toBe('0 passed, 3 failed, 0 skipped');
  });

  it('a block that must be rejected but is valid fails the test', () => {
    const file = variant('notInvalid', (t) => (t.blocks[0].expectException = 'BlockException.INVALID_GASLIMIT'));
    const r = evmkit(['blocktest', file]);
    expect(r.stdout).toMatch(/: block 1 \(blocks\[0\]\): expected exception BlockException\.INVALID_GASLIMIT, but the block was valid\n/);
    expect(r.code).toBe(1);
  });

  it('--json prints {name, file, fork, pass, lastblockhash, stateRoot[, error]}', () => {
    const r = evmkit(['blocktest', '--json', join(FIXTURES, 'log1_correct.json')]);
    const record = JSON.parse(r.stdout.trim());
    expect(Object.keys(record)).toEqual(['name', 'file', 'fork', 'pass', 'lastblockhash', 'stateRoot']);
    expect(record).toMatchObject({ name: 'log1_correct_Cancun', fork: 'Cancun', pass: true, lastblockhash: original.lastblockhash });
    expect(r.stderr).toBe('1 passed, 0 failed, 0 skipped\n');
  });

  it('skips a network it does not know, and exits 3 when nothing ran', () => {
    const file = variant('future', (t) => (t.network = 'Amsterdam'));
    const r = evmkit(['blocktest', file]);
    expect(r.stdout).toMatch(/^SKIP 1 case: network Amsterdam not supported \(1 file, first: .*future\.json future\)\n0 passed, 0 failed, 1 skipped\n$/);
    expect(r.code).toBe(3);
  });

  it('reads file names on stdin and ends each with a stateRoot line', () => {
    const r = evmkit(['blocktest'], join(FIXTURES, 'log1_correct.json') + '\n');
    expect(JSON.parse(r.stdout.trim()).pass).toBe(true);
    expect(r.stderr).toMatch(/^\{"stateRoot":"0x[0-9a-f]{64}"\}\n$/);
    expect(r.code).toBe(0);
  });

  it('--trace prints EIP-3155 lines for each transaction', () => {
    const r = evmkit(['blocktest', '--trace', join(FIXTURES, 'log1_correct.json')]);
    const lines = jsonLines(r.stderr);
    expect(lines[0]).toMatchObject({ pc: 0, depth: 1 });
    expect(lines.some((l) => l.opName === 'LOG1')).toBe(true);
    expect(lines.at(-1)).toHaveProperty('stateRoot');
    expect(r.stdout).toBe('1 passed, 0 failed, 0 skipped\n');
  });
});

describe('evmkit blocktest reports as statetest does', { timeout: 120_000 }, () => {
  it("--format geth prints geth's result array; --human a [PASS] line per test", () => {
    const geth = evmkit(['blocktest', '--format', 'geth', LOG1]);
    const array = JSON.parse(geth.stdout) as Record<string, unknown>[];
    expect(array).toHaveLength(1);
    expect(Object.keys(array[0])).toEqual(['name', 'pass', 'stateRoot', 'fork']);
    expect(array[0]).toMatchObject({ name: 'log1_correct_Cancun', pass: true, fork: 'Cancun' });
    expect(geth.stdout).toMatch(/^\[\n  \{\n    "name": "log1_correct_Cancun",\n/);
    expect(geth.stderr).toBe('1 passed, 0 failed, 0 skipped\n');
    const human = evmkit(['blocktest', '--human', LOG1]);
    expect(human.stdout).toBe(`[PASS] ${LOG1} log1_correct_Cancun Cancun\n1 passed, 0 failed, 0 skipped\n`);
    expect(evmkit(['blocktest', '--json', '--format', 'geth', LOG1]).stderr).toBe('evmkit: give one output format, not geth and json\n');
  });

  it('--dump adds the head state: its root is the record\'s, and run --prestate reads it back', () => {
    const r = evmkit(['blocktest', '--json', '--dump', LOG1]);
    const record = JSON.parse(r.stdout) as { stateRoot: string; state: Record<string, { balance: string; nonce: string }> };
    // The sender of the test's one transaction: nonce 1 after it.
    expect(record.state['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].nonce).toBe('0x1');
    expect(record.stateRoot).toBe(JSON.parse(evmkit(['blocktest', '--json', LOG1]).stdout).stateRoot);
    const file = join(dir, 'head.json');
    writeFileSync(file, JSON.stringify(record.state));
    const again = evmkit(['run', '--prestate', file, '--receiver', '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b', '--dump', '00']);
    expect(jsonUpToLastBrace<Record<string, { nonce: string }>>(again.stdout)['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].nonce).toBe('0x1');
    const text = evmkit(['blocktest', '--dump', LOG1]);
    expect(text.stdout.split('\n')[0]).toBe(`STATE ${LOG1} log1_correct_Cancun Cancun`);
  });

  it('--strict fails a run in which a test was skipped; a --run that matches nothing exits 3', () => {
    const future = variant('futureToo', (t) => (t.network = 'Amsterdam'));
    const loose = evmkit(['blocktest', '--workers', '1', future, LOG1]);
    expect(loose.code).toBe(0);
    expect(loose.stdout).toMatch(/^SKIP 1 case: network Amsterdam not supported .*\n1 passed, 0 failed, 1 skipped\n$/);
    const strict = evmkit(['blocktest', '--strict', '--workers', '1', future, LOG1]);
    expect(strict.code).toBe(3);
    expect(strict.stderr).toBe('evmkit: --strict: 1 case was skipped (see the SKIP lines)\n');
    const none = evmkit(['blocktest', '--run', '^nothing$', LOG1]);
    expect(none.code).toBe(3);
    expect(none.stderr).toBe('evmkit: no case ran: nothing in the fixture file matched --run ^nothing$\n');
  });

  it('takes the tracing flags of run and statetest: a Markdown table per transaction, no stack', () => {
    const r = evmkit(['blocktest', '--trace.format=md', '--nostack', LOG1]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^Gas: \d+, input: `0x`\n\n\| depth \| pc \| op \| gas \| cost \| refund \| error \|\n/);
    expect(r.stderr).toMatch(/\| 1 \| \d+ \| LOG1 \| /);
    expect(r.stderr).toMatch(/\nOutput: `0x`, gas used: \d+, error: none\n\{"stateRoot":"0x[0-9a-f]{64}"\}\n$/);
    const json = evmkit(['blocktest', '--trace', '--trace.memory', '--nostack', LOG1]);
    const steps = jsonLines(json.stderr).filter((l) => 'pc' in l);
    expect(steps.every((l) => l.stack === null)).toBe(true);
    expect(steps.some((l) => typeof l.memory === 'string')).toBe(true);
  });

  it('traced batch mode: records on stdout, each test\'s trace ended by its stateRoot line', () => {
    const r = evmkit(['blocktest', '--trace'], `${LOG1}\n${join(dir, 'missing.json')}\n`);
    expect(r.code).toBe(1);
    const records = jsonLines<{ pass: boolean }>(r.stdout);
    expect(records.map((x) => x.pass)).toEqual([true, false]);
    const lines = r.stderr.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('{"stateRoot"'))).toHaveLength(2);
    expect(lines.at(-1)).toMatch(/^\{"stateRoot":"","error":".*missing\.json: /);
  });
});

describe.skipIf(!HAVE_SCRIPT)('evmkit blocktest on a terminal', { timeout: 120_000 }, () => {
  it('draws the progress line and ends with the time taken', () => {
    const r = onTerminal(['blocktest', '--workers', '1', FIXTURES]);
    expect(r.code).toBe(0);
    const frames = r.output.split(/\r\n?/).map((f) => f.replace(/\x1b\[K/g, '').trim()).filter((f) => f !== '');
    expect(frames.length, 'progress frames before the closing line').toBeGreaterThan(1);
    for (const f of frames.slice(0, -1)) expect(f).toMatch(/^\d+\/(~?\d+ cases( \(\d+%\))?|\? cases), 0 failed, \d+\/4 files(, [0-9.]+ cases\/s(, [0-9.]+s left)?)?$/);
    expect(frames.at(-1)).toMatch(/^5 passed, 0 failed, 0 skipped in [0-9.]+s$/);
  });

  it('says that batch mode reads names from stdin', () => {
    const r = onTerminal(['blocktest']);
    expect(r.output).toContain("evmkit blocktest: batch mode: reading fixture file names from stdin, one per line (end with Ctrl-D; see 'evmkit blocktest --help')");
    expect(r.code).toBe(3);
  });
});
