import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, evmkit } from '../helpers/cli.js';


beforeAll(() => {
  ensureBuilt('cli/disasm.js');
}, 120_000);

describe('evmkit disasm', { timeout: 60_000 }, () => {
  it('lists instructions with PUSH immediates', () => {
    expect(evmkit(['disasm', '6040600052'])).toEqual({ code: 0, stdout: '0 PUSH1 0x40\n2 PUSH1 0x00\n4 MSTORE\n', stderr: '' });
  });

  it('shows unknown bytes, INVALID and a truncated PUSH at the end', () => {
    expect(evmkit(['disasm', '0x60016001015f55fe0c7f0102']).stdout).toBe(
      [' 0 PUSH1 0x01', ' 2 PUSH1 0x01', ' 4 ADD', ' 5 PUSH0', ' 6 SSTORE', ' 7 INVALID', ' 8 opcode 0xc not defined', ' 9 PUSH32 0x0102 (truncated, 2 of 32 bytes)', ''].join('\n'),
    );
    expect(evmkit(['disasm', '61']).stdout).toBe('0 PUSH2 0x (truncated, 0 of 2 bytes)\n');
    expect(evmkit(['disasm', '']).stdout).toBe('');
  });

  it('reads --codefile FILE or stdin', () => {
    const dir = mkdtempSync(join(tmpdir(), 'evmkit-disasm-'));
    writeFileSync(join(dir, 'c.hex'), '0x5b600056\n');
    expect(evmkit(['disasm', '--codefile', join(dir, 'c.hex')]).stdout).toBe('0 JUMPDEST\n1 PUSH1 0x00\n3 JUMP\n');
    expect(evmkit(['disasm', '--codefile', '-'], 'f3\n').stdout).toBe('0 RETURN\n');
    const missing = evmkit(['disasm', '--codefile', join(dir, 'nope.hex')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`evmkit: --codefile: no such file or directory: ${join(dir, 'nope.hex')}\n`);
  });

  it('reports bad input in one line, exit 2', () => {
    expect(evmkit(['disasm', '6g'])).toEqual({ code: 2, stdout: '', stderr: "evmkit: code: invalid hex character 'g' at position 1\n" });
    expect(evmkit(['disasm', '600'])).toEqual({ code: 2, stdout: '', stderr: 'evmkit: code: odd-length hex string (3 digits)\n' });
    expect(evmkit(['disasm', '--x', '00']).stderr).toBe('evmkit: unknown flag --x\n');
    expect(evmkit(['disasm']).code).toBe(2);
  });

  it('shows help with examples', () => {
    const r = evmkit(['disasm', '-h']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: evmkit disasm/);
    expect(r.stdout).toMatch(/Examples:/);
  });
});
