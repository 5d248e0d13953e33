/**
 * Call and create depth on the main thread with Node's default stack: `evmkit run`, `statetest --trace` and
 * the library (each a fresh `node` process, no --stack-size) reach the EVM's limit of 1024 nested frames and
 * agree with the worker-thread path of `statetest`.
 *
 * The expected roots and gas were first computed by the recursive interpreter this replaced (commit c4171f6),
 * in a statetest worker with a 256 MB stack and with `node --stack-size=4000`; its traces of these runs are
 * byte-for-byte those of today's build.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createAddress } from '../../src/primitives/address.js';
import { CREATE_CHAIN, DEEP_GAS, SELF_CALL, SELF_CALLER, SENDER, deepFixture } from '../helpers/deep.js';
import { ensureBuilt, evmkit, jsonLines, jsonUpToLastBrace, lastJson, ROOT, runNode } from '../helpers/cli.js';

const LIB = join(ROOT, 'dist', 'index.js');

/** Post-state roots of the two fixture cases (Cancun). */
const ROOTS = {
  selfCall: '0x4583f5d1b35e72ecd25ce9e94ec6af86c32542ed591b113d9e7c6d3a78331610',
  createChain: '0x23b83140c150bfebc1d7c56ab4b79296ab980d8375f8219a60ff4506e2074166',
};
const GAS = '0x' + DEEP_GAS.toString(16);
const DEPTH_WORD = '0x' + '00'.repeat(32);

/** The largest "depth" of the EIP-3155 lines in `trace` (the transaction's frame is depth 1). */
function maxDepth(trace: string): number {
  let max = 0;
  for (const m of trace.matchAll(/"depth":(\d+)/g)) max = Math.max(max, Number(m[1]));
  return max;
}

/** `--dump` output (everything before the final output line). */
type Dump = Record<string, { nonce: string; storage: Record<string, string> }>;

const word = (n: number | bigint): string => '0x' + BigInt(n).toString(16).padStart(64, '0');

let fixtureDir = '';
beforeAll(() => {
  ensureBuilt();
  fixtureDir = mkdtempSync(join(tmpdir(), 'evmkit-depth-'));
  writeFileSync(join(fixtureDir, 'deep.json'), JSON.stringify(deepFixture(ROOTS)));
}, 120_000);

describe('1024 nested frames on the main thread', { timeout: 120_000 }, () => {
  it('evmkit run: the self-calling program reaches depth 1024 and the call from there fails', () => {
    const traced = evmkit(['run', '--gas', GAS, '--input', DEPTH_WORD, '--trace', '--dump', SELF_CALL]);
    expect(traced.code).toBe(0);
    expect(maxDepth(traced.stderr)).toBe(1025); // frame depth 1024
    expect(lastJson(traced.stderr)).toEqual({ output: '', gasUsed: '0x15c06ec' });
    const storage = jsonUpToLastBrace<Dump>(traced.stdout)['0x0000000000000000000000007265636569766572'].storage;
    expect(Object.keys(storage)).toHaveLength(1025);
    expect(storage[word(0)]).toBe(word(2));
    expect(storage[word(1023)]).toBe(word(2)); // the call from depth 1023 ran a frame at depth 1024
    expect(storage[word(1024)]).toBe(word(1)); // the call from depth 1024 returned 0

    // The plain (untraced) loop: the same post-state.
    const plain = evmkit(['run', '--gas', GAS, '--input', DEPTH_WORD, '--dump', SELF_CALL]);
    expect(plain.code).toBe(0);
    expect(plain.stderr).toBe('');
    expect(plain.stdout).toBe(traced.stdout);
  });

  it('evmkit run --create: a 1024-deep CREATE chain, the CREATE at depth 1025 failing', () => {
    const r = evmkit(['run', '--create', '--gas', GAS, '--trace', '--dump', CREATE_CHAIN]);
    expect(r.code).toBe(0);
    expect(maxDepth(r.stderr)).toBe(1025);
    expect(lastJson(r.stderr)).toEqual({ output: '', gasUsed: '0x34eb378' });
    const dump = jsonUpToLastBrace<Dump>(r.stdout);
    // Follow the chain from the transaction's contract (run's default sender, nonce 0): each holds its
    // child's address + 1 at slot 0.
    let address: string = createAddress('0x000000000000000000000000000073656e646572', 0n);
    let links = 0;
    while (dump[address].storage[word(0)] !== word(1)) {
      expect(dump[address].nonce).toBe('0x2'); // 1 (EIP-161) + its CREATE
      address = '0x' + (BigInt(dump[address].storage[word(0)]) - 1n).toString(16).padStart(40, '0');
      links++;
    }
    expect(links).toBe(1024);
    expect(dump[address].nonce).toBe('0x1'); // the failed CREATE at depth 1025 did not bump it
  });

  it('statetest --trace (main thread) gives the worker path’s records and state roots at depth 1024', () => {
    const workers = evmkit(['statetest', '--json', fixtureDir]);
    expect(workers.code).toBe(0);
    const records = jsonLines(workers.stdout);
    expect(records.map((r) => [r.name, r.pass, r.stateRoot])).toEqual([
      ['selfCall', true, ROOTS.selfCall],
      ['createChain', true, ROOTS.createChain],
    ]);

    const traced = evmkit(['statetest', '--trace', '--json', fixtureDir]);
    expect(traced.code).toBe(0);
    expect(traced.stdout).toBe(workers.stdout);
    expect(traced.stderr).not.toContain('internal error');
    expect(maxDepth(traced.stderr)).toBe(1025);
    const roots = traced.stderr.split('\n').filter((l) => l.startsWith('{"stateRoot"'));
    expect(roots).toEqual([`{"stateRoot":"${ROOTS.selfCall}"}`, `{"stateRoot":"${ROOTS.createChain}"}`]);
  });

  it('the library on the main thread: the same gas and state roots as the worker path', () => {
    // Runs both transactions through executeTransaction in a plain `node` process.
    const script = `
      import * as k from ${JSON.stringify(LIB)};
      const gas = ${DEEP_GAS}n;
      const alloc = () => k.parseAlloc({
        ${JSON.stringify(SENDER)}: { balance: '0x' + (gas * 100n).toString(16), nonce: '0x0', code: '0x', storage: {} },
        ${JSON.stringify(SELF_CALLER)}: { balance: '0x0', nonce: '0x0', code: '0x${SELF_CALL}', storage: {} },
      });
      const env = k.blockEnv({ coinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', timestamp: 1000n, gasLimit: gas, prevRandao: 0x20000n });
      const out = [];
      for (const [to, data] of [[${JSON.stringify(SELF_CALLER)}, new Uint8Array(32)], [null, k.hexToBytes('0x${CREATE_CHAIN}')]]) {
        const state = k.WorldState.fromAlloc(alloc());
        const tx = { type: 0, sender: ${JSON.stringify(SENDER)}, to, nonce: 0n, gasLimit: gas, value: 0n, data, gasPrice: 10n };
        const r = k.executeTransaction(state, env, tx, k.Fork.Cancun);
        out.push([r.status, String(r.gasUsed), k.bytesToHex(k.stateRoot(state))]);
      }
      console.log(JSON.stringify(out));
    `;
    const r = runNode(['--input-type=module', '-e', script]);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([
      ['success', '22829428', ROOTS.selfCall],
      ['success', '55542634', ROOTS.createChain],
    ]);
  });
});
