import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit, jsonLines, ROOT } from '../helpers/cli.js';

const ADD11 = join(ROOT, 'fixtures', 'LegacyConstantinople', 'GeneralStateTests', 'stExample', 'add11.json');

/** One EIP-3155 line with geth's field order. */
function line(pc: number, op: number, gas: number, cost: number, memSize: number, stack: string[], opName: string, extra = '', depth = 1): string {
  return (
    `{"pc":${pc},"op":${op},"gas":"0x${gas.toString(16)}","gasCost":"0x${cost.toString(16)}","memSize":${memSize},` +
    `"stack":${JSON.stringify(stack)},"depth":${depth},"refund":0,"opName":"${opName}"${extra}}`
  );
}

const G = 10_000_000_000; // default --gas

beforeAll(() => {
  ensureBuilt('trace/eip3155.js');
}, 120_000);

describe('evmkit run --trace', { timeout: 60_000 }, () => {
  it('prints EIP-3155 lines and the summary on stderr exactly as geth does for 6040', () => {
    const r = evmkit(['run', '--trace', '6040']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0x\n');
    expect(r.stderr).toBe(
      '{"pc":0,"op":96,"gas":"0x2540be400","gasCost":"0x3","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"PUSH1"}\n' +
        '{"pc":2,"op":0,"gas":"0x2540be3fd","gasCost":"0x0","memSize":0,"stack":["0x40"],"depth":1,"refund":0,"opName":"STOP"}\n' +
        '{"output":"","gasUsed":"0x3"}\n',
    );
  });

  it('traces memory growth and a REVERT with its error', () => {
    const r = evmkit(['run', '--trace', '60aa60005260206000fd']);
    expect(r.stdout).toBe(`0x${'aa'.padStart(64, '0')}\n error: execution reverted\n`);
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      line(0, 0x60, G, 3, 0, [], 'PUSH1'),
      line(2, 0x60, G - 3, 3, 0, ['0xaa'], 'PUSH1'),
      line(4, 0x52, G - 6, 6, 0, ['0xaa', '0x0'], 'MSTORE'),
      line(5, 0x60, G - 12, 3, 32, [], 'PUSH1'),
      line(7, 0x60, G - 15, 3, 32, ['0x20'], 'PUSH1'),
      line(9, 0xfd, G - 18, 0, 32, ['0x20', '0x0'], 'REVERT'),
      line(9, 0xfd, G - 18, 0, 32, [], 'REVERT', ',"error":"execution reverted"'), // geth's fault line: after the pops
      `{"output":"${'aa'.padStart(64, '0')}","gasUsed":"0x12","error":"execution reverted"}`,
    ]);
  });

  it('prints a CALL line before the callee’s lines, its cost including the forwarded gas', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-trace-'));
    const callee = '0x00000000000000000000000000000000000000cc';
    writeFileSync(join(dir, 'alloc.json'), JSON.stringify({ [callee]: { code: '0x60016000526001601ff3' } }));
    // CALL(0xffff, 0xcc, value 0, in 0/0, out 0/0x20); STOP
    const code = '6020600060006000600073' + callee.slice(2) + '61fffff100';
    const r = evmkit(['run', '--trace', '--prestate', join(dir, 'alloc.json'), code]);
    expect(r.code).toBe(0);
    const callCost = 0xffff + 2600 + 3; // forwarded + cold account + one memory word
    const afterCall = G - 18 - callCost + 0xffff - 18; // the callee used 18
    const s = ['0x20', '0x0', '0x0', '0x0', '0x0'];
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      line(0, 0x60, G, 3, 0, [], 'PUSH1'),
      line(2, 0x60, G - 3, 3, 0, s.slice(0, 1), 'PUSH1'),
      line(4, 0x60, G - 6, 3, 0, s.slice(0, 2), 'PUSH1'),
      line(6, 0x60, G - 9, 3, 0, s.slice(0, 3), 'PUSH1'),
      line(8, 0x60, G - 12, 3, 0, s.slice(0, 4), 'PUSH1'),
      line(10, 0x73, G - 15, 3, 0, s, 'PUSH20'),
      line(31, 0x61, G - 18, 3, 0, [...s, '0xcc'], 'PUSH2'),
      line(34, 0xf1, G - 21, callCost, 0, [...s, '0xcc', '0xffff'], 'CALL'),
      line(0, 0x60, 0xffff, 3, 0, [], 'PUSH1', '', 2),
      line(2, 0x60, 0xffff - 3, 3, 0, ['0x1'], 'PUSH1', '', 2),
      line(4, 0x52, 0xffff - 6, 6, 0, ['0x1', '0x0'], 'MSTORE', '', 2),
      line(5, 0x60, 0xffff - 12, 3, 32, [], 'PUSH1', '', 2),
      line(7, 0x60, 0xffff - 15, 3, 32, ['0x1'], 'PUSH1', '', 2),
      line(9, 0xf3, 0xffff - 18, 0, 32, ['0x1', '0x1f'], 'RETURN', '', 2),
      line(35, 0x00, afterCall - 3, 0, 32, ['0x1'], 'STOP'),
      `{"output":"","gasUsed":"0x${(G - (afterCall - 3)).toString(16)}"}`,
    ]);
  });

  it('adds memory and returnData with --trace.memory / --trace.returndata', () => {
    const r = evmkit(['run', '--trace.memory', '--trace.returndata', '60aa60005200']);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[3]).toBe(
      `{"pc":5,"op":0,"gas":"0x${(G - 12).toString(16)}","gasCost":"0x0","memory":"0x${'aa'.padStart(64, '0')}","memSize":32,` +
        '"stack":[],"depth":1,"refund":0,"opName":"STOP"}', // no call returned data: geth leaves returnData out
    );
  });

  it('marks an out-of-gas instruction with the cost it could not pay', () => {
    const r = evmkit(['run', '--trace', '--gas', '5', '600160020100']);
    expect(r.stdout).toBe('0x\n error: out of gas\n');
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      line(0, 0x60, 5, 3, 0, [], 'PUSH1'),
      line(2, 0x60, 2, 3, 0, ['0x1'], 'PUSH1', ',"error":"out of gas"'),
      '{"output":"","gasUsed":"0x5","error":"out of gas"}',
    ]);
  });
});

