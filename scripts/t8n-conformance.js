#!/usr/bin/env node
/**
 * Conformance of `evmkit t8n` on the official tests, through the built CLI: state tests and blockchain tests
 * are turned into t8n inputs and sent to `node dist/cli/main.js t8n --batch` processes (one per worker, many
 * inputs each), and every answer is compared with the fixture.
 *
 *   node scripts/t8n-conformance.js state  <file|dir>...   every (fork, index) case: pre → alloc, env, the
 *        case's transaction (--state-test, the reward of its filler: 0 for ethereum/tests, -1 for
 *        execution-spec-tests); stateRoot and logsHash must be the fixture's, an expected exception a rejection
 *   node scripts/t8n-conformance.js blocks <file|dir>...   every valid block of every blockchain test: the
 *        parent's post-state (the t8n's own output alloc) → alloc, the header → env (base fee, difficulty and
 *        excess blob gas left to derive from the parent's), the body → txsRlp; every header field the result
 *        reports must match
 *
 * Flags: --workers N (default 2), --every N (every Nth file only, for a sample). Exit code 1 on any failure.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { blockToRlp } from '../dist/block/block.js';
import { decodeBlock, forkName, keccak256, parseFork, parseNetwork, powRules, rulesAt, bytesToHex, hexToBytes, Fork } from '../dist/index.js';
import { rlpEncode } from '../dist/primitives/rlp.js';

const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

/** A `t8n --batch` process: requests go in one per line, answers come back in order. */
export class T8nProcess {
  constructor() {
    this.child = spawn(process.execPath, [CLI, 't8n', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.pending = [];
    createInterface({ input: this.child.stdout, crlfDelay: Infinity }).on('line', (line) => this.pending.shift()?.resolve(JSON.parse(line)));
    this.child.on('exit', (code) => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`t8n --batch exited with code ${code}`));
    });
  }

  /** Sends one request ({state, input}) and resolves with its answer. */
  request(req) {
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin.write(JSON.stringify(req) + '\n');
    });
  }

  close() {
    this.child.stdin.end();
    return new Promise((resolve) => this.child.once('exit', resolve));
  }
}

/** Runs `jobs` (each an async function of a T8nProcess) on `workers` processes. */
export async function runJobs(jobs, workers) {
  const procs = Array.from({ length: workers }, () => new T8nProcess());
  let next = 0;
  await Promise.all(procs.map(async (p) => {
    while (next < jobs.length) await jobs[next++](p);
  }));
  await Promise.all(procs.map((p) => p.close()));
}

