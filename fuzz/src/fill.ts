/**
 * `node fuzz/dist/fill.js IN.json OUT.json [--name NAME] [--note TEXT]`: re-fills a written case's `post` with
 * what both EVMs now agree on, for committing it as a regression fixture (it refuses when they disagree).
 */
import { readFileSync } from 'node:fs';
import { dirname, basename } from 'node:path';
import { checkCase } from './check.js';
import { filled, writeCase } from './report.js';
import type { StateTestJson } from './statetest.js';

async function main(): Promise<number> {
  const [input, output, ...rest] = process.argv.slice(2);
  if (input === undefined || output === undefined) {
    process.stderr.write('usage: node fuzz/dist/fill.js IN.json OUT.json [--note TEXT]\n');
    return 2;
  }
  const noteAt = rest.indexOf('--note');
  const note = noteAt >= 0 ? rest[noteAt + 1] : undefined;
  const [[, test]] = Object.entries(JSON.parse(readFileSync(input, 'utf8')) as Record<string, StateTestJson>);
  const checked = await checkCase(test);
  if (checked.divergence !== undefined) {
    process.stderr.write(`fill: the EVMs disagree: ${checked.divergence.summary}\n`);
    return 1;
  }
  const name = basename(output, '.json');
  const info = { ...test._info, ...(note ? { comment: note } : {}) };
  writeCase(dirname(output), name, filled({ ...test, _info: info }, checked));
  return 0;
}

process.exitCode = await main();
