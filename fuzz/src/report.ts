/** Writing a divergent case out as a standard state test, filled with the oracle's answer. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Checked } from './check.js';
import type { StateTestJson } from './statetest.js';

/** The case with `post` filled from the oracle (or from evmkit when the oracle could not run). */
export function filled(test: StateTestJson, checked: Checked): StateTestJson {
  const fork = Object.keys(test.post)[0];
  const o = checked.oracle?.outcome ?? checked.evmkit?.outcome;
  if (o === undefined) return test;
  const entry = {
    hash: o.stateRoot,
    logs: o.logsHash,
    indexes: { data: 0, gas: 0, value: 0 },
    ...(o.status === 'invalid' ? { expectException: `TR_Fuzz: rejected (${o.error ?? 'no reason'})` } : {}),
  };
  return { ...test, post: { [fork]: [entry] } };
}

/** Writes `{ name: test }` to `dir/name.json`; returns the path. */
export function writeCase(dir: string, name: string, test: StateTestJson): string {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ [name]: test }, null, 2) + '\n');
  return file;
}
