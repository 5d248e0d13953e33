/** Osaka, the fork mainnet runs, is what `evmkit run` executes when no --fork is given (issue 11). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = join(import.meta.dirname, '..', '..', 'dist', 'cli', 'main.js');

function evmkit(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The EIP-3155 lines of a traced run, parsed (the summary line last). */
function traceLines(stderr: string): Record<string, unknown>[] {
  return stderr.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('evmkit run: the default fork is Osaka', { timeout: 120_000 }, () => {
  it('runs PUSH0 CLZ without --fork and the trace shows 256 on the stack', () => {
    const r = evmkit(['run', '--trace', '5f1e']);
    expect(r.code).toBe(0);
    const [push0, clz, stop, summary] = traceLines(r.stderr);
    expect(push0).toMatchObject({ pc: 0, opName: 'PUSH0', stack: [] });
    expect(clz).toMatchObject({ pc: 1, op: 0x1e, opName: 'CLZ', gasCost: '0x5', stack: ['0x0'] });
    expect(stop).toMatchObject({ pc: 2, opName: 'STOP', stack: ['0x100'] }); // CLZ(0) = 256
    expect(summary).toEqual({ output: '', gasUsed: '0x7' }); // PUSH0 2 + CLZ 5
  });

  it('rejects CLZ as an undefined opcode under --fork Prague', () => {
    const r = evmkit(['run', '--fork', 'Prague', '5f1e']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^0x\n error: invalid opcode/);
  });

  it('names Osaka as the default in --help', () => {
    expect(evmkit(['run', '--help']).stdout).toContain('--fork NAME        fork rules (default: Osaka;');
  });
});
