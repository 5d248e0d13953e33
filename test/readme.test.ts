// Runs the README's library example against the built package and checks the output the README shows,
// so the README cannot drift from the code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block right after an HTML marker comment. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no marker ${marker}`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no code block after ${marker}`);
  return match[1];
}

/** Runs the example after `marker` against the built package and returns what it prints. */
function run(marker: string): string {
  const entry = pathToFileURL(join(root, 'dist', 'index.js')).href;
  const code = blockAfter(marker).replace(/from 'evmkit'/g, `from '${entry}'`);
  const file = join(mkdtempSync(join(tmpdir(), 'evmkit-readme-')), 'example.mjs');
  writeFileSync(file, code);
  return execFileSync(process.execPath, [file], { encoding: 'utf8' });
}

describe('README examples', () => {
  for (const name of ['library', 'state-proof', 'state-lazy', 'state-snapshot']) {
    it(`${name}: runs and prints what the README says`, () => {
      expect(run(`example:${name}`)).toBe(blockAfter(`example:${name}-output`));
    });
  }
});
