/**
 * `node --stack-size=60000 fuzz/dist/profile.js [CASES] [SEED]`: where a campaign's time goes, on one thread:
 * generation, evmkit (engine and statetest runner) and the oracle, per case, over the default forks.
 */
import { runEvmkit } from './evmkit.js';
import { defaultForks } from './forks.js';
import { generateCase, toStateTest } from './generate/case.js';
import { runOracle } from './oracle.js';

const cases = Number(process.argv[2] ?? 130);
const seed = process.argv[3] ?? 'profile';
const forks = defaultForks();
const time = { generate: 0, evmkit: 0, oracle: 0 };
await runOracle(toStateTest(generateCase(forks[forks.length - 1], 'warm-up', 0)), forks[forks.length - 1].name);
for (let i = 0; i < cases; i++) {
  const spec = forks[i % forks.length];
  const t0 = performance.now();
  const test = toStateTest(generateCase(spec, seed, i));
  const t1 = performance.now();
  runEvmkit(test);
  const t2 = performance.now();
  await runOracle(test, spec.name);
  const t3 = performance.now();
  time.generate += t1 - t0;
  time.evmkit += t2 - t1;
  time.oracle += t3 - t2;
}
const per = (ms: number) => `${(ms / cases).toFixed(1)} ms`;
console.log(`${cases} cases (seed ${seed}): generate ${per(time.generate)}, evmkit ${per(time.evmkit)}, oracle ${per(time.oracle)} per case`);
