/** Turns the file and directory arguments into a sorted, deterministic list of fixture files. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { UsageError } from './args.js';

/** Each path as given if it is a file; every `*.json` below it (sorted) if it is a directory. */
export async function collectFixtureFiles(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const info = await stat(p).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT' || e.code === 'ENOTDIR') throw new UsageError(`no such file or directory: ${p}`);
      throw new UsageError(`cannot read ${p}: ${e.code ?? e.message}`);
    });
    if (info.isDirectory()) await walk(p, out);
    else out.push(p);
  }
  return out;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null); // a dangling link is not a fixture
    if (info === null) continue;
    if (info.isDirectory()) await walk(path, out);
    else if (name.endsWith('.json')) out.push(path);
  }
}
