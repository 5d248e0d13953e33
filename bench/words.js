/**
 * Section "words" (run with `--section words`): the word-representation measurement asked for by DESIGN.md.
 * The same hot operations on a 1024-slot stack, written three ways:
 *   bigint-mask   — bigint words, wrap with `& MAX` (the instruction handlers' style)
 *   bigint-cmp    — bigint words, wrap with a compare and a conditional subtract (the inlined ADD/SUB)
 *   u32x8 limbs   — eight 32-bit limbs per word in one Uint32Array stack, in place, no allocation
 * Each kernel runs a fixed operand pattern in a loop; reported as ns per operation (tinybench p50).
 * Operands are full-width 256-bit values (hashing/crypto code), and for bigint also small values ("small":
 * counters, offsets, lengths — one-digit bigints are cheaper); the limbs cost the same either way.
 */
import { Bench } from 'tinybench';
import { table } from './lib/report.js';

const MAX = (1n << 256n) - 1n;
const TWO = 1n << 256n;
const N = 1000; // operations per task call

function bigStack(small = false) {
  const s = new Array(1024).fill(0n);
  for (let i = 0; i < 16; i++) s[i] = small ? BigInt(1000 + i) : (0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefn * BigInt(i + 3)) & MAX;
  return s;
}
function limbStack() {
  const s = new Uint32Array(1024 * 8);
  for (let i = 0; i < 16 * 8; i++) s[i] = (0x9e3779b9 * (i + 1)) >>> 0;
  return s;
}

// Kernels: each pops two words at slots 14/15 style positions and writes the result back (stack height is
// kept constant so that every call does the same work).
const bigOps = {
  ADD: (s) => { for (let i = 0; i < N; i++) s[14] = (s[15] + s[14 - (i & 7)]) & MAX; },
  MUL: (s) => { for (let i = 0; i < N; i++) s[14] = (s[15] * s[14 - (i & 7)]) & MAX; },
  AND: (s) => { for (let i = 0; i < N; i++) s[14] = s[15] & s[14 - (i & 7)]; },
  LT: (s) => { for (let i = 0; i < N; i++) s[13] = s[15] < s[14 - (i & 7)] ? 1n : 0n; },
  'DUP+POP': (s) => { for (let i = 0; i < N; i++) s[16] = s[15 - (i & 7)]; },
  SWAP: (s) => { for (let i = 0; i < N; i++) { const j = 14 - (i & 7); const t = s[15]; s[15] = s[j]; s[j] = t; } },
};
const bigCmpOps = {
  ADD: (s) => { for (let i = 0; i < N; i++) { const r = s[15] + s[14 - (i & 7)]; s[14] = r > MAX ? r - TWO : r; } },
};

function limbAdd(s, a, b, r) {
  let carry = 0;
  for (let k = 0; k < 8; k++) {
    const t = s[a + k] + s[b + k] + carry;
    s[r + k] = t >>> 0;
    carry = t > 0xffffffff ? 1 : 0;
  }
}
/** Schoolbook 256×256 → low 256 bits, on 16-bit halves so that every partial sum stays exact in a double. */
const h = new Float64Array(16);
const g = new Float64Array(16);
const acc = new Float64Array(17);
function limbMul(s, a, b, r) {
  for (let k = 0; k < 8; k++) {
    h[2 * k] = s[a + k] & 0xffff; h[2 * k + 1] = s[a + k] >>> 16;
    g[2 * k] = s[b + k] & 0xffff; g[2 * k + 1] = s[b + k] >>> 16;
  }
  acc.fill(0);
  // at most 16 products below 2^32 per column: sums stay exact; one carry pass at the end
  for (let i = 0; i < 16; i++) {
    const x = h[i];
    if (x === 0) continue;
    for (let j = 0; j < 16 - i; j++) acc[i + j] += x * g[j];
  }
  let c = 0;
  for (let k = 0; k < 16; k++) { const t = acc[k] + c; c = Math.floor(t / 65536); acc[k] = t - c * 65536; }
  for (let k = 0; k < 8; k++) s[r + k] = (acc[2 * k] + acc[2 * k + 1] * 65536) >>> 0;
}
const limbOps = {
  ADD: (s) => { for (let i = 0; i < N; i++) limbAdd(s, 15 * 8, (14 - (i & 7)) * 8, 14 * 8); },
  MUL: (s) => { for (let i = 0; i < N; i++) limbMul(s, 15 * 8, (14 - (i & 7)) * 8, 14 * 8); },
  AND: (s) => { for (let i = 0; i < N; i++) { const a = 15 * 8, b = (14 - (i & 7)) * 8; for (let k = 0; k < 8; k++) s[112 + k] = s[a + k] & s[b + k]; } },
  LT: (s) => {
    for (let i = 0; i < N; i++) {
      const a = 15 * 8, b = (14 - (i & 7)) * 8;
      let lt = 0;
      for (let k = 7; k >= 0; k--) if (s[a + k] !== s[b + k]) { lt = s[a + k] < s[b + k] ? 1 : 0; break; }
      s[104] = lt; for (let k = 1; k < 8; k++) s[104 + k] = 0;
    }
  },
  'DUP+POP': (s) => { for (let i = 0; i < N; i++) { const j = (15 - (i & 7)) * 8; for (let k = 0; k < 8; k++) s[128 + k] = s[j + k]; } },
  SWAP: (s) => {
    for (let i = 0; i < N; i++) {
      const j = (14 - (i & 7)) * 8;
      for (let k = 0; k < 8; k++) { const t = s[120 + k]; s[120 + k] = s[j + k]; s[j + k] = t; }
    }
  },
};

