// Runs the README's block example against the built package and checks the output the README shows.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..', '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

/** The fenced block right after an HTML marker comment. */
function blockAfter(marker: string): string {
  const at = readme.indexOf(`<!-- ${marker} -->`);
  if (at < 0) throw new Error(`README has no marker ${marker}`);
  const match = /```[a-z]*\n([\s\S]*?)```/.exec(readme.slice(at));
  if (!match) throw new Error(`no code block after ${marker}`);
  return match[1];
}

describe('README block example', () => {
  it('runs and prints what the README says', () => {
    const entry = pathToFileURL(join(root, 'dist', 'index.js')).href;
    const code = blockAfter('example:block').replace(/from 'evmkit'/g, `from '${entry}'`);
    const file = join(mkdtempSync(join(tmpdir(), 'evmkit-readme-')), 'example.mjs');
    writeFileSync(file, code);
    expect(execFileSync(process.execPath, [file], { encoding: 'utf8' })).toBe(blockAfter('example:block-output'));
  });
});
