// ns/round of the BLAKE2F F compression: JS reference vs wasm. Run after `npx tsc`: node bench/blake2f.mjs [wasmRounds] [jsRounds]
import { blake2fCompressJs } from '../dist/precompiles/09-blake2f.js';
import { blake2fWasm } from '../dist/precompiles/blake2f-wasm.js';

const wasmRounds = Number(process.argv[2] ?? 1e7);
const jsRounds = Number(process.argv[3] ?? 1e6);
const params = new Uint8Array(209);
for (let i = 0; i < 208; i++) params[i] = (i * 131 + 7) & 0xff;
params[208] = 1;

function time(name, fn, rounds) {
  fn(1000, params); // warm up (compile / first tier)
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const out = fn(rounds, params);
  const cpu = process.cpuUsage(cpu0);
  const ns = Number(process.hrtime.bigint() - start);
  const cpuNs = (cpu.user + cpu.system) * 1000; // CPU time: less sensitive to other jobs on a loaded machine
  console.log(
    `${name}: ${rounds} rounds in ${(ns / 1e6).toFixed(1)} ms wall = ${(ns / rounds).toFixed(2)} ns/round wall, ` +
      `${(cpuNs / rounds).toFixed(2)} ns/round cpu (${Buffer.from(out.subarray(0, 8)).toString('hex')})`,
  );
  return out;
}

const wasm = blake2fWasm(true);
const scalar = blake2fWasm(false);
if (wasm === null || scalar === null) throw new Error('WebAssembly unavailable');
time('js         ', blake2fCompressJs, jsRounds);
time('wasm scalar', scalar, wasmRounds);
time('wasm simd  ', wasm, wasmRounds);
// Same input both ways must agree.
const a = Buffer.from(blake2fCompressJs(12345, params)).toString('hex');
for (const [name, fn] of [['scalar', scalar], ['simd', wasm]]) {
  const b = Buffer.from(fn(12345, params)).toString('hex');
  console.log(a === b ? `js == wasm ${name} at 12345 rounds` : `MISMATCH ${name}\n${a}\n${b}`);
}
