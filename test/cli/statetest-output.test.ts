// `evmkit statetest` output formats and run reporting, through the built CLI: geth's result array, --human,
// --dump, --bench, geth's flag names, --strict, batch mode's stateRoot lines, the progress line and the
// batch-mode notice on a terminal.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit, HAVE_SCRIPT, jsonUpToLastBrace, onTerminal, ROOT } from '../helpers/cli.js';

const ADD11 = join(ROOT, 'fixtures', 'LegacyConstantinople', 'GeneralStateTests', 'stExample', 'add11.json');
const YUL = join(ROOT, 'fixtures', 'GeneralStateTests', 'stExample', 'yulExample.json');
/** add11's post-state root, the same for each of its seven forks (Frontier … ConstantinopleFix). */
const ADD11_ROOT = '0x17454a767e5f04461256f3812ffca930443c04a47d05ce3f38940c4a14b8c479';

let dir: string;

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'evmkit-output-'));
  // yulExample under an extra fork evmkit does not know: one case runs, one is skipped.
  const yul = JSON.parse(readFileSync(YUL, 'utf8'));
  const test = Object.values(yul)[0] as { post: Record<string, unknown> };
  test.post.Amsterdam = test.post.Cancun;
  writeFileSync(join(dir, 'with-unknown-fork.json'), JSON.stringify(yul));
}, 120_000);

describe('evmkit statetest --format geth', { timeout: 60_000 }, () => {
  it("prints geth's result array: name, pass, stateRoot, fork in that order, indented by two", () => {
    const r = evmkit(['statetest', '--format', 'geth', '--fork', 'Byzantium', ADD11]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      ['[', '  {', '    "name": "add11",', '    "pass": true,', `    "stateRoot": "${ADD11_ROOT}",`, '    "fork": "Byzantium"', '  }', ']', ''].join('\n'),
    );
    expect(r.stderr).toBe('1 passed, 0 failed, 0 skipped\n');
  });

  it('holds every case of the run in one array, and prints [] when none ran (exit 3)', () => {
    const all = evmkit(['statetest', '--format', 'geth', ADD11]);
    const results = JSON.parse(all.stdout) as { name: string; fork: string; stateRoot: string }[];
    expect(results.map((x) => x.fork)).toEqual(['Byzantium', 'Constantinople', 'ConstantinopleFix', 'EIP150', 'EIP158', 'Frontier', 'Homestead']);
    expect(new Set(results.map((x) => x.stateRoot))).toEqual(new Set([ADD11_ROOT]));
    const none = evmkit(['statetest', '--format', 'geth', '--fork', 'Cancun', ADD11]);
    expect(none.stdout).toBe('[]\n');
    expect(none.code).toBe(3);
  });

  it('prints one array per file in batch mode, each case followed by its stateRoot line on stderr', () => {
    const r = evmkit(['statetest', '--format', 'geth', '--index', '0'], `${ADD11}\n${YUL}\n`);
    expect(r.code).toBe(0);
    const arrays = r.stdout.split(/(?<=^\])\n/m).filter((x) => x.trim() !== '').map((x) => JSON.parse(x) as { fork: string }[]);
    expect(arrays.map((a) => a.length)).toEqual([7, 1]);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(8);
    expect(r.stderr).toMatch(/^(\{"stateRoot":"0x[0-9a-f]{64}"\}\n){8}$/);
  });

  it('rejects two formats and an unknown one', () => {
    expect(evmkit(['statetest', '--json', '--human', ADD11]).stderr).toBe('evmkit: give one output format, not json and human\n');
    const r = evmkit(['statetest', '--format', 'yaml', ADD11]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("evmkit: flag --format: unknown format 'yaml' (valid: text, json, geth, human)\n");
  });
});

