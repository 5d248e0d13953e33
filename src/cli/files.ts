/** Turns the file and directory arguments into a sorted, deterministic list of fixture files. */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { systemErrorText } from '../statetest/read.js';
import { UsageError } from './args.js';

/**
 * Each path as given if it is not a directory; every `*.json` below it (sorted) if it is. Each real directory
 * is visited once, so symbolic-link loops (`loop -> .`, `up -> ..`, links between two folders) cannot repeat
 * files or make the walk exponential.
 */
export async function collectFixtureFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const visited = new Set<string>();
  for (const p of paths) {
    const info = await stat(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new UsageError(`no such file or directory: ${p}`);
      throw new UsageError(`cannot read ${p}: ${systemErrorText(e)}`);
    });
    if (info.isDirectory()) await walk(p, out, visited);
    else out.push(p);
  }
  return out;
}

async function walk(dir: string, out: string[], visited: Set<string>): Promise<void> {
  let names: string[];
  try {
    const real = await realpath(dir);
    if (visited.has(real)) return;
    visited.add(real);
    names = (await readdir(dir)).sort();
  } catch (e) {
    throw new UsageError(`cannot read directory ${dir}: ${systemErrorText(e)}`);
  }
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null); // a dangling or looping link is not a fixture
    if (info === null) continue;
    if (info.isDirectory()) await walk(path, out, visited);
    else if (name.endsWith('.json')) out.push(path);
  }
}