/** The *.json files under the paths, sorted. */
export function jsonFiles(paths) {
  const out = [];
  const walk = (p) => {
    if (statSync(p).isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (p.endsWith('.json')) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

const hex = (n) => '0x' + BigInt(n).toString(16);

// ── state tests ───────────────────────────────────────────────────────────────────────────────────────

/** BLOCKHASH as state tests define it (keccak256 of the decimal number), for the 256 blocks before `number`. */
function stateTestHashes(number) {
  const hashes = {};
  for (let n = number > 256n ? number - 256n : 0n; n < number; n++) hashes[n.toString()] = bytesToHex(keccak256(new TextEncoder().encode(n.toString())));
  return hashes;
}

/** The state test's env as t8n reads it, with the defaults the state-test harness applies. */
function stateEnv(env, fork) {
  const out = { ...env, blockHashes: stateTestHashes(BigInt(env.currentNumber)) };
  if (fork >= Fork.Paris) {
    // PREVRANDAO reads currentRandom (the difficulty when a fixture leaves it out); no difficulty after the Merge.
    out.currentRandom = env.currentRandom ?? env.currentDifficulty ?? '0x0';
    delete out.currentDifficulty;
  }
  if (fork >= Fork.London) out.currentBaseFee = env.currentBaseFee ?? '0x0';
  if (fork >= Fork.Cancun) out.currentExcessBlobGas = env.currentExcessBlobGas ?? '0x0';
  return out;
}

/** The case's transaction as geth's JSON (signed by t8n from secretKey), or undefined when JSON cannot carry it. */
function jsonTx(t, idx, chainId) {
  const value = t.value[idx.value];
  const accessList = t.accessLists?.[idx.data] ?? null;
  const type = t.authorizationList !== undefined ? 4 : t.blobVersionedHashes !== undefined || t.maxFeePerBlobGas !== undefined ? 3 : t.maxFeePerGas !== undefined ? 2 : accessList !== null ? 1 : 0;
  const to = t.to === undefined || t.to === null ? '' : t.to;
  if (t.secretKey === undefined || String(value).startsWith('0x:bigint') || ((type === 3 || type === 4) && to === '')) return undefined;
  const tx = { type: hex(type), nonce: t.nonce, gas: t.gasLimit[idx.gas], value, input: t.data[idx.data], to: to === '' ? null : to, secretKey: t.secretKey, v: '0x0', r: '0x0', s: '0x0' };
  if (type === 0) return { ...tx, gasPrice: t.gasPrice, protected: false };
  Object.assign(tx, { chainId: hex(chainId), accessList: accessList ?? [] });
  if (type === 1) return { ...tx, gasPrice: t.gasPrice };
  Object.assign(tx, { maxFeePerGas: t.maxFeePerGas, maxPriorityFeePerGas: t.maxPriorityFeePerGas });
  if (type === 3) Object.assign(tx, { maxFeePerBlobGas: t.maxFeePerBlobGas, blobVersionedHashes: t.blobVersionedHashes ?? [] });
  if (type === 4) tx.authorizationList = t.authorizationList;
  return tx;
}

/** Every case of a state-test file as {label, request, check}, and the cases skipped with why. */
export function stateCases(file) {
  const cases = [];
  const skipped = [];
  for (const [name, test] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
    const eest = typeof test._info === 'object' && test._info !== null && 'filling-transition-tool' in test._info;
    const chainId = BigInt(test.config?.chainid ?? 1);
    for (const [forkText, posts] of Object.entries(test.post)) {
      const fork = parseFork(forkText);
      if (fork === undefined) {
        skipped.push(`${file} ${name} ${forkText}: unknown fork`);
        continue;
      }
      posts.forEach((post, i) => {
        const label = `${file} ${name} ${forkText} #${i}`;
        const tx = jsonTx(test.transaction, post.indexes, chainId);
        if (tx === undefined && post.txbytes === undefined) return void skipped.push(`${label}: no secretKey and no txbytes`);
        const input = { alloc: test.pre, env: stateEnv(test.env, fork), ...(tx === undefined ? { txsRlp: bytesToHex(rlpEncode([hexToBytes(post.txbytes)])) } : { txs: [tx] }) };
        const state = { fork: forkText, chainid: Number(chainId), reward: eest ? -1 : 0, stateTest: true };
        cases.push({ label, request: { state, input }, check: (answer) => checkState(answer, post) });
      });
    }
  }
  return { cases, skipped };
}

/** Why the answer does not match the fixture's post entry, or undefined. */
function checkState(answer, post) {
  if (answer.error !== undefined) return `t8n exit code ${answer.exitCode}: ${answer.error}`;
  const r = answer.result;
  const rejected = (r.rejected ?? []).length > 0;
  if (post.expectException !== undefined && !rejected) return `expected exception ${post.expectException}, but the transaction was included`;
  if (post.expectException === undefined && rejected) return `transaction rejected: ${r.rejected[0].error}`;
  if (r.stateRoot !== post.hash) return `stateRoot ${r.stateRoot}, want ${post.hash}`;
  if (r.logsHash !== post.logs) return `logsHash ${r.logsHash}, want ${post.logs}`;
  return undefined;
}

// ── blockchain tests ──────────────────────────────────────────────────────────────────────────────────

const ZERO_HASH = '0x' + '0'.repeat(64);

/** The block's env: current fields from its header, the derivable ones left to derive from the parent's. */
function blockEnv(block, parent, hashes) {
  const h = block.header;
  const p = parent.header;
  const env = { currentCoinbase: h.coinbase, currentGasLimit: hex(h.gasLimit), currentNumber: hex(h.number), currentTimestamp: hex(h.timestamp), blockHashes: hashes };
  if (h.difficulty === 0n) Object.assign(env, { currentRandom: bytesToHex(h.mixHash), currentDifficulty: '0x0' });
  else Object.assign(env, { parentDifficulty: hex(p.difficulty), parentTimestamp: hex(p.timestamp), parentUncleHash: bytesToHex(p.ommersHash) });
  if (h.baseFeePerGas !== undefined) {
    if (p.baseFeePerGas !== undefined) Object.assign(env, { parentBaseFee: hex(p.baseFeePerGas), parentGasUsed: hex(p.gasUsed), parentGasLimit: hex(p.gasLimit), parentTimestamp: hex(p.timestamp) });
    else env.currentBaseFee = hex(h.baseFeePerGas); // the London fork block: geth starts at 1 gwei without a parent base fee
  }
  if (h.excessBlobGas !== undefined) {
    if (p.excessBlobGas !== undefined) Object.assign(env, { parentExcessBlobGas: hex(p.excessBlobGas), parentBlobGasUsed: hex(p.blobGasUsed), parentTimestamp: hex(p.timestamp) });
    else env.currentExcessBlobGas = hex(h.excessBlobGas);
  }
  if (h.parentBeaconBlockRoot !== undefined) env.parentBeaconBlockRoot = bytesToHex(h.parentBeaconBlockRoot);
  if (block.withdrawals !== undefined) env.withdrawals = block.withdrawals.map((w) => ({ index: hex(w.index), validatorIndex: hex(w.validatorIndex), address: w.address, amount: hex(w.amount) }));
  if (block.ommers.length > 0) env.ommers = block.ommers.map((o) => ({ delta: Number(h.number - o.number), address: o.coinbase }));
  return env;
}

/** The block reward of the block's fork before the Merge (-1, none, after it). */
function rewardOf(config, header) {
  if (header.difficulty === 0n) return -1;
  const rules = rulesAt(config, { number: header.number, timestamp: header.timestamp, parentTotalDifficulty: 0n });
  return rules.fork >= Fork.Paris ? -1 : powRules(rules.fork).blockReward.toString();
}

/** Why the result does not match the header, or undefined. */
function checkBlock(answer, block) {
  if (answer.error !== undefined) return `t8n exit code ${answer.exitCode}: ${answer.error}`;
  const r = answer.result;
  const h = block.header;
  if ((r.rejected ?? []).length > 0) return `txs[${r.rejected[0].index}] rejected: ${r.rejected[0].error}`;
  const want = [
    ['stateRoot', r.stateRoot, bytesToHex(h.stateRoot)],
    ['transactionsTrie', r.txRoot, bytesToHex(h.transactionsRoot)],
    ['receiptTrie', r.receiptsRoot, bytesToHex(h.receiptsRoot)],
    ['bloom', r.logsBloom, bytesToHex(h.logsBloom)],
    ['gasUsed', r.gasUsed, hex(h.gasUsed)],
    ['withdrawalsRoot', r.withdrawalsRoot, h.withdrawalsRoot && bytesToHex(h.withdrawalsRoot)],
    ['blobGasUsed', r.blobGasUsed, h.blobGasUsed !== undefined ? hex(h.blobGasUsed) : undefined],
    ['requestsHash', r.requestsHash, h.requestsHash && bytesToHex(h.requestsHash)],
    ['baseFeePerGas (derived)', r.currentBaseFee, h.baseFeePerGas !== undefined ? hex(h.baseFeePerGas) : undefined],
    ['difficulty (derived)', r.currentDifficulty, h.difficulty === 0n ? null : hex(h.difficulty)],
    ['excessBlobGas (derived)', r.currentExcessBlobGas, h.excessBlobGas !== undefined ? hex(h.excessBlobGas) : undefined],
  ];
  for (const [field, got, expected] of want) if (got !== expected) return `${field}: got ${got}, want ${expected}`;
  return undefined;
}

/** Replays every test of a blockchain-test file; reports {label, error?} per valid block to `report`. */
export async function replayFile(proc, file, report) {
  for (const [name, test] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
    if (typeof test !== 'object' || test === null || test.network === undefined || test.blocks === undefined) continue;
    await replayTest(proc, `${file} ${name}`, test, report);
  }
}

/** Replays the valid blocks of one test in order, each on its parent's post-state as the t8n gave it. */
async function replayTest(proc, label, test, report) {
  const chainId = BigInt(test.config?.chainid ?? 1);
  const config = parseNetwork(test.network, chainId);
  const genesis = decodeBlock(hexToBytes(test.genesisRLP));
  const known = new Map([[bytesToHex(genesis.hash), { header: genesis.block.header, alloc: test.pre, parent: undefined, hash: bytesToHex(genesis.hash) }]]);
  for (const [i, b] of test.blocks.entries()) {
    if (b.expectException !== undefined) continue;
    const where = `${label} block ${i}`;
    let decoded;
    try {
      decoded = decodeBlock(hexToBytes(b.rlp));
    } catch (e) {
      report({ label: where, error: `block RLP: ${e.message}` });
      continue;
    }
    const block = decoded.block;
    const parent = known.get(bytesToHex(block.header.parentHash));
    if (parent === undefined) {
      report({ label: where, error: 'parent unknown' });
      continue;
    }
    const hashes = {};
    for (let a = parent, n = 0; a !== undefined && n < 256; a = a.parent, n++) hashes[a.header.number.toString()] = a.hash;
    const input = { alloc: parent.alloc, env: blockEnv(block, parent, hashes), txsRlp: bytesToHex(rlpEncode(blockToRlp(block)[1])) };
    const answer = await proc.request({ state: { fork: test.network, chainid: Number(chainId), reward: rewardOf(config, block.header) }, input });
    const error = checkBlock(answer, block);
    report({ label: `${where} (${forkName(rulesAt(config, { number: block.header.number, timestamp: block.header.timestamp, parentTotalDifficulty: block.header.difficulty === 0n ? 1n << 256n : 0n }).fork)})`, error });
    if (error === undefined) known.set(bytesToHex(decoded.hash), { header: block.header, alloc: answer.alloc, parent, hash: bytesToHex(decoded.hash) });
  }
}

// ── command line ──────────────────────────────────────────────────────────────────────────────────────

/** Runs a suite; returns {passed, failed, skipped, failures, skips} (failures and skips as lines). */
export async function runSuite(kind, files, workers, onResult = () => {}) {
  const totals = { passed: 0, failed: 0, skipped: 0, failures: [], skips: [] };
  const record = ({ label, error }) => {
    if (error === undefined) totals.passed++;
    else {
      totals.failed++;
      totals.failures.push(`FAIL ${label}: ${error}`);
    }
    onResult(label, error);
  };
  // One job per file, read when a process takes it up, so only the files in flight are in memory.
  const jobs = files.map((file) => async (proc) => {
    if (kind === 'blocks') return replayFile(proc, file, record);
    const { cases, skipped } = stateCases(file);
    totals.skipped += skipped.length;
    totals.skips.push(...skipped);
    for (const c of cases) record({ label: c.label, error: c.check(await proc.request(c.request)) });
  });
  await runJobs(jobs, workers);
  return totals;
}

async function main(argv) {
  const [kind, ...rest] = argv;
  let workers = 2;
  let every = 1;
  const paths = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--workers') workers = Number(rest[++i]);
    else if (rest[i] === '--every') every = Number(rest[++i]);
    else paths.push(rest[i]);
  }
  if ((kind !== 'state' && kind !== 'blocks') || paths.length === 0 || !(workers >= 1) || !(every >= 1)) {
    process.stderr.write('usage: node scripts/t8n-conformance.js state|blocks [--workers N] [--every N] <file|dir>...\n');
    return 2;
  }
  const files = jsonFiles(paths).filter((_, i) => i % every === 0);
  const start = Date.now();
  const totals = await runSuite(kind, files, workers);
  for (const line of [...totals.skips.map((l) => `SKIP ${l}`), ...totals.failures]) process.stdout.write(line + '\n');
  const what = kind === 'state' ? 'cases' : 'blocks';
  process.stdout.write(`t8n ${kind}: ${totals.passed} ${what} passed, ${totals.failed} failed, ${totals.skipped} skipped (${files.length} files, ${((Date.now() - start) / 1000).toFixed(1)} s)\n`);
  return totals.failed > 0 ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main(process.argv.slice(2)).then((code) => (process.exitCode = code));