/** The limb kernels are checked against bigint before they are timed. */
function checkLimbs() {
  const s = limbStack();
  const word = (slot) => { let x = 0n; for (let k = 7; k >= 0; k--) x = (x << 32n) | BigInt(s[slot * 8 + k]); return x; };
  const a = word(15), b = word(10);
  limbAdd(s, 15 * 8, 10 * 8, 20 * 8);
  limbMul(s, 15 * 8, 10 * 8, 21 * 8);
  if (word(20) !== ((a + b) & MAX) || word(21) !== ((a * b) & MAX)) throw new Error('u32x8 kernels are wrong');
}

export async function runWords({ quick }) {
  checkLimbs();
  const bench = new Bench({ time: quick ? 100 : 1000 });
  const names = Object.keys(bigOps);
  for (const op of names) {
    const bs = bigStack();
    bench.add(`bigint-mask ${op}`, () => bigOps[op](bs));
    if (bigCmpOps[op]) { const bc = bigStack(); bench.add(`bigint-cmp ${op}`, () => bigCmpOps[op](bc)); }
    const sm = bigStack(true);
    bench.add(`bigint-mask small ${op}`, () => bigOps[op](sm));
    if (bigCmpOps[op]) { const sc = bigStack(true); bench.add(`bigint-cmp small ${op}`, () => bigCmpOps[op](sc)); }
    const ls = limbStack();
    bench.add(`u32x8 ${op}`, () => limbOps[op](ls));
  }
  await bench.run();
  const ns = (name) => {
    const t = bench.tasks.find((x) => x.name === name);
    return t ? ((t.result.latency.p50 * 1e6) / N).toFixed(1) : '-';
  };
  console.log(`\n## Word representation (ns per operation, full-width operands, tinybench p50)\n`);
  table(['op', 'bigint-mask', 'bigint-cmp', 'bigint-mask, small', 'bigint-cmp, small', 'u32x8 limbs'],
    names.map((op) => [op, ns(`bigint-mask ${op}`), ns(`bigint-cmp ${op}`), ns(`bigint-mask small ${op}`), ns(`bigint-cmp small ${op}`), ns(`u32x8 ${op}`)]));
  await runConversions(quick);
}

/**
 * Word-to-number conversions (offsets, sizes, jump destinations): `Number(x)` against the library's
 * toSmallNumber (a BigUint64Array store and two 32-bit loads), and the other direction, on small words.
 */
async function runConversions(quick) {
  const { toSmallNumber } = await import('../dist/primitives/word.js');
  const words = Array.from({ length: 1024 }, (_, i) => BigInt((i * 37) % 30000));
  const numbers = words.map(Number);
  let sink = 0;
  const kernels = {
    'array load (the loop alone)': () => { for (let i = 0; i < N; i++) sink += words[i & 1023] === 0n ? 1 : 0; },
    'Number(x)': () => { for (let i = 0; i < N; i++) sink += Number(words[i & 1023]); },
    'toSmallNumber(x)': () => { for (let i = 0; i < N; i++) sink += toSmallNumber(words[i & 1023]); },
    'BigInt(n)': () => { for (let i = 0; i < N; i++) sink += BigInt(numbers[i & 1023]) === 0n ? 1 : 0; },
    'x + y (small bigints)': () => { for (let i = 0; i < N; i++) sink += words[i & 1023] + words[(i + 1) & 1023] === 0n ? 1 : 0; },
  };
  const bench = new Bench({ time: quick ? 100 : 1000 });
  for (const [name, fn] of Object.entries(kernels)) bench.add(name, fn);
  await bench.run();
  console.log(`\n## Conversions between small words and numbers (ns per operation, loop included, tinybench p50)\n`);
  table(['operation', 'ns'], bench.tasks.map((t) => [t.name, ((t.result.latency.p50 * 1e6) / N).toFixed(1)]));
  if (sink === -1) console.log(''); // keeps the kernels' results alive
}
