/**
 * Section "state" (run with `--section state`): the state engine on a large state — 100,000 accounts, of
 * which 100 contracts hold 1,000 storage slots each (100,000 slots). Reported:
 *   - building the world state from the allocation;
 *   - the first root (the one-pass build that keeps the trie), and for comparison the one-shot root that
 *     keeps nothing (oneShotStateRoot);
 *   - the root after changing one slot (one contract's storage path and its account's path re-hashed);
 *   - the root after changing the balances of 100 accounts;
 *   - an EIP-1186 proof of a contract and one slot; saving and loading a snapshot;
 *   - peak memory (the process's maximum resident set size, and the heap after the first root).
 * Each change is committed with finalizeTransaction, then only root() is timed; the small roots are
 * repeated (medians and minimums). The first and one-shot roots also give their CPU time (median / min),
 * steadier than wall time on a machine shared with other jobs. The incremental root of the final state is checked against a one-shot
 * root of the same state: a mismatch prints FAIL and makes the bench exit 1.
 */
import { median, table } from './lib/report.js';

/** xorshift32: deterministic state for every run. */
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

const address = (i) => '0x' + (0x1000000 + i * 0x9e3779b1).toString(16).padStart(40, '0');

/** The allocation: `accounts` accounts, the first `contracts` with code and `slots` slots each. */
function makeAlloc(accounts, contracts, slots) {
  const next = rng(42);
  const alloc = new Map();
  const code = Uint8Array.from([0x60, 0x01, 0x60, 0x00, 0x55, 0x00]);
  for (let i = 0; i < accounts; i++) {
    const storage = new Map();
    if (i < contracts) for (let k = 0; k < slots; k++) storage.set(BigInt(k * 3 + 1), BigInt(Math.floor(next() * 2 ** 48)) + 1n);
    alloc.set(address(i), { nonce: BigInt(i % 7), balance: BigInt(Math.floor(next() * 2 ** 52)) * 10n ** 6n, code: i < contracts ? code : new Uint8Array(0), storage });
  }
  return alloc;
}

const ms = (x) => (x >= 100 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(3));
const time = (fn) => {
  const t = performance.now();
  const value = fn();
  return [performance.now() - t, value];
};
/** Wall and CPU milliseconds of fn (CPU: user + system of the whole process, GC threads included). */
const timeBoth = (fn) => {
  const cpu = process.cpuUsage();
  const [wall] = time(fn);
  const used = process.cpuUsage(cpu);
  return [wall, (used.user + used.system) / 1000];
};

