/**
 * Section 2: per-opcode micro-benchmarks generated from the opcode table (OPCODES), in the spirit of
 * evmone's synthetic benchmarks. For each opcode a straight-line program repeats one small body K times:
 *
 *   generic op (n in, m out):  PUSH32 arg × n, OP, POP × m
 *   PUSHn: PUSHn POP      DUPn: DUPn POP (16 items below)      SWAPn: SWAPn (17 items below)
 *   JUMP: PUSH2 next JUMP JUMPDEST      JUMPI: PUSH1 1 PUSH2 next JUMPI JUMPDEST      JUMPDEST: JUMPDEST
 *
 * Reported: ns per executed instruction of the body, and the net estimate for the opcode itself, which
 * subtracts the PUSH32/POP helpers at the rate measured for a "PUSH32 POP" body. The time of an empty run
 * (fresh state, host and frame) is subtracted first. Programs run under the newest fork, where every opcode of
 * the table is defined. Opcodes that end the frame or start a new one (STOP, RETURN, REVERT, INVALID,
 * SELFDESTRUCT, CALL*, CREATE*) are not measured here.
 */
import { Bench } from 'tinybench';
import { LATEST_FORK, OPCODES } from '../dist/index.js';
import { CONTRACT } from './lib/cases.js';
import { evmkitRunner } from './lib/evmkit.js';
import { table } from './lib/report.js';

const SKIP = new Set(['STOP', 'RETURN', 'REVERT', 'INVALID', 'SELFDESTRUCT', 'CALL', 'CALLCODE', 'DELEGATECALL',
  'STATICCALL', 'CREATE', 'CREATE2']);

const BIG_A = 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdefn;
const BIG_B = 0x00fedcba9876543210fedcba9876543210fedcba9876543210fedcba98765432n;

/** Operands, top of stack first, for opcodes whose operands must be something particular. */
function operands(name, n) {
  const special = {
    EXP: [BIG_A, 0xffffn],
    SIGNEXTEND: [15n, BIG_A],
    BYTE: [7n, BIG_A],
    SHL: [17n, BIG_A], SHR: [17n, BIG_A], SAR: [17n, BIG_A],
    KECCAK256: [0n, 64n],
    BALANCE: [BigInt(CONTRACT)], EXTCODESIZE: [BigInt(CONTRACT)], EXTCODEHASH: [BigInt(CONTRACT)],
    EXTCODECOPY: [BigInt(CONTRACT), 0n, 0n, 32n],
    CALLDATALOAD: [0n], CALLDATACOPY: [0n, 0n, 32n], CODECOPY: [0n, 0n, 32n], RETURNDATACOPY: [0n, 0n, 0n],
    MCOPY: [32n, 0n, 32n], BLOCKHASH: [0n], BLOBHASH: [0n],
    MLOAD: [0n], MSTORE: [0n, BIG_A], MSTORE8: [0n, BIG_A],
    SLOAD: [1n], SSTORE: [1n, 1n], TLOAD: [1n], TSTORE: [1n, 1n],
  };
  if (special[name]) return special[name];
  if (name.startsWith('LOG')) return [0n, 32n, ...Array(n - 2).fill(BIG_A)];
  return Array(n).fill(0).map((_, i) => (i % 2 === 0 ? BIG_A : BIG_B));
}

const push32 = (v) => [0x7f, ...Array.from({ length: 32 }, (_, i) => Number((v >> BigInt(8 * (31 - i))) & 0xffn))];

