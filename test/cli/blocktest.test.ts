// `evmkit blocktest` through the built CLI: real fixtures pass; malformed block RLP, a missing field and a
// header with a wrong field each give one FAIL line naming the test, the block and the field, and the run
// goes on; --json records; SKIP lines and exit codes as `statetest`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const FIXTURES = join(ROOT, 'test', 'fixtures', 'blockchain');

function evmkit(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', input, timeout: 120_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
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
    const lines = r.stderr.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ pc: 0, depth: 1 });
    expect(lines.some((l) => l.opName === 'LOG1')).toBe(true);
    expect(lines.at(-1)).toHaveProperty('stateRoot');
    expect(r.stdout).toBe('1 passed, 0 failed, 0 skipped\n');
  });
});
