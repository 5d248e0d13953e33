// Runs every example in examples/ against the built package and checks its output against
// examples/expected/<name>.txt; the README's library section shows erc20.mjs and its output, checked here too.
// The examples have their own package.json (viem and solc are their devDependencies, evmkit is `file:..`):
// their node_modules is installed here when missing, with `npm ci` from their lockfile.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const examples = join(root, 'examples');
const names = readdirSync(examples).filter((f) => f.endsWith('.mjs')).sort();

beforeAll(() => {
  if (!existsSync(join(examples, 'node_modules', 'viem'))) {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], { cwd: examples, stdio: 'pipe', timeout: 300_000 });
  }
}, 300_000);

/** The fenced block right after an HTML marker comment of the README. */
function readmeBlock(marker: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no marker ${marker}`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no code block after ${marker}`);
  return match[1];
}

describe('examples', () => {
  it('there are the four library examples', () => {
    expect(names).toEqual(['call-and-estimate.mjs', 'custom-precompile.mjs', 'erc20.mjs', 'trace-call-tree.mjs']);
  });

  for (const name of names) {
    it(`${name} runs and prints examples/expected/${name.replace(/\.mjs$/, '.txt')}`, () => {
      const output = execFileSync(process.execPath, [join(examples, name)], { cwd: examples, encoding: 'utf8', timeout: 60_000 });
      expect(output).toBe(readFileSync(join(examples, 'expected', name.replace(/\.mjs$/, '.txt')), 'utf8'));
    }, 60_000);
  }

  it("the README's library section is erc20.mjs and its output", () => {
    expect(readmeBlock('example:erc20')).toBe(readFileSync(join(examples, 'erc20.mjs'), 'utf8'));
    expect(readmeBlock('example:erc20-output')).toBe(readFileSync(join(examples, 'expected', 'erc20.txt'), 'utf8'));
  });
});
