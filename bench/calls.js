/**
 * Section 4 (run when named, or with --baseline): the cost of a nested call, which the programs of
 * section 1 hardly exercise. Three programs, each checked to end in success with the same gas on every side:
 *
 *   call-loop    10,000 CALLs to a contract whose code is STOP (one frame begun, run and ended each)
 *   create-loop  1,000 CREATEs of an empty contract (initcode STOP)
 *   depth-1024   a contract that calls itself until the call from depth 1024 fails, 1025 frames nested
 *
 * Reported: ms per program run and µs per call, median and minimum of single runs that alternate between
 * the sides (the current dist/, and with --baseline DIR another build, both as fresh copies, see lib/copy.js).
 * The section runs in a worker thread with a 256 MB stack, so that a baseline from before the explicit frame
 * stack (which recursed in JavaScript per call) can run depth-1024 too; both sides run in that same thread.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DIST, loadCopy } from './lib/copy.js';
import { fmtMs, median, table } from './lib/report.js';

const CALLER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const CONTRACT = '0xbe7c43a580000000000000000000000000000001';
const CALLEE = '0xbe7c43a580000000000000000000000000000002';
const GAS = 10n ** 14n;

const hex = (s) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));

/** Code that runs `body` `n` times (n < 2^16): PUSH2 n, loop: JUMPDEST body, PUSH1 1 SWAP1 SUB DUP1 PUSH1 loop JUMPI. */
function loop(n, body) {
  return hex(`61${n.toString(16).padStart(4, '0')} 5b ${body} 600190 03 80 6003 57 00`);
}

const PROGRAMS = [
  // CALL(gas, CALLEE, 0, 0, 0, 0, 0) POP
  { name: 'call-loop', calls: 10_000, code: loop(10_000, `6000 6000 6000 6000 6000 73${CALLEE.slice(2)} 5a f1 50`) },
  // CREATE(0, 0, 1) POP with memory[0] = STOP (0x00): each creation runs a one-byte initcode.
  { name: 'create-loop', calls: 1_000, code: loop(1_000, '6001 6000 6000 f0 50') },
  // The self-calling program of test/helpers/deep.ts: stores CALL's result + 1 at slot d for depth d.
  { name: 'depth-1024', calls: 1_024, code: hex('6001600035016000526000600060206000600030 5af1 6001 01 600035 55 00'), input: new Uint8Array(32) },
];

/** A function that runs `p` once on `lib` (a build's index.js module) and returns {ok, gasUsed}. */
function runnerFor(lib, p) {
  const { StateHost, WorldState, isSuccess } = lib;
  const account = (code) => ({ nonce: 1n, balance: 0n, code, storage: new Map() });
  const alloc = new Map([[CONTRACT, account(p.code)], [CALLEE, account(hex('00'))]]);
  const context = {
    fork: lib.Fork.Cancun, origin: CALLER, gasPrice: 0n, coinbase: '0x0000000000000000000000000000000000000000',
    number: 1n, timestamp: 0n, gasLimit: GAS, baseFee: 7n, prevRandao: 0n, chainId: 1n, blobBaseFee: 1n, blobHashes: [],
  };
  const message = {
    kind: 0, caller: CALLER, recipient: CONTRACT, codeAddress: CONTRACT, value: 0n,
    input: p.input ?? new Uint8Array(0), gas: GAS, depth: 0, isStatic: false,
  };
  return () => {
    const state = WorldState.fromAlloc(alloc);
    state.warmAccount(CALLER);
    state.warmAccount(CONTRACT);
    const r = new StateHost(state, context, () => 0n, null).call(message);
    return { ok: isSuccess(r.status), gasUsed: GAS - r.gasLeft };
  };
}

/** Runs the section (in a worker, see above) and prints its report. */
export async function runCalls(options) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { ...options, calls: true }, resourceLimits: { stackSizeMb: 256 } });
  await new Promise((resolve, reject) => {
    worker.on('message', (text) => process.stdout.write(text));
    worker.on('error', reject);
    worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`bench/calls.js: worker exited with ${code}`))));
  });
}

async function measure({ quick, baseline }) {
  const copies = [await loadCopy(DIST), ...(baseline === undefined ? [] : [await loadCopy(baseline)])];
  const names = baseline === undefined ? ['evmkit'] : ['evmkit', 'baseline'];
  const rounds = quick ? 10 : 60;
  const rows = [];
  for (const p of PROGRAMS) {
    const runs = copies.map((c) => runnerFor(c.lib, p));
    const results = runs.map((run) => run());
    for (const [i, r] of results.entries()) {
      if (!r.ok || r.gasUsed !== results[0].gasUsed) throw new Error(`bench/calls.js: ${p.name} on ${names[i]}: ${JSON.stringify({ ok: r.ok, gas: String(r.gasUsed) })}`);
    }
    for (const run of runs) for (let i = 0; i < 5; i++) run();
    const times = runs.map(() => []);
    for (let r = 0; r < rounds; r++) {
      for (let s = 0; s < runs.length; s++) {
        const start = performance.now();
        runs[s]();
        times[s].push(performance.now() - start);
      }
    }
    const row = [p.name, String(results[0].gasUsed)];
    for (const t of times) row.push(fmtMs(median(t)), fmtMs(Math.min(...t)), ((median(t) * 1000) / p.calls).toFixed(2));
    if (times.length === 2) row.push((median(times[1]) / median(times[0])).toFixed(2) + '×', (Math.min(...times[1]) / Math.min(...times[0])).toFixed(2) + '×');
    rows.push(row);
  }
  for (const c of copies) c.remove();
  let text = `\n## Calls (${rounds} alternating single runs per side)\n\n`;
  if (baseline !== undefined) text += `baseline: ${baseline}\n\n`;
  const header = ['program', 'gas'];
  for (const n of names) header.push(`${n} ms`, `${n} min`, `${n} µs/call`);
  if (names.length === 2) header.push('baseline/evmkit', 'baseline/evmkit (min)');
  table(header, rows, (line) => (text += line + '\n'));
  parentPort.postMessage(text);
}

if (!isMainThread && workerData?.calls === true) await measure(workerData);
