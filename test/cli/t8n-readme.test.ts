// Runs the README's `evmkit t8n` example through the built CLI and checks the output the README shows, so the
// README cannot drift from the code.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli', 'main.js');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The fenced block right after an HTML marker comment. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no marker ${marker}`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no code block after ${marker}`);
  return match[1];
}

beforeAll(() => {
  if (!existsSync(CLI)) spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'ignore' });
}, 120_000);

describe('README t8n example', () => {
  it('runs and prints what the README says', () => {
    const input = blockAfter('example:t8n-input').replace(/^\$ cat input\.json\n/, '');
    const command = blockAfter('example:t8n-command').trim();
    const match = /^\$ npx evmkit (t8n .*) < input\.json$/.exec(command);
    expect(match).not.toBeNull();
    const r = spawnSync(process.execPath, [CLI, ...match![1].split(' ')], { input, encoding: 'utf8', timeout: 60_000 });
    expect([r.status, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe(blockAfter('example:t8n-output'));
  });
});
