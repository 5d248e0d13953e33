/** --replay and --file: one case through both EVMs on a worker thread, reported line by line. */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { checkCase, explain } from './check.js';
import { forkSpec } from './forks.js';
import { generateCase, toStateTest } from './generate/case.js';
import { KNOWN_BUGS, knownBug } from './known.js';
import { splitFixture, type StateTestJson } from './statetest.js';
import { checkFixture } from './evmkit.js';

const port = parentPort!;
const { seed, fork, index, file } = workerData as { seed: string; fork: string; index?: number; file?: string };
const say = (text: string) => port.postMessage({ kind: 'line', text });

async function main(): Promise<number> {
  let tests: [string, StateTestJson][];
  if (file !== undefined) {
    let json: Record<string, StateTestJson>;
    try {
      json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, StateTestJson>;
    } catch (e) {
      say(`fuzz: ${file}: ${e instanceof Error ? e.message : String(e)}`);
      return 2;
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      say(`fuzz: ${file}: expected a JSON object of state tests`);
      return 2;
    }
    // Official fixtures hold many indexes and forks: each becomes a single-index test.
    tests = [];
    for (const [name, test] of Object.entries(json)) {
      try {
        checkFixture(test, name); // evmkit's loader names the bad field
      } catch (e) {
        say(`fuzz: ${file}: ${e instanceof Error ? e.message.replace(/^[^:]*\.json: /, '') : String(e)}`);
        return 2;
      }
      const singles = splitFixture(test);
      for (const one of singles) tests.push([singles.length > 1 ? `${name} ${one.fork} #${one.index}` : name, one.test]);
    }
  } else {
    const c = generateCase(forkSpec(fork)!, seed, index!);
    tests = [[`${fork}-${seed}-${index}`, toStateTest(c)]];
  }
  let diverged = 0;
  for (const [name, test] of tests) {
    const checked = await checkCase(test);
    const e = checked.evmkit?.outcome;
    const o = checked.oracle?.outcome;
    const show = (x: typeof e) => (x === undefined ? 'n/a' : `${x.status}${x.error ? ` (${x.error})` : ''}, gas ${x.gasUsed}, logs ${x.logsHash}, root ${x.stateRoot}`);
    say(`${name} [${Object.keys(test.post)[0]}]`);
    say(`  evmkit: ${show(e)}`);
    say(`  oracle: ${show(o)}`);
    const d = checked.divergence;
    if (d === undefined) {
      say('  agree');
      continue;
    }
    const known = knownBug(test, checked);
    say(`  ${known ? `known (${KNOWN_BUGS.find((b) => b.id === known)!.side}) ${known}` : 'DIVERGENCE'} [${d.kind}] ${d.summary}`);
    if (known === undefined) diverged++;
    if (checked.evmkit && checked.oracle) {
      const details = await explain(test);
      for (const l of details.trace) say('  ' + l);
      for (const a of details.accounts) say(`  account ${a.address} ${a.field}: evmkit ${a.evmkit}, oracle ${a.oracle}`);
    }
  }
  return diverged > 0 ? 1 : 0;
}

main().then(
  (code) => port.postMessage({ kind: 'exit', code }),
  (e: unknown) => {
    say(`fuzz: ${e instanceof Error ? e.message : String(e)}`);
    port.postMessage({ kind: 'exit', code: 1 });
  },
);