describe('evmkit statetest --trace', { timeout: 60_000 }, () => {
  it('traces a case in-process and closes it with its state root', () => {
    const r = evmkit(['statetest', '--trace', '--fork', 'Byzantium', ADD11]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('1 passed, 0 failed, 0 skipped\n');
    const gas = 400_000 - 21_000; // gas limit minus intrinsic gas
    expect(r.stderr.trimEnd().split('\n')).toEqual([
      line(0, 0x60, gas, 3, 0, [], 'PUSH1'),
      line(2, 0x60, gas - 3, 3, 0, ['0x1'], 'PUSH1'),
      line(4, 0x01, gas - 6, 3, 0, ['0x1', '0x1'], 'ADD'),
      line(5, 0x60, gas - 9, 3, 0, ['0x2'], 'PUSH1'),
      line(7, 0x55, gas - 12, 20_000, 0, ['0x2', '0x0'], 'SSTORE'),
      line(8, 0x00, gas - 20_012, 0, 0, [], 'STOP'),
      '{"output":"","gasUsed":"0x4e2c"}',
      '{"stateRoot":"0x17454a767e5f04461256f3812ffca930443c04a47d05ce3f38940c4a14b8c479"}',
    ]);
  });

  it('prints one {"stateRoot"} line per case, records on stdout with --json', () => {
    const r = evmkit(['statetest', '--trace', '--json', ADD11]);
    expect(r.code).toBe(0);
    const records = jsonLines(r.stdout);
    expect(records.length).toBe(7);
    expect(records.every((x) => x.pass === true)).toBe(true);
    const roots = r.stderr.split('\n').filter((l) => l.startsWith('{"stateRoot"'));
    expect(roots.length).toBe(7);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('7 passed, 0 failed, 0 skipped');
  });

  it('reads file names from stdin with --trace', () => {
    const r = evmkit(['statetest', '--trace', '--fork', 'Frontier'], `${ADD11}\n`);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout.trim()).pass).toBe(true);
    expect(r.stderr).toMatch(/"opName":"SSTORE"/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toMatch(/^\{"stateRoot":"0x[0-9a-f]{64}"\}$/);
  });
});

