/**
 * What a program executes: `node bench/mix.js [REGEX] [TOP]` runs the first program of bench/cases/ whose name
 * matches REGEX (default snailtracer) once under a tracer and prints its instruction count, the TOP (default
 * 30) most executed opcodes with their shares, and how many of its KECCAK256 inputs were distinct (the
 * inputs KECCAK256 keeps results for, primitives/keccak-word.ts, are the repeated ones). Runs dist/.
 */
import { OPCODES } from '../dist/index.js';
import { loadCases } from './lib/cases.js';
import { evmkitRunner } from './lib/evmkit.js';

const [pattern = 'snailtracer', topText = '30'] = process.argv.slice(2);
if (!/^[1-9][0-9]*$/.test(topText) || Number(topText) > 256) {
  console.error(`mix: TOP: expected a whole number from 1 to 256, got '${topText}'`);
  process.exit(2);
}
const c = loadCases().find((x) => new RegExp(pattern).test(x.name));
if (c === undefined) {
  console.error(`mix: no program of bench/cases/ matches '${pattern}'`);
  process.exit(2);
}
const counts = new Float64Array(256);
let total = 0;
const hashed = new Map(); // KECCAK256 input (hex) → times
const tracer = {
  onStep(frame, op) {
    counts[op]++;
    total++;
    if (op !== 0x20) return;
    const offset = frame.stack[frame.sp - 1];
    const size = frame.stack[frame.sp - 2];
    if (size > 4096n || offset + size > BigInt(frame.memSize)) return; // an expansion or a failure: not counted
    const start = Number(offset);
    const key = Buffer.from(frame.memory.subarray(start, start + Number(size))).toString('hex');
    hashed.set(key, (hashed.get(key) ?? 0) + 1);
  },
};
evmkitRunner(c.code, c.input, tracer)();
console.log(`${c.name}: ${total} instructions`);
const rows = [...counts].map((n, op) => [op, n]).filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]);
let running = 0;
for (const [op, n] of rows.slice(0, Number(topText))) {
  running += n;
  const name = OPCODES[op]?.name ?? `0x${op.toString(16)}`;
  console.log(`${name.padEnd(14)} ${String(n).padStart(10)} ${((100 * n) / total).toFixed(1).padStart(6)} % ${((100 * running) / total).toFixed(1).padStart(6)} %`);
}
const hashes = [...hashed.values()].reduce((a, b) => a + b, 0);
console.log(`KECCAK256 within memory: ${hashes} hashes of ${hashed.size} distinct inputs`);