/** Runs the state section; returns false when a root disagrees. */
export async function runState({ quick = false } = {}) {
  const evmkit = await import('../dist/index.js');
  const { oneShotStateRoot } = await import('../dist/state/root.js');
  const { WorldState, bytesToHex, getProof, verifyProof, encodeSnapshot, decodeSnapshot } = evmkit;
  const ACCOUNTS = 100_000;
  const CONTRACTS = 100;
  const SLOTS = 1_000;
  const REPEAT = quick ? 20 : 200;
  const FIRSTS = quick ? 1 : 3;
  console.log(`\n## State engine: ${ACCOUNTS.toLocaleString('en')} accounts, ${(CONTRACTS * SLOTS).toLocaleString('en')} slots (${CONTRACTS} contracts × ${SLOTS})\n`);

  // Warm the JIT on a small state first, so that neither builder pays for compiling the other's code.
  const small = makeAlloc(10_000, 10, 100);
  WorldState.fromAlloc(small).root();
  oneShotStateRoot(WorldState.fromAlloc(small));

  const alloc = makeAlloc(ACCOUNTS, CONTRACTS, SLOTS);
  const heapBefore = process.memoryUsage().heapUsed;
  const [buildMs, state] = time(() => WorldState.fromAlloc(alloc));
  const firsts = [timeBoth(() => state.root())];
  const heapAfterFirst = process.memoryUsage().heapUsed;

  // The incremental roots (and the memory they need) on this state, before any other state exists.
  const next = rng(7);
  const oneSlot = [];
  for (let i = 0; i < REPEAT; i++) {
    const contract = address(Math.floor(next() * CONTRACTS));
    state.setStorage(contract, BigInt(Math.floor(next() * SLOTS) * 3 + 1), BigInt(i + 1));
    state.finalizeTransaction(true);
    oneSlot.push(time(() => state.root())[0]);
  }
  const hundred = [];
  for (let i = 0; i < Math.max(5, REPEAT / 10); i++) {
    for (let j = 0; j < 100; j++) state.setBalance(address(Math.floor(next() * ACCOUNTS)), BigInt(i * 100 + j + 1));
    state.finalizeTransaction(true);
    hundred.push(time(() => state.root())[0]);
  }
  const [proofMs, proof] = time(() => getProof(state, address(3), [4n]));
  let ok = verifyProof(state.root(), proof);
  const peakRss = process.resourceUsage().maxRSS / 1024;
  ok = bytesToHex(state.root()) === bytesToHex(oneShotStateRoot(state)) && ok;
  const [saveMs, snapshot] = time(() => encodeSnapshot(state));
  const [loadMs] = time(() => WorldState.fromAlloc(decodeSnapshot(snapshot).alloc));

  // First roots again on fresh states, alternating with the one-shot root that keeps nothing.
  const oneShots = [];
  for (let i = 0; i < FIRSTS; i++) {
    const a = WorldState.fromAlloc(alloc);
    oneShots.push(timeBoth(() => oneShotStateRoot(a)));
    if (i + 1 < FIRSTS) {
      const b = WorldState.fromAlloc(alloc);
      firsts.push(timeBoth(() => b.root()));
    }
  }
  if (!ok) console.log('FAIL: the incremental root disagrees with the one-shot root (or a proof failed)');

  const first = median(firsts.map((f) => f[0]));
  const cpu = (list) => `${ms(median(list.map((f) => f[1])))} / ${ms(Math.min(...list.map((f) => f[1])))}`;
  const slot = median(oneSlot);
  const accounts100 = median(hundred);
  const rows = [
    ['build the world state from the allocation', ms(buildMs), '', ''],
    [`first root: one pass, trie kept (${firsts.length}×; CPU ms ${cpu(firsts)})`, ms(first), ms(Math.min(...firsts.map((f) => f[0]))), '1×'],
    [`one-shot root, nothing kept (${oneShots.length}×; CPU ms ${cpu(oneShots)})`, ms(median(oneShots.map((f) => f[0]))), ms(Math.min(...oneShots.map((f) => f[0]))), ''],
    [`root after changing 1 slot (${oneSlot.length}×)`, ms(slot), ms(Math.min(...oneSlot)), (first / slot).toFixed(0) + '×'],
    [`root after changing 100 accounts (${hundred.length}×)`, ms(accounts100), ms(Math.min(...hundred)), (first / accounts100).toFixed(0) + '×'],
    ['getProof: account + 1 slot', ms(proofMs), '', ''],
    [`encodeSnapshot (${(snapshot.length / 1e6).toFixed(1)} MB)`, ms(saveMs), '', ''],
    ['decodeSnapshot + fromAlloc', ms(loadMs), '', ''],
  ];
  table(['step', 'ms (median)', 'ms (min)', 'speed-up over the first root'], rows);
  console.log(`\npeak memory through the first root and the updates: ${peakRss.toFixed(0)} MB maximum RSS (whole process, the input allocation included)`);
  console.log(`heap held by the world state and its trie after the first root: ${((heapAfterFirst - heapBefore) / 1e6).toFixed(0)} MB`);
  console.log(`one-slot root ${(first / slot).toFixed(0)}× faster than the first root (target ≥ 100×): ${first / slot >= 100 ? 'met' : 'NOT met'}`);
  console.log(`final root ${bytesToHex(state.root())} ${ok ? 'equals' : 'DIFFERS FROM'} the one-shot root of the same state`);
  return ok;
}
