/**
 * The first root of many small states — what the state-test harness computes once per case: the world
 * state's own root (the one-pass build that keeps the trie) against oneShotStateRoot (the bytes-only
 * builder that keeps nothing), alternating passes over the pre-states of the given fixtures.
 *
 *   node bench/first-root.js [--passes N] <file|dir>...
 *
 * Prints the total per pass and the minimum of each. Not a test.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const { loadFixtureFile } = await import('../dist/statetest/load.js');
const { WorldState } = await import('../dist/state/world.js');
const { oneShotStateRoot, stateRoot } = await import('../dist/state/root.js');

const argv = process.argv.slice(2);
const at = argv.indexOf('--passes');
const passes = at >= 0 ? Number(argv[at + 1]) : 6;
const paths = argv.filter((a, i) => !a.startsWith('--') && (at < 0 || i !== at + 1));
if (paths.length === 0 || !(passes > 0)) {
  process.stderr.write('usage: node bench/first-root.js [--passes N] <file|dir>...\n');
  process.exit(2);
}
const walk = (p) => (statSync(p).isDirectory() ? readdirSync(p).sort().flatMap((n) => walk(join(p, n))) : p.endsWith('.json') ? [p] : []);
const pres = [];
for (const file of paths.flatMap(walk)) for (const c of (await loadFixtureFile(file)).cases) pres.push(c.pre);
console.log(`${pres.length} pre-states`);
const times = { 'stateRoot (trie kept)': [], 'oneShotStateRoot (nothing kept)': [] };
const kinds = Object.keys(times);
for (let pass = 0; pass < passes; pass++) {
  for (const kind of pass % 2 === 0 ? kinds : [...kinds].reverse()) {
    let total = 0;
    for (const pre of pres) {
      const state = WorldState.fromAlloc(pre);
      const t = performance.now();
      if (kind === kinds[0]) stateRoot(state);
      else oneShotStateRoot(state);
      total += performance.now() - t;
    }
    times[kind].push(total);
  }
}
for (const kind of kinds) console.log(`${kind}: ${times[kind].map((t) => t.toFixed(0)).join(' ')} ms; min ${Math.min(...times[kind]).toFixed(0)} ms`);
