import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit } from '../helpers/cli.js';


const word = (hex: string): string => hex.padStart(64, '0');
let dir: string;

beforeAll(() => {
  ensureBuilt('cli/run.js');
  dir = mkdtempSync(join(tmpdir(), 'evmkit-run-'));
}, 120_000);

describe('evmkit run', { timeout: 120_000 }, () => {
  it('runs code and prints the return data', () => {
    expect(evmkit(['run', '6040'])).toEqual({ code: 0, stdout: '0x\n', stderr: '' });
    expect(evmkit(['run', '0x60ff60005260206000f3']).stdout).toBe(`0x${word('ff')}\n`);
  });

  it('prints an error line for a revert or an exceptional halt, exit 0', () => {
    expect(evmkit(['run', '60aa60005260206000fd'])).toEqual({
      code: 0,
      stdout: `0x${word('aa')}\n error: execution reverted\n`,
      stderr: '',
    });
    expect(evmkit(['run', 'fe']).stdout).toBe('0x\n error: invalid opcode: INVALID\n');
    expect(evmkit(['run', '--gas', '5', '600160020100']).stdout).toBe('0x\n error: out of gas\n');
    expect(evmkit(['run', '5f56']).stdout).toBe('0x\n error: invalid jump destination\n');
  });

  it('passes --input / --inputfile as call data and --value as call value', () => {
    const echo = '60003560005260206000f3'; // return calldata[0:32]
    expect(evmkit(['run', '--input', '0x1234', echo]).stdout).toBe(`0x1234${'0'.repeat(60)}\n`);
    writeFileSync(join(dir, 'input.hex'), 'abcd\n');
    expect(evmkit(['run', '--inputfile', join(dir, 'input.hex'), echo]).stdout).toBe(`0xabcd${'0'.repeat(60)}\n`);
    expect(evmkit(['run', '--value', '0x10', '3460005260206000f3']).stdout).toBe(`0x${word('10')}\n`);
    expect(evmkit(['run', '--price', '9', '3a60005260206000f3']).stdout).toBe(`0x${word('9')}\n`);
  });

  it('uses geth’s default sender and receiver, or the given ones', () => {
    const callerAndSelf = '3360005230602052604060' + '00f3'; // CALLER, ADDRESS
    expect(evmkit(['run', callerAndSelf]).stdout).toBe(`0x${word('73656e646572')}${word('7265636569766572')}\n`);
    const r = evmkit(['run', '--sender', '0x00000000000000000000000000000000000000aa', '--receiver', '00000000000000000000000000000000000000bb', callerAndSelf]);
    expect(r.stdout).toBe(`0x${word('aa')}${word('bb')}\n`);
  });

  it('reads the code from --codefile FILE or stdin', () => {
    writeFileSync(join(dir, 'code.hex'), '0x60ff60005260206000f3\n');
    expect(evmkit(['run', '--codefile', join(dir, 'code.hex')]).stdout).toBe(`0x${word('ff')}\n`);
    expect(evmkit(['run', '--codefile', '-'], '60ff60005260206000f3\n').stdout).toBe(`0x${word('ff')}\n`);
  });

  it('runs initcode with --create and prints the deployed code', () => {
    // copies the 10 bytes after itself to memory and returns them
    const init = '600a600c600039600a6000f3';
    const runtime = '602a60005260206000f3';
    const r = evmkit(['run', '--create', '--dump', init + runtime]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe(`0x${runtime}`);
    const dump = JSON.parse(lines.slice(0, -1).join('\n'));
    expect(dump['0x000000000000000000000000000073656e646572']).toEqual({ balance: '0x0', nonce: '0x1', code: '0x', storage: {} });
    expect(dump['0x1f2a98889594024bffda3311cbe69728d392c06d']).toEqual({ balance: '0x0', nonce: '0x1', code: `0x${runtime}`, storage: {} });
    // the input is appended to the initcode, as geth does
    expect(evmkit(['run', '--create', '--input', runtime, init]).stdout).toBe(`0x${runtime}\n`);
  });

  it('round-trips state through --prestate and --dump', () => {
    const counter = '600054600101600055'; // slot0 += 1
    const receiver = '0x0000000000000000000000007265636569766572';
    writeFileSync(join(dir, 'pre.json'), JSON.stringify({ [receiver]: { balance: '0x5', code: `0x${counter}`, storage: { '0x00': '0x07' } } }));
    const first = evmkit(['run', '--prestate', join(dir, 'pre.json'), '--dump']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    const lines = first.stdout.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('0x');
    const dump = lines.slice(0, -1).join('\n');
    expect(JSON.parse(dump)).toEqual({
      [receiver]: { balance: '0x5', nonce: '0x0', code: `0x${counter}`, storage: { [`0x${word('0')}`]: `0x${word('8')}` } },
    });
    writeFileSync(join(dir, 'post.json'), dump);
    const second = evmkit(['run', '--prestate', join(dir, 'post.json'), '--dump']);
    expect(JSON.parse(second.stdout.trimEnd().split('\n').slice(0, -1).join('\n'))[receiver].storage).toEqual({
      [`0x${word('0')}`]: `0x${word('9')}`,
    });
  });

  it('applies --fork', () => {
    expect(evmkit(['run', '5f00']).stdout).toBe('0x\n'); // PUSH0 exists in the latest fork
    expect(evmkit(['run', '--fork', 'Paris', '5f00']).stdout).toBe('0x\n error: invalid opcode: PUSH0\n'); // geth's text
    const r = evmkit(['run', '--fork', 'Nope', '00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^evmkit: --fork: unknown fork 'Nope' \(valid: Frontier, .*\)\n$/);
  });

  it('benchmarks with --bench', () => {
    const r = evmkit(['run', '--bench', '6040']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('0x\n');
    expect(r.stderr).toMatch(/^EVM gas used: {4}3\nexecution time: {2}\S+ \(\d+ runs\)\nmean per run: {4}\S+\ngas\/s: {11}\S+\n$/);
  });

  it('reports usage errors in one line with exit code 2', () => {
    const cases: Array<[string[], string]> = [
      [['run', '--input', '0x6z', '00'], "evmkit: --input: invalid hex character 'z' at position 3\n"],
      [['run', '60z0'], "evmkit: code: invalid hex character 'z' at position 2\n"],
      [['run', '604'], 'evmkit: code: odd-length hex string (3 digits)\n'],
      [['run', '--input', '123', '00'], 'evmkit: --input: odd-length hex string (3 digits)\n'],
      [['run', '--frob', '00'], 'evmkit: unknown flag --frob\n'],
      [['run', '--codefile', join(dir, 'missing.hex')], `evmkit: --codefile: no such file or directory: ${join(dir, 'missing.hex')}\n`],
      [['run', '--prestate', join(dir, 'missing.json'), '00'], `evmkit: --prestate: no such file or directory: ${join(dir, 'missing.json')}\n`],
      [['run', '--gas', 'lots', '00'], "evmkit: --gas: expected a number (decimal or 0x-hex), got 'lots'\n"],
      [['run', '--sender', '0x1234', '00'], 'evmkit: --sender: an address is 20 bytes, got 2\n'],
      [['run'], "evmkit: no code given (pass hex, or --codefile FILE); see 'evmkit run --help'\n"],
      [['run', '00', '01'], 'evmkit: expected one code argument, got 2\n'],
      [['run', '--input'], 'evmkit: flag --input needs a value\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = evmkit(args);
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({ args, code: 2, stderr, stdout: '' });
    }
    writeFileSync(join(dir, 'bad.json'), '{ nope');
    const bad = evmkit(['run', '--prestate', join(dir, 'bad.json'), '00']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^evmkit: --prestate .*bad\.json: invalid JSON: .*\n$/);
    writeFileSync(join(dir, 'badfield.json'), JSON.stringify({ '0x00000000000000000000000000000000000000aa': { balance: 'x' } }));
    expect(evmkit(['run', '--prestate', join(dir, 'badfield.json'), '00']).stderr).toBe(
      `evmkit: --prestate ${join(dir, 'badfield.json')}: 0x00000000000000000000000000000000000000aa.balance: invalid hex\n`,
    );
  });

  it('shows help with examples', () => {
    const r = evmkit(['run', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: evmkit run \[flags\] <hex>/);
    expect(r.stdout).toMatch(/--prestate FILE/);
    expect(r.stdout).toMatch(/Examples:\n {2}evmkit run 6040/);
    expect(evmkit(['--help']).stdout).toMatch(/\n {2}run {9}/);
  });
});