describe("geth's flag names", { timeout: 60_000 }, () => {
  it('--statetest.fork and --statetest.index select what --fork and --index select', () => {
    const ours = evmkit(['statetest', '--json', '--fork', 'EIP150', '--index', '0', ADD11]);
    const geths = evmkit(['statetest', '--json', '--statetest.fork', 'EIP150', '--statetest.index=0', ADD11]);
    expect(geths.code).toBe(0);
    expect(geths.stdout).toBe(ours.stdout);
    expect(JSON.parse(geths.stdout)).toMatchObject({ fork: 'EIP150', pass: true, stateRoot: ADD11_ROOT });
  });

  it('refuses one flag under both its names', () => {
    const r = evmkit(['statetest', '--fork', 'Cancun', '--statetest.fork', 'Berlin', ADD11]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evmkit: flag --statetest.fork repeats --fork (one name for it, please)\n');
  });
});

describe('evmkit statetest --human, --dump, --bench', { timeout: 60_000 }, () => {
  it('--human prints a [PASS] line per case (uncoloured when stdout is not a terminal)', () => {
    const r = evmkit(['statetest', '--human', '--fork', 'Homestead', ADD11]);
    expect(r.stdout).toBe(`[PASS] ${ADD11} add11 Homestead 0/0/0\n1 passed, 0 failed, 0 skipped\n`);
  });

  it('--dump adds the post-state to each record: the sender paid, the slot holds 1 + 1', () => {
    const r = evmkit(['statetest', '--json', '--dump', '--fork', 'Byzantium', ADD11]);
    const record = JSON.parse(r.stdout) as { state: Record<string, { balance: string; nonce: string; code: string; storage: Record<string, string> }> };
    const word = (n: number) => '0x' + n.toString(16).padStart(64, '0');
    expect(record.state['0x095e7baea6a6c7c4c2dfeb977efac326af552d87']).toEqual({
      balance: '0xde0b6b3a76586a0',
      nonce: '0x0',
      code: '0x6001600101600055',
      storage: { [word(0)]: word(2) },
    });
    expect(record.state['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'].nonce).toBe('0x1');
    // The dump is run's --prestate format: fed back and run again (it stores 1 + 1 once more), the
    // contract's account comes out as it went in.
    writeFileSync(join(dir, 'post.json'), JSON.stringify(record.state));
    const again = evmkit(['run', '--prestate', join(dir, 'post.json'), '--receiver', '0x095e7baea6a6c7c4c2dfeb977efac326af552d87', '--dump']);
    const dumped = jsonUpToLastBrace(again.stdout);
    expect(dumped['0x095e7baea6a6c7c4c2dfeb977efac326af552d87']).toEqual(record.state['0x095e7baea6a6c7c4c2dfeb977efac326af552d87']);
  });

  it('--dump in text mode prints a STATE block after the case', () => {
    const r = evmkit(['statetest', '--dump', '--fork', 'Byzantium', ADD11]);
    expect(r.stdout.split('\n')[0]).toBe(`STATE ${ADD11} add11 Byzantium 0/0/0`);
    expect(JSON.parse(r.stdout.slice(r.stdout.indexOf('{'), r.stdout.lastIndexOf('}') + 1))).toHaveProperty('0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba');
  });

  it('--bench times each case: a BENCH line with the gas of the receipt, the runs and the rate', () => {
    const r = evmkit(['statetest', '--bench', '--fork', 'Byzantium', ADD11]);
    expect(r.code).toBe(0);
    // 21000 intrinsic + 20000 SSTORE of a new value + 4 × 3: what add11's receipt says.
    expect(r.stdout).toMatch(new RegExp(`^BENCH ${ADD11.replace(/[.]/g, '\\.')} add11 Byzantium 0/0/0: 41012 gas, \\d+ runs, [0-9.]+ (ns|µs|ms|s) per run, [0-9.]+ [kMG ]?gas/s\\n1 passed`));
    const geth = JSON.parse(evmkit(['statetest', '--bench', '--format', 'geth', '--fork', 'Byzantium', ADD11]).stdout);
    expect(geth[0].benchStats.gasUsed).toBe(41012);
    expect(geth[0].benchStats.time).toBeGreaterThan(0);
  });

  it('--bench refuses a trace (a traced run is no measurement)', () => {
    const r = evmkit(['statetest', '--bench', '--trace', ADD11]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evmkit: --bench and a trace do not go together: a traced run is no measurement\n');
  });
});

describe('skips, --strict and runs in which nothing ran', { timeout: 60_000 }, () => {
  const file = () => join(dir, 'with-unknown-fork.json');

  it('prints each skip reason with its count and passes without --strict', () => {
    const r = evmkit(['statetest', file()]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`SKIP 1 case: fork Amsterdam not supported (1 file, first: ${file()} yulExample)\n1 passed, 0 failed, 1 skipped\n`);
  });

  it('fails with exit 3 and a notice under --strict', () => {
    const r = evmkit(['statetest', '--strict', file()]);
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('evmkit: --strict: 1 case was skipped (see the SKIP lines)\n');
    expect(evmkit(['statetest', '--strict', ADD11]).code).toBe(0);
  });

  it('batch mode: a file that selects no case still gets its stateRoot line', () => {
    const r = evmkit(['statetest', '--fork', 'Cancun'], `${ADD11}\n${YUL}\n`);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(`{"stateRoot":"","error":"${ADD11}: no case selected"}`);
    expect(lines[1]).toMatch(/^\{"stateRoot":"0x[0-9a-f]{64}"\}$/);
    expect(lines).toHaveLength(2);
  });
});

describe.skipIf(!HAVE_SCRIPT)('on a terminal', { timeout: 120_000 }, () => {
  it('draws a progress line with the cases done of the total and ends with the time taken', () => {
    const copies = join(dir, 'copies');
    mkdirSync(copies, { recursive: true });
    for (let i = 0; i < 20; i++) writeFileSync(join(copies, `add11-${i}.json`), readFileSync(ADD11, 'utf8'));
    const r = onTerminal(['statetest', '--workers', '2', copies]);
    expect(r.code).toBe(0);
    const frames = r.output.split(/\r\n?/).map((f) => f.replace(/\x1b\[K/g, '').trim()).filter((f) => f !== '');
    // ` 14/~140 cases (10%), 0 failed, 2/20 files, 17 cases/s, 8.1s left`: '~' while files are still loading.
    const progress = frames.filter((f) => /^\d+\/(~?\d+|\?) cases/.test(f));
    expect(progress.length).toBeGreaterThan(0);
    for (const f of progress) expect(f).toMatch(/^\d+\/(~?\d+ cases( \(\d+%\))?|\? cases), 0 failed, \d+\/20 files(, [0-9.]+ cases\/s(, [0-9.]+s left)?)?$/);
    expect(frames.at(-1)).toMatch(/^140 passed, 0 failed, 0 skipped in [0-9.]+s$/);
  });

  it('says that batch mode reads names from stdin', () => {
    const r = onTerminal(['statetest']);
    expect(r.output).toContain("evmkit statetest: batch mode: reading fixture file names from stdin, one per line (end with Ctrl-D; see 'evmkit statetest --help')");
    expect(r.code).toBe(3);
  });
});
