// Every command in the README's code blocks is run here and its output compared with what the README
// shows, so the README cannot drift from the tool. A transcript block (`$ command` lines, each followed by
// its output) is run line by line; a command in a ```sh block is run when a `<!-- readme:output COMMAND -->`
// block gives its output. The few commands that take minutes (the full suites outside the repo, the
// benchmarks, npm itself) are listed in NOT_RUN with the reason; any other command without an output to
// compare fails the test, so a new command cannot slip into the README untested.
import { closeSync, openSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ensureBuilt, ROOT } from './helpers/cli.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Commands the README shows but no test runs, and why; each must still be in the README. */
const NOT_RUN: Readonly<Record<string, string>> = {
  'npm install': 'installs the package: the test runs inside an installed checkout',
  'npm test': 'runs this very test',
  'npx evmkit statetest ../shared/fixtures/GeneralStateTests --fork Cancun': 'minutes of both cores, outside the repo; results in docs/CONFORMANCE.md',
  'npx evmkit statetest ../shared/fixtures/GeneralStateTests': 'minutes of both cores, outside the repo; results in docs/CONFORMANCE.md',
  'npx evmkit statetest ../shared/fixtures/LegacyConstantinople/GeneralStateTests': 'minutes of both cores, outside the repo; results in docs/CONFORMANCE.md',
  'npx evmkit statetest ../shared/fixtures/eest/state_tests --fork Prague': 'minutes of both cores, outside the repo; results in docs/CONFORMANCE.md',
  'npm run bench': 'a benchmark (minutes): speed is measured in bench/, never in tests; figures in docs/PERFORMANCE.md',
  'npm run bench -- --quick': 'a benchmark: speed is measured in bench/, never in tests',
  'npm run bench -- --section programs --only snailtracer --no-ethereumjs --no-edr': 'a benchmark: speed is measured in bench/, never in tests',
  'npm run bench -- --section state': 'a benchmark on 100,000 accounts (about a minute): speed is measured in bench/, never in tests; figures in docs/PERFORMANCE.md',
  'npm run bench -- --section programs,calls --baseline /tmp/evmkit-before': 'a benchmark against an older build outside the repo: speed is measured in bench/, never in tests',
  '/usr/bin/time -v npx evmkit statetest ../shared/fixtures/GeneralStateTests --fork Cancun': 'a measurement of the full Cancun suite (minutes), outside the repo',
  '/usr/bin/time -v npx evmkit statetest ../shared/fixtures/GeneralStateTests/VMTests/vmPerformance/loopMul.json --fork Cancun --index 1 --workers 1': 'a measurement of one long case (tens of seconds), outside the repo',
  'dest=$(../shared/fixtures/unpack-blockchain-tests.sh /tmp/evmkit-blockchain-tests)': 'unpacks the blockchain-test archive outside the repo',
  'npx evmkit blocktest "$dest/BlockchainTests"': 'the full suite unpacked outside the repo (minutes); results in docs/CONFORMANCE.md',
  'npx evmkit blocktest "$dest/eest/blockchain_tests"': 'the full suite unpacked outside the repo (minutes); results in docs/CONFORMANCE.md',
  'npx evmkit blocktest --json --run \'withdrawals\' "$dest/eest/blockchain_tests/shanghai"': 'needs the suite unpacked outside the repo; blocktest --json is tested in test/cli/blocktest.test.ts',
  'npm run fuzz -- --seed 1 --cases 1000': 'a fuzzing campaign against @ethereumjs/vm (minutes); the fuzzer is tested in test/fuzz/',
  'npm run fuzz -- --seed 1 --cases 200 --fork Cancun': 'a fuzzing campaign against @ethereumjs/vm; the fuzzer is tested in test/fuzz/',
  'npm run fuzz -- --file fuzz/out/Cancun-1-17.json': 're-checks a case a campaign wrote (fuzz/out/ is not in the repo)',
  'node bench/case-timer.js dist snailtracer 3 2': 'a benchmark (seconds of timed runs): speed is measured in bench/, never in tests',
  'node bench/spread.js dist snailtracer 40': 'run times of a benchmark program, different on every run: speed is measured in bench/, never in tests',
};