/** Builds the program for one opcode: {code, instructions per body, helpers (PUSH/POP) per body}. */
function program(info, k) {
  const { code: op, name, stackIn, stackOut, immediate } = info;
  const bytes = [];
  let per = 1;
  let helpers = 0;
  if (name.startsWith('DUP') || name.startsWith('SWAP')) for (let i = 0; i < 17; i++) bytes.push(...push32(BIG_A));
  for (let i = 0; i < k; i++) {
    if (name.startsWith('PUSH') && name !== 'PUSH0') {
      bytes.push(op, ...Array(immediate).fill(0xab), 0x50);
      per = 2; helpers = 1;
    } else if (name.startsWith('DUP') || name === 'PUSH0') {
      bytes.push(op, 0x50);
      per = 2; helpers = 1;
    } else if (name.startsWith('SWAP') || name === 'JUMPDEST') {
      bytes.push(op);
    } else if (name === 'JUMP' || name === 'JUMPI') {
      const cond = name === 'JUMPI' ? [0x60, 0x01] : [];
      const dest = bytes.length + cond.length + 4;
      bytes.push(...cond, 0x61, dest >> 8, dest & 0xff, op, 0x5b);
      per = name === 'JUMPI' ? 4 : 3; // PUSH(es), the jump, JUMPDEST
      helpers = per - 1;
    } else {
      const args = operands(name, stackIn);
      for (let j = args.length - 1; j >= 0; j--) bytes.push(...push32(args[j]));
      bytes.push(op, ...Array(stackOut).fill(0x50));
      per = stackIn + 1 + stackOut;
      helpers = stackIn + stackOut;
    }
  }
  bytes.push(0x00);
  return { code: Uint8Array.from(bytes), per, helpers };
}

/** Runs the section. */
export async function runOpcodes({ quick, filter }) {
  const k = 2000;
  const time = quick ? 25 : 300;
  const input = new Uint8Array(64).fill(0x5a);
  const measure = async (code) => {
    const run = evmkitRunner(code, input, null, LATEST_FORK);
    const r = run();
    if (r.status !== 'success') throw new Error(`opcode bench program failed: ${r.status}`);
    const bench = new Bench({ time, iterations: quick ? 3 : 10, warmupTime: quick ? 20 : 100, warmupIterations: 3 });
    bench.add('x', run);
    await bench.run();
    return bench.tasks[0].result.latency.p50 * 1e6; // ns per run
  };
  // Fixed cost of a run (fresh state, host, frame), subtracted from every program's time.
  const fixed = await measure(Uint8Array.from([0x00]));
  const measureNet = async (code) => Math.max(0, (await measure(code)) - fixed);
  // Helper rate: a "PUSH32 POP" body.
  const baseline = await measureNet(Uint8Array.from([...Array(k).fill([...push32(BIG_A), 0x50]).flat(), 0x00]));
  const helperNs = baseline / (2 * k);
  const rows = [];
  for (const info of OPCODES) {
    if (!info || SKIP.has(info.name) || !filter.test(info.name)) continue;
    const { code, per, helpers } = program(info, k);
    const ns = await measureNet(code);
    rows.push([info.name, (ns / (k * per)).toFixed(1), Math.max(0, ns / k - helpers * helperNs).toFixed(1), String(per)]);
  }
  if (filter.test('KECCAK256')) {
    // The row above hashes the same 64 bytes each time, which KECCAK256 answers from its kept results
    // (primitives/keccak-word.ts); here each hash is stored over the input of the next, so every one is new.
    // PUSH1 64, PUSH1 0, KECCAK256, PUSH1 0, MSTORE: the net figure still holds the MSTORE.
    const body = [0x60, 64, 0x60, 0, 0x20, 0x60, 0, 0x52];
    const ns = await measureNet(Uint8Array.from([...Array(k).fill(body).flat(), 0x00]));
    rows.push(['KECCAK256 (new input each time, + MSTORE)', (ns / (k * 5)).toFixed(1), Math.max(0, ns / k - 3 * helperNs).toFixed(1), '5']);
  }
  console.log(`\n## Opcodes (K = ${k} bodies per program, tinybench p50, minus the ${(fixed / 1000).toFixed(1)} µs of an empty run; helper PUSH32/POP ≈ ${helperNs.toFixed(1)} ns)\n`);
  table(['opcode', 'ns/instr (body)', 'net ns for opcode', 'instr per body'], rows);
}