describe("geth's tracing flags", { timeout: 60_000 }, () => {
  it('--trace.nostack and --nostack print "stack":null (geth marshals a stack turned off as null)', () => {
    const a = evmkit(['run', '--trace', '--trace.nostack', '6040']);
    expect(a.stderr.split('\n')[1]).toBe('{"pc":2,"op":0,"gas":"0x2540be3fd","gasCost":"0x0","memSize":0,"stack":null,"depth":1,"refund":0,"opName":"STOP"}');
    expect(evmkit(['run', '--trace', '--nostack', '6040']).stderr).toBe(a.stderr);
  });

  it('accepts geth\'s negative flags and =true/=false, and refuses contradictions', () => {
    const plain = evmkit(['run', '--trace', '60aa60005200']).stderr;
    expect(evmkit(['run', '--trace', '--nomemory', '--noreturndata', '--nostorage', '60aa60005200']).stderr).toBe(plain);
    expect(evmkit(['run', '--trace', '--trace.nomemory', '--trace.noreturndata', '--trace.nostorage', '60aa60005200']).stderr).toBe(plain);
    expect(evmkit(['run', '--trace', '--trace.nomemory=false', '60aa60005200']).stderr).toBe(evmkit(['run', '--trace.memory', '60aa60005200']).stderr);
    const r = evmkit(['run', '--trace.returndata', '--noreturndata', '00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('evmkit: flags --trace.returndata and --trace.noreturndata contradict each other\n');
    expect(evmkit(['run', '--trace.format', 'struct', '00']).stderr).toBe("evmkit: flag --trace.format: unknown format 'struct' (valid: json, md)\n");
  });

  it('--trace.format=md prints a Markdown table with the same steps and costs, then the outcome', () => {
    const r = evmkit(['run', '--trace.format=md', '60aa60005260206000fd']);
    expect(r.stderr).toBe(
      [
        'Gas: 10000000000, input: `0x`',
        '',
        '| depth | pc | op | gas | cost | refund | stack (bottom first) | error |',
        '|--:|--:|:--|--:|--:|--:|:--|:--|',
        '| 1 | 0 | PUSH1 | 10000000000 | 3 | 0 |  |  |',
        '| 1 | 2 | PUSH1 | 9999999997 | 3 | 0 | 0xaa |  |',
        '| 1 | 4 | MSTORE | 9999999994 | 6 | 0 | 0xaa, 0x0 |  |',
        '| 1 | 5 | PUSH1 | 9999999988 | 3 | 0 |  |  |',
        '| 1 | 7 | PUSH1 | 9999999985 | 3 | 0 | 0x20 |  |',
        '| 1 | 9 | REVERT | 9999999982 | 0 | 0 | 0x20, 0x0 |  |',
        '| 1 | 9 | REVERT | 9999999982 | 0 | 0 |  | execution reverted |',
        '',
        `Output: \`0x${'aa'.padStart(64, '0')}\`, gas used: 18, error: execution reverted`,
        '',
      ].join('\n'),
    );
    expect(evmkit(['run', '--trace.format', 'markdown', '60aa60005260206000fd']).stderr).toBe(r.stderr);
  });

  it('statetest takes the same tracing flags', () => {
    const r = evmkit(['statetest', '--trace.format=md', '--nostack', '--fork', 'Byzantium', ADD11]);
    expect(r.code).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[2]).toBe('| depth | pc | op | gas | cost | refund | error |');
    expect(lines[8]).toBe(`| 1 | 7 | SSTORE | ${379_000 - 12} | 20000 | 0 |  |`);
    expect(lines.at(-1)).toBe('{"stateRoot":"0x17454a767e5f04461256f3812ffca930443c04a47d05ce3f38940c4a14b8c479"}');
  });
});