interface Block {
  readonly lang: string;
  readonly body: string;
  /** The `<!-- readme:output COMMAND -->` marker just before the block, if any. */
  readonly outputOf?: string;
}

/** The fenced code blocks of the README, in order. */
function blocks(): Block[] {
  const out: Block[] = [];
  const re = /(?:<!-- readme:output (.+?) -->\n)?```([a-z]*)\n([\s\S]*?)```/g;
  for (let m = re.exec(README); m !== null; m = re.exec(README)) out.push({ outputOf: m[1], lang: m[2], body: m[3] });
  return out;
}

/** `$ command` lines of a transcript block, each with the output lines up to the next `$ `. */
function transcript(body: string): { command: string; output: string }[] {
  const steps: { command: string; output: string }[] = [];
  for (const line of body.split('\n').slice(0, -1)) {
    if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: '' });
    else if (steps.length > 0) steps[steps.length - 1].output += line + '\n';
  }
  return steps;
}

/** The commands of a ```sh block, without their trailing comments. */
function shellCommands(body: string): string[] {
  return body
    .split('\n')
    .map((l) => l.replace(/\s+#.*$/, '').trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/** Splits a command line into words: plain words, '…' and "…" (the README uses nothing else). */
function words(command: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|"([^"]*)"|(\S+)/g;
  for (let m = re.exec(command); m !== null; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** Runs `npx evmkit …` (the built CLI) or `cat FILE` in the repo; stdout and stderr in the order written. */
function run(command: string): string {
  const [program, ...args] = words(command);
  if (program === 'cat') return readFileSync(join(ROOT, args[0]), 'utf8');
  // The CLI, or a script of bench/ whose output does not depend on timing (bench/mix.js: counts).
  const benchScript = program === 'node' && args[0].startsWith('bench/');
  if (!benchScript) expect(`${program} ${args[0]}`, `a command the test knows how to run: ${command}`).toBe('npx evmkit');
  // One file for both streams: the CLI writes to files synchronously, so the order is the order written.
  const file = join(mkdtempSync(join(tmpdir(), 'evmkit-readme-')), 'out');
  const fd = openSync(file, 'w');
  try {
    const argv = benchScript ? args : [CLI, ...args.slice(1)];
    spawnSync(process.execPath, argv, { cwd: ROOT, stdio: ['ignore', fd, fd], timeout: 110_000 });
  } finally {
    closeSync(fd);
  }
  return readFileSync(file, 'utf8');
}

beforeAll(() => {
  ensureBuilt();
});

describe('README commands', () => {
  const all = blocks();
  const outputs = new Map(all.filter((b) => b.outputOf !== undefined).map((b) => [b.outputOf!, b.body]));
  const transcripts = all.filter((b) => b.lang === '' && /^\$ /m.test(b.body)).flatMap((b) => transcript(b.body));
  const shell = all.filter((b) => b.lang === 'sh').flatMap((b) => shellCommands(b.body));

  it('finds the commands', () => {
    expect(transcripts.length).toBeGreaterThan(10);
    expect(shell.length).toBeGreaterThan(5);
  });

  for (const { command, output } of transcripts) {
    it(`$ ${command}`, { timeout: 120_000 }, () => {
      expect(run(command)).toBe(output);
    });
  }

  for (const command of shell) {
    if (Object.hasOwn(NOT_RUN, command)) continue;
    it(`${command} (output shown after it)`, { timeout: 120_000 }, () => {
      const output = outputs.get(command);
      expect(output, `the README shows the output of '${command}' in a readme:output block, or NOT_RUN says why not`).toBeDefined();
      expect(run(command)).toBe(output);
    });
  }

  it('lists in NOT_RUN only commands the README still shows', () => {
    for (const command of Object.keys(NOT_RUN)) expect(shell, command).toContain(command);
  });
});
