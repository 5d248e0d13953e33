/**
 * Section: the BLS12-381 precompiles of EIP-2537 (0x0b–0x11), each called directly (no EVM frame) with
 * valid inputs at its EIP price, reported as time per call and Mgas/s = price / time, the figure to set
 * beside the interpreter's Mgas/s of the programs section. Inputs: points of the order-r subgroup built from
 * the generators, 256-bit scalars and field elements from a fixed-seed generator (so every run times the same
 * inputs); MSM with 1, 8 and 128 pairs, the pairing with 1 and 8 pairs. The same inputs go through
 * @ethereumjs/evm's precompiles (its default NobleBLS backend, the same @noble/curves), whose output must
 * equal ours before anything is timed.
 */
import { Bench } from 'tinybench';
import { Fork, precompilesFor } from '../dist/index.js';
import { fmtMs, median, table } from './lib/report.js';
import { ethereumjsPrecompileRunner } from './lib/ethereumjs.js';

// The generators as EIP-2537 encodes them: each coordinate 64 bytes (16 zero bytes, 48 of value), Fp2 as c0 ‖ c1.
const fe = (hex) => '00'.repeat(16) + hex;
const G1 = fe('17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb') +
  fe('08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1');
const G2 = fe('024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8') +
  fe('13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e') +
  fe('0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801') +
  fe('0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be');
const P = 0x1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaabn;

const fromHex = (hex) => Uint8Array.from(Buffer.from(hex, 'hex'));
const toHex = (bytes) => Buffer.from(bytes).toString('hex');

/** A fixed-seed 64-bit LCG: the same "random" scalars and field elements on every run. */
function generator(seed) {
  let s = seed;
  const next = () => (s = (s * 6364136223846793005n + 1442695040888963407n) & ((1n << 64n) - 1n));
  return (bits) => {
    let v = 0n;
    for (let i = 0; i < bits; i += 64) v = (v << 64n) | next();
    return v & ((1n << BigInt(bits)) - 1n);
  };
}

/** Builds the inputs of every case through evmkit's own precompiles (MSM for s·G, ADD for further points). */
function buildCases(run) {
  const random = generator(2537n);
  const scalar = () => random(256).toString(16).padStart(64, '0');
  const fp = () => fe((random(384) % P).toString(16).padStart(96, '0'));
  const points = (gen, msm, add, n) => {
    const first = toHex(run(msm, fromHex(gen + scalar())));
    const out = [first];
    // Further points P + s·G: adding a fresh multiple keeps them unrelated without n full multiplications.
    const step = toHex(run(msm, fromHex(gen + scalar())));
    while (out.length < n) out.push(toHex(run(add, fromHex(out.at(-1) + step))));
    return out;
  };
  const g1 = points(G1, 0x0c, 0x0b, 128);
  const g2 = points(G2, 0x0e, 0x0d, 128);
  const msm = (pts, k) => pts.slice(0, k).map((p) => p + scalar()).join('');
  return [
    ['G1ADD', 0x0b, '2 points', g1[0] + g1[1]],
    ['G1MSM', 0x0c, '1 pair', msm(g1, 1)],
    ['G1MSM', 0x0c, '8 pairs', msm(g1, 8)],
    ['G1MSM', 0x0c, '128 pairs', msm(g1, 128)],
    ['G2ADD', 0x0d, '2 points', g2[0] + g2[1]],
    ['G2MSM', 0x0e, '1 pair', msm(g2, 1)],
    ['G2MSM', 0x0e, '8 pairs', msm(g2, 8)],
    ['G2MSM', 0x0e, '128 pairs', msm(g2, 128)],
    ['PAIRING_CHECK', 0x0f, '1 pair', g1[0] + g2[0]],
    ['PAIRING_CHECK', 0x0f, '8 pairs', g1.slice(0, 8).map((p, i) => p + g2[i]).join('')],
    ['MAP_FP_TO_G1', 0x10, '1 element', fp()],
    ['MAP_FP2_TO_G2', 0x11, '1 element', fp() + fp()],
  ].map(([name, address, label, hex]) => ({ name, address, label, input: fromHex(hex) }));
}

/** Median and minimum latency (ms) of `fn` under tinybench, at least `iterations` runs. */
async function timeTask(fn, { time, iterations }) {
  const bench = new Bench({ time, iterations, warmupIterations: 1, warmupTime: 0 });
  bench.add('x', fn);
  await bench.run();
  const r = bench.tasks[0].result;
  if (r.state !== 'completed') throw r.error ?? new Error(r.state);
  return { p50: r.latency.p50, min: r.latency.min };
}

/** Runs the section; returns false when ethereumjs disagrees with evmkit on an output or a price. */
export async function runPrecompiles({ quick, filter, ethereumjs }) {
  const table0 = precompilesFor(Fork.Prague);
  const precompile = (address) => table0.get('0x' + address.toString(16).padStart(40, '0'));
  const run = (address, input) => {
    const r = precompile(address)(input, 1e9, Fork.Prague);
    if (!r.success) throw new Error(`precompile ${address} rejected a bench input`);
    return r.output;
  };
  const cases = buildCases(run).filter((c) => filter.test(`${c.name} ${c.label}`));
  const rounds = quick ? 1 : 3;
  const budget = { time: quick ? 50 : 1000, iterations: quick ? 2 : 5 };
  const rows = [];
  let ok = true;
  for (const c of cases) {
    const fn = precompile(c.address);
    const r = fn(c.input, 1e9, Fork.Prague);
    const ejs = ethereumjs ? await ethereumjsPrecompileRunner(c.address, c.input) : null;
    if (ejs) {
      const e = await ejs();
      if (toHex(e.output) !== toHex(r.output) || e.gasUsed !== BigInt(r.gasUsed)) {
        ok = false;
        rows.push([c.name, c.label, String(r.gasUsed), `FAIL: ethereumjs gives ${e.gasUsed} gas, output ${toHex(e.output).slice(0, 16)}…`]);
        continue;
      }
    }
    const kit = [];
    const other = [];
    for (let i = 0; i < rounds; i++) {
      kit.push(await timeTask(() => fn(c.input, 1e9, Fork.Prague), budget));
      if (ejs) other.push(await timeTask(ejs, budget));
    }
    const k = median(kit.map((t) => t.p50));
    const kMin = Math.min(...kit.map((t) => t.min));
    const e = ejs ? median(other.map((t) => t.p50)) : NaN;
    const mgas = (ms) => (r.gasUsed / ms / 1000).toFixed(2);
    rows.push([c.name, c.label, String(r.gasUsed), fmtMs(k), fmtMs(kMin), mgas(k), mgas(kMin),
      ejs ? fmtMs(e) : '-', ejs ? mgas(e) : '-']);
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  console.log(`\n## BLS12-381 precompiles (EIP-2537) at their price (${rounds} round(s) of tinybench: median of the p50s, and the minimum)\n`);
  table(['precompile', 'input', 'gas', 'evmkit ms', 'evmkit min', 'Mgas/s', 'Mgas/s (min)', 'ethereumjs ms', 'ethereumjs Mgas/s'], rows);
  return ok;
}
