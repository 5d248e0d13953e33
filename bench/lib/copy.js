/**
 * Fresh copies of a build of the library, loaded side by side in one process (each copy is its own set of
 * modules, so V8 gathers separate type feedback for it). Copies live inside node_modules so that they
 * resolve the same dependencies as dist/.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const SCRATCH = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

/**
 * Copies the build in `source` (a dist/ folder) to a temporary folder, applies `cuts` ([file, from, to]
 * exact-match source edits; each must match), and imports the copy's index.js. Returns the module and a
 * `remove()` for the copy.
 */
export async function loadCopy(source, cuts = []) {
  const from = resolve(source);
  if (!existsSync(join(from, 'index.js'))) throw new Error(`bench: ${source} is not a build of evmkit (no index.js)`);
  mkdirSync(SCRATCH, { recursive: true });
  const dir = mkdtempSync(join(SCRATCH, 'evmkit-copy-'));
  cpSync(from, dir, { recursive: true });
  for (const [file, text, replacement] of cuts) {
    const path = join(dir, file);
    const code = readFileSync(path, 'utf8');
    if (!code.includes(text)) throw new Error(`bench: '${text}' not found in ${file}; update the cuts`);
    writeFileSync(path, code.split(text).join(replacement));
  }
  const lib = await import(pathToFileURL(join(dir, 'index.js')).href);
  await lib.ready?.(); // the WebAssembly keccak (builds before issue 14 had it at import)
  return { lib, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
