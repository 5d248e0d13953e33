/**
 * Where a state-test run spends its time, by phase: load and parse the fixture file, build the pre-state,
 * execute the transaction, compute the state root. Single thread (one worker, as the harness runs cases),
 * every case of the given files or folders for one fork, the slowest files listed.
 *
 *   node bench/statetest-phases.js [--fork Cancun] [--skip REGEX] [--top N] <file|dir>...
 *
 * --skip leaves files out by path (e.g. 'loopMul|CALLBlake2f_MaxRounds', which are pure interpreter /
 * precompile time and take a minute between them). Not a test: it prints a report.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (isMainThread) {
  const argv = process.argv.slice(2);
  const options = { fork: 'Cancun', skip: null, top: 25, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fork' || a === '--skip' || a === '--top') {
      if (argv[i + 1] === undefined) fail(`${a} needs a value`);
      options[a.slice(2)] = a === '--top' ? Number(argv[++i]) : argv[++i];
    } else if (a.startsWith('--')) fail(`unknown flag ${a}`);
    else options.paths.push(a);
  }
  if (options.paths.length === 0) fail('give fixture files or folders');
  const worker = new Worker(new URL(import.meta.url), { workerData: options });
  worker.on('message', (text) => process.stdout.write(text));
  worker.on('error', (e) => fail(e.message));
} else {
  const { loadFixtureFile } = await import('../dist/statetest/load.js');
  const { WorldState } = await import('../dist/state/world.js');
  const { stateRoot } = await import('../dist/state/root.js');
  const { executeTransaction } = await import('../dist/transition/execute.js');
  const { parseFork } = await import('../dist/forks/fork.js');
  const { fork, skip, top, paths } = workerData;
  const skipRe = skip === null ? null : new RegExp(skip);
  const files = paths.flatMap(walk).filter((f) => skipRe === null || !skipRe.test(f));
  const total = { load: 0, pre: 0, execute: 0, root: 0, cases: 0 };
  const perFile = [];
  for (const file of files) {
    let t = performance.now();
    const { cases } = await loadFixtureFile(file, { fork: parseFork(fork) });
    const f = { file, load: performance.now() - t, pre: 0, execute: 0, root: 0, cases: cases.length };
    for (const c of cases) {
      t = performance.now();
      const state = WorldState.fromAlloc(c.pre);
      f.pre += performance.now() - t;
      t = performance.now();
      if (c.tx !== null) executeTransaction(state, c.env, c.tx, c.fork);
      f.execute += performance.now() - t;
      t = performance.now();
      stateRoot(state);
      f.root += performance.now() - t;
    }
    for (const k of ['load', 'pre', 'execute', 'root', 'cases']) total[k] += f[k];
    perFile.push(f);
  }
  const ms = (x) => x.toFixed(0).padStart(8);
  const sum = (f) => f.load + f.pre + f.execute + f.root;
  let out = `${files.length} files, ${total.cases} cases (${fork}), ms per phase:\n`;
  out += `load ${ms(total.load)}   pre-state ${ms(total.pre)}   execute ${ms(total.execute)}   state root ${ms(total.root)}   total ${ms(sum(total))}\n\nslowest files:\n`;
  for (const f of perFile.sort((a, b) => sum(b) - sum(a)).slice(0, top)) {
    out += `${ms(sum(f))}  (load ${f.load.toFixed(0)}, pre ${f.pre.toFixed(0)}, execute ${f.execute.toFixed(0)}, root ${f.root.toFixed(0)}; ${f.cases} cases)  ${f.file}\n`;
  }
  parentPort.postMessage(out);
}

function walk(path) {
  if (!statSync(path).isDirectory()) return path.endsWith('.json') ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => walk(join(path, name)));
}

function fail(message) {
  process.stderr.write(`statetest-phases: ${message}\n`);
  process.exit(2);
}
