/** Osaka, the fork mainnet runs, is what `evmkit run` executes when no --fork is given (issue 11). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evmkit, jsonLines } from '../helpers/cli.js';


/** The EIP-3155 lines of a traced run, parsed (the summary line last). */
describe('evmkit run: the default fork is Osaka', { timeout: 120_000 }, () => {
  it('runs PUSH0 CLZ without --fork and the trace shows 256 on the stack', () => {
    const r = evmkit(['run', '--trace', '5f1e']);
    expect(r.code).toBe(0);
    const [push0, clz, stop, summary] = jsonLines(r.stderr);
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
