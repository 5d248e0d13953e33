/**
 * Checks the incremental state root against the state-test fixtures. For every case: the pre-state's root
 * first (the one-pass build), a savepoint, the case (transaction and block-reward step, as the harness runs
 * them), then the post-state root from the kept trie
 * (only changed paths re-hashed) against the fixture's; then a rollback to the savepoint must give the
 * pre-state root again. With --source the state reads everything through a StateSource (a MemorySource of
 * the pre-state): accounts and slots loaded on demand, the trie opened at the source's root and its nodes
 * resolved from the source. Not a test (it needs ../shared/fixtures): it prints a report, exit 1 on a mismatch.
 *
 *   node bench/statetest-incremental.js [--fork NAME] [--source] [--skip REGEX] <file|dir>...
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

if (isMainThread) {
  const argv = process.argv.slice(2);
  const options = { fork: null, skip: null, source: false, paths: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--fork' || a === '--skip') {
      if (argv[i + 1] === undefined) fail(`${a} needs a value`);
      options[a.slice(2)] = argv[++i];
    } else if (a === '--source') options.source = true;
    else if (a.startsWith('--')) fail(`unknown flag ${a}`);
    else options.paths.push(a);
  }
  if (options.paths.length === 0) fail('give fixture files or folders');
  const worker = new Worker(new URL(import.meta.url), { workerData: options, resourceLimits: { stackSizeMb: 256 } });
  worker.on('message', (m) => {
    process.stdout.write(m.text);
    if (m.done) process.exitCode = m.failed > 0 ? 1 : 0;
  });
  worker.on('error', (e) => fail(e.stack ?? e.message));
} else {
  const { loadFixtureFile } = await import('../dist/statetest/load.js');
  const { WorldState } = await import('../dist/state/world.js');
  const { MemorySource } = await import('../dist/state/sources.js');
  const { applyCase } = await import('../dist/statetest/runner.js');
  const { parseFork } = await import('../dist/forks/fork.js');
  const { bytesToHex } = await import('../dist/primitives/bytes.js');
  const { fork, skip, source, paths } = workerData;
  const skipRe = skip === null ? null : new RegExp(skip);
  const files = paths.flatMap(walk).filter((f) => skipRe === null || !skipRe.test(f));
  let cases = 0;
  let failed = 0;
  const started = performance.now();
  for (const file of files) {
    const { cases: list } = await loadFixtureFile(file, fork === null ? {} : { fork: parseFork(fork) });
    for (const c of list) {
      cases++;
      const where = `${file} ${c.name} ${c.forkName} ${c.index}`;
      try {
        const state = source ? new WorldState(new MemorySource(c.pre)) : WorldState.fromAlloc(c.pre);
        const preRoot = bytesToHex(state.root());
        const savepoint = state.savepoint();
        applyCase(state, c);
        const postRoot = bytesToHex(state.root());
        state.rollback(savepoint);
        const backRoot = bytesToHex(state.root());
        if (postRoot !== c.expectedHash) report(`FAIL ${where}: post root ${postRoot}, want ${c.expectedHash}`);
        else if (backRoot !== preRoot) report(`FAIL ${where}: root after rollback ${backRoot}, want the pre-state's ${preRoot}`);
      } catch (e) {
        report(`FAIL ${where}: ${e.stack ?? e}`);
      }
    }
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  parentPort.postMessage({ text: `${cases} cases, ${cases - failed} passed, ${failed} failed (${source ? 'through a MemorySource' : 'in memory'}, ${seconds} s)\n`, done: true, failed });

  function report(line) {
    failed++;
    parentPort.postMessage({ text: line + '\n' });
  }
}

function walk(path) {
  if (!statSync(path).isDirectory()) return path.endsWith('.json') ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => walk(join(path, name)));
}

function fail(message) {
  process.stderr.write(`statetest-incremental: ${message}\n`);
  process.exit(2);
}
