// Every command's --help lists each of its flags (under every name it takes) and shows each flag in an
// example, so a flag cannot be added without being documented.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BLOCKTEST_ALIASES, BLOCKTEST_FLAGS } from '../../src/cli/blocktest.js';
import { DISASM_FLAGS } from '../../src/cli/disasm.js';
import { RUN_FLAGS } from '../../src/cli/run.js';
import { STATETEST_ALIASES, STATETEST_FLAGS } from '../../src/cli/statetest.js';
import { TRACE_ALIASES } from '../../src/cli/trace-flags.js';
import { ensureBuilt, evmkit, ROOT } from '../helpers/cli.js';

function help(args: string[]): string {
  const r = evmkit(args);
  expect(r.code).toBe(0);
  return r.stdout;
}

/** The "Flags:" section and the "Examples:" section of a help text. */
function sections(text: string): { flags: string; examples: string } {
  const flags = /\nFlags:\n([\s\S]*?)\n(?=\S)/.exec(text)?.[1] ?? '';
  const examples = /\nExamples[^\n]*:\n([\s\S]*?)(\n\n|$)/.exec(text)?.[1] ?? '';
  return { flags, examples };
}

/** The names a flag is given by: its own and its aliases. */
function names(flag: string, aliases: Readonly<Record<string, string>>): string[] {
  return [flag, ...Object.entries(aliases).filter(([, to]) => to === flag).map(([from]) => from)];
}

beforeAll(() => {
  ensureBuilt();
});

const COMMANDS = [
  { command: 'run', flags: RUN_FLAGS, aliases: TRACE_ALIASES },
  { command: 'statetest', flags: STATETEST_FLAGS, aliases: STATETEST_ALIASES },
  { command: 'disasm', flags: DISASM_FLAGS, aliases: {} },
  { command: 'blocktest', flags: BLOCKTEST_FLAGS, aliases: BLOCKTEST_ALIASES },
] as const;

describe('--help', () => {
  for (const { command, flags, aliases } of COMMANDS) {
    it(`evmkit ${command} --help lists every flag and uses each in an example`, () => {
      const text = help([command, '--help']);
      expect(help([command, '-h'])).toBe(text);
      const { flags: listed, examples } = sections(text);
      expect(listed).not.toBe('');
      expect(examples).not.toBe('');
      for (const flag of Object.keys(flags)) {
        for (const name of names(flag, aliases)) expect(listed, `--${name} listed`).toMatch(new RegExp(`(^|[ ,])--${name.replace('.', '\\.')}([ ,=\\n]|$)`, 'm'));
        if (flag === 'help') continue;
        expect(examples, `--${flag} in an example`).toMatch(new RegExp(`--(${names(flag, aliases).join('|').replace(/\./g, '\\.')})([ =]|$)`, 'm'));
      }
    });
  }

  it('shows the {"stateRoot"} line as the tool prints it (no space after the colon)', () => {
    for (const command of ['statetest', 'blocktest']) {
      const text = help([command, '--help']);
      expect(text).toContain('{"stateRoot":"0x…"}');
      expect(text).not.toMatch(/"stateRoot": /);
    }
  });

  it('evmkit --help lists the commands, --help and --version, with examples', () => {
    const text = help(['--help']);
    for (const command of ['run', 'statetest', 'blocktest', 'disasm']) expect(text).toMatch(new RegExp(`^  ${command} `, 'm'));
    const { flags, examples } = sections(text);
    expect(flags).toMatch(/-h, --help/);
    expect(flags).toMatch(/-v, --version/);
    expect(examples).toMatch(/evmkit --version/);
  });

  it('evmkit --version prints the package version', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(help(['--version'])).toBe(`evmkit ${version} (Node.js ${process.version})\n`);
    expect(help(['-v'])).toBe(help(['--version']));
  });
});
