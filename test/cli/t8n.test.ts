// `evmkit t8n` through the built CLI against geth's own t8n examples (test/t8n/geth-testdata.ts), in file,
// stdin and --batch mode, with traces, chaining, and geth's exit codes for bad input.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CREATE_CHAIN, DEEP_GAS, SELF_CALL, SELF_CALLER, SENDER } from '../helpers/deep.js';
import { T1, T3, T4, T5, T13, T24 } from '../t8n/geth-testdata.js';
import { ensureBuilt, evmkit, jsonLines, ROOT } from '../helpers/cli.js';

interface Case {
  readonly alloc: unknown;
  readonly env: unknown;
  readonly txs: unknown;
}

/** A fresh directory holding the case's alloc.json, env.json and txs.json. */
function files(c: Case): string {
  const dir = mkdtempSync(join(tmpdir(), 'evmkit-t8n-'));
  writeFileSync(join(dir, 'alloc.json'), JSON.stringify(c.alloc));
  writeFileSync(join(dir, 'env.json'), JSON.stringify(c.env));
  writeFileSync(join(dir, 'txs.json'), JSON.stringify(c.txs));
  return dir;
}

/** Runs t8n on the case's files with alloc and result on stdout. */
function run(c: Case, fork: string, extra: string[] = []) {
  const dir = files(c);
  const args = ['t8n', '--input.alloc', join(dir, 'alloc.json'), '--input.env', join(dir, 'env.json'), '--input.txs', join(dir, 'txs.json')];
  const r = evmkit([...args, '--output.alloc', 'stdout', '--output.result', 'stdout', '--output.body', '', '--state.fork', fork, ...extra], undefined, { cwd: dir });
  return { ...r, dir, json: r.code === 0 ? (JSON.parse(r.stdout) as { alloc: unknown; result: Record<string, unknown>; body?: string }) : undefined };
}

beforeAll(() => {
  ensureBuilt();
}, 120_000);

describe('evmkit t8n on geth\'s examples', () => {
  it('testdata/1 (Byzantium): the alloc and result geth documents, the second transaction rejected', () => {
    const r = run(T1, 'Byzantium');
    expect(r.code).toBe(0);
    expect(r.json!.alloc).toEqual(T1.expAlloc);
    expect(r.json!.result).toMatchObject(T1.expResult);
    const result = r.json!.result as { receipts: Record<string, unknown>[]; rejected: { index: number; error: string }[] };
    expect(result.receipts).toHaveLength(1);
    expect(result.receipts[0]).toMatchObject({ root: '0x', status: '0x1', cumulativeGasUsed: '0x5208', gasUsed: '0x5208', transactionHash: T1.txHash, transactionIndex: '0x0', logs: [] });
    expect(result.rejected).toEqual([{ index: 1, error: expect.stringMatching(/^TR_NonceTooLow: nonce 0 below account nonce 1/) }]);
  });

  it('testdata/1 on stdin: one {alloc, env, txs} object gives the same output', () => {
    const r = evmkit(['t8n', '--input.alloc', 'stdin', '--input.env', 'stdin', '--input.txs', 'stdin', '--output.alloc', 'stdout', '--output.result', 'stdout', '--state.fork', 'Byzantium'], JSON.stringify(T1));
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { alloc: unknown; result: unknown };
    expect(out.alloc).toEqual(T1.expAlloc);
    expect(out.result).toMatchObject({ ...T1.expResult, rejected: [{ index: 1 }] });
  });

  it('chains: the post-state on stdin, the same transactions again, both rejected (README "Chaining")', () => {
    const first = run(T1, 'Berlin');
    const dir = files(T1);
    const r = evmkit(['t8n', '--input.alloc', 'stdin', '--input.env', join(dir, 'env.json'), '--input.txs', join(dir, 'txs.json'), '--output.result', 'stdout', '--output.alloc', '', '--state.fork', 'Berlin'], JSON.stringify({ alloc: first.json!.alloc }));
    expect(r.code).toBe(0);
    const result = (JSON.parse(r.stdout) as { result: { stateRoot: string; rejected: { index: number }[] } }).result;
    expect(result.stateRoot).toBe(T1.expResult.stateRoot);
    expect(result.rejected.map((x) => x.index)).toEqual([0, 1]);
  });

  it('testdata/1 with Frontier+1346 (extra EIPs): exit code 3, one line', () => {
    const r = run(T1, 'Frontier+1346');
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^evmkit t8n: --state\.fork: 'Frontier\+1346': extra EIPs \(\+N\) are not supported.*\n$/);
  });

  it('testdata/3 (Berlin): BLOCKHASH reads env.blockHashes; --trace writes geth\'s trace-0-<hash>.jsonl', () => {
    const r = run(T3, 'Berlin', ['--trace']);
    expect(r.code).toBe(0);
    expect(r.json!.alloc).toEqual(T3.expAlloc);
    expect(r.json!.result).toMatchObject(T3.expResult);
    const trace = readFileSync(join(r.dir, `trace-0-${T3.txs[0].hash}.jsonl`), 'utf8');
    expect(trace.trimEnd().split('\n')).toEqual(T3.expTrace);
  });

  it('--trace.nostack, --trace.memory and --output.basedir', () => {
    const r = run(T3, 'Berlin', ['--trace', '--trace.nostack', '--trace.memory', '--output.basedir', 'out']);
    expect(r.code).toBe(0);
    const lines = readFileSync(join(r.dir, 'out', `trace-0-${T3.txs[0].hash}.jsonl`), 'utf8').trimEnd().split('\n');
    // An empty memory is left out, as geth's StructLog marshals it.
    expect(lines[1]).toBe('{"pc":2,"op":64,"gas":"0x5f58ef5","gasCost":"0x14","memSize":0,"stack":null,"depth":1,"refund":0,"opName":"BLOCKHASH"}');
    // mstore(0, 0x2a): the STOP after it shows the word.
    const to = '0x095e7baea6a6c7c4c2dfeb977efac326af552d87';
    const stored = run({ ...T3, alloc: { ...T3.alloc, [to]: { ...T3.alloc[to], code: '0x602a60005200' } } }, 'Berlin', ['--trace', '--trace.memory']);
    const stop = readFileSync(join(stored.dir, `trace-0-${T3.txs[0].hash}.jsonl`), 'utf8').split('\n')[3];
    expect(stop).toMatch(new RegExp(`^\\{"pc":5,"op":0,.*"memory":"0x${'0'.repeat(62)}2a","memSize":32,"stack":\\[\\],.*"opName":"STOP"\\}$`));
  });

  it('testdata/4: BLOCKHASH of a block env.blockHashes lacks is exit code 4', () => {
    const r = run(T4, 'Berlin');
    expect(r.code).toBe(4);
    expect(r.stderr).toBe('evmkit t8n: BLOCKHASH(3) in txs[0]: env.blockHashes has no hash for block 3\n');
  });

  it('testdata/5 (README "About Ommers"): reward 0x80, the miner 0x88, uncles at distance 1 and 2 0x70 and 0x60', () => {
    const r = run(T5, 'Byzantium', ['--state.reward', '0x80']);
    expect(r.code).toBe(0);
    expect(r.json!.alloc).toEqual(T5.expAlloc);
  });

  it('testdata/13 (London): signs with secretKey and writes geth\'s body; the body read back as .rlp gives exp2.json', () => {
    const dir = files(T13);
    const args = ['t8n', '--state.fork', 'London', '--input.alloc', join(dir, 'alloc.json'), '--input.env', join(dir, 'env.json')];
    const signed = evmkit([...args, '--input.txs', join(dir, 'txs.json'), '--output.alloc', '', '--output.result', '', '--output.body', 'stdout']);
    expect(signed.code).toBe(0);
    expect(JSON.parse(signed.stdout)).toEqual({ body: T13.expBody });
    writeFileSync(join(dir, 'signed_txs.rlp'), JSON.stringify(T13.expBody));
    const r = evmkit([...args, '--input.txs', join(dir, 'signed_txs.rlp'), '--output.alloc', '', '--output.result', 'stdout']);
    expect(r.code).toBe(0);
    const result = (JSON.parse(r.stdout) as { result: { receipts: { transactionHash: string; status: string; type: string }[] } }).result;
    expect(result).toMatchObject(T13.expResult);
    expect(result.receipts.map((x) => [x.transactionHash, x.status, x.type])).toEqual(T13.expHashes.map((h) => [h, '0x0', '0x2']));
  });

  it('testdata/24 (the Merge): currentRandom is PREVRANDAO, currentDifficulty is null; no currentRandom is exit code 3', () => {
    const r = run(T24, 'Merge');
    expect(r.code).toBe(0);
    expect(r.json!.alloc).toEqual(T24.expAlloc);
    expect(r.json!.result).toMatchObject(T24.expResult);
    expect((r.json!.result.receipts as { transactionHash: string }[]).map((x) => x.transactionHash)).toEqual(T24.expHashes);
    const { currentRandom: _, ...env } = T24.env;
    const missing = run({ ...T24, env }, 'Merge');
    expect(missing.code).toBe(3);
    expect(missing.stderr).toBe('evmkit t8n: env: Paris and later need currentRandom\n');
  });

  it('writes alloc.json and result.json by default, indented by one space', () => {
    const dir = files(T1);
    const r = evmkit(['t8n', '--state.fork', 'Byzantium'], undefined, { cwd: dir });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'result.json'), 'utf8')).toMatch(/^\{\n "stateRoot": "0x84208a19/);
    expect(JSON.parse(readFileSync(join(dir, 'alloc.json'), 'utf8'))).toEqual(T1.expAlloc);
    expect(readdirSync(dir).sort()).toEqual(['alloc.json', 'env.json', 'result.json', 'txs.json']);
  });
});

describe('evmkit t8n exit codes and flags', () => {
  it('bad JSON is 10, a missing file 11, a bad .rlp file 12, an unknown fork 3, a bad flag 3; one line each', () => {
    const dir = files(T1);
    const base = ['t8n', '--state.fork', 'Byzantium', '--output.alloc', '', '--output.result', ''];
    writeFileSync(join(dir, 'bad.json'), '{"currentCoinbase": ');
    writeFileSync(join(dir, 'bad.rlp'), '"0xzz"');
    writeFileSync(join(dir, 'short.rlp'), '"0xc3c2c1"'); // a list of 3 bytes with 2 after its prefix
    writeFileSync(join(dir, 'long.rlp'), '"0xc0c0"'); // a second item after the list
    writeFileSync(join(dir, 'string.rlp'), '"0x820102"'); // a byte string, not a list
    const cases: [string[], number, RegExp][] = [
      [['--input.env', 'bad.json'], 10, /^evmkit t8n: bad\.json: invalid JSON: /],
      [['--input.alloc', 'nope.json'], 11, /^evmkit t8n: --input\.alloc: no such file or directory: nope\.json\n$/],
      [['--input.txs', 'bad.rlp'], 12, /^evmkit t8n: bad\.rlp: invalid hex character 'z' at position 2\n$/],
      [['--input.txs', 'short.rlp'], 12, /^evmkit t8n: short\.rlp: invalid RLP \(an item runs past the end of the data\)\n$/],
      [['--input.txs', 'long.rlp'], 12, /^evmkit t8n: long\.rlp: invalid RLP \(bytes left over after the item\)\n$/],
      [['--input.txs', 'string.rlp'], 12, /^evmkit t8n: string\.rlp: expected an RLP list of transactions, got a byte string\n$/],
      [['--state.fork', 'Shanghaii'], 3, /^evmkit t8n: --state\.fork: 'Shanghaii': unknown fork 'Shanghaii' \(see --help for the names\)\n$/],
      [['--state.reward', 'lots'], 3, /^evmkit t8n: --state\.reward: expected an integer, got 'lots'\n$/],
      [['--trace.everything'], 3, /^evmkit t8n: unknown flag --trace\.everything\n$/],
    ];
    for (const [extra, code, message] of cases) {
      const r = evmkit([...base, ...extra], undefined, { cwd: dir });
      expect([r.code, r.stderr]).toEqual([code, expect.stringMatching(message)]);
    }
  });

  it('a field of the wrong shape is 10, naming it', () => {
    const r = run({ ...T1, env: { ...T1.env, currentGasLimit: '0xnope' } }, 'Byzantium');
    expect([r.code, r.stderr]).toEqual([10, 'evmkit t8n: env.currentGasLimit: invalid hex\n']);
    const tx = run({ ...T1, txs: [{ ...T1.txs[0], gas: undefined }] }, 'Byzantium');
    expect([tx.code, tx.stderr]).toEqual([10, 'evmkit t8n: txs[0].gas: missing field\n']);
  });

  it('env fields a fork needs: withdrawals from Shanghai, parentBeaconBlockRoot from Cancun (3), not with --state-test', () => {
    const env = { ...T24.env, currentRandom: '0x01' };
    expect(run({ ...T24, env }, 'Shanghai').stderr).toBe('evmkit t8n: env: Shanghai and later need withdrawals (an empty list when there are none)\n');
    expect(run({ ...T24, env: { ...env, withdrawals: [] } }, 'Cancun').stderr).toBe('evmkit t8n: env: Cancun and later need parentBeaconBlockRoot\n');
    expect(run({ ...T24, env }, 'Cancun', ['--state-test']).code).toBe(0);
  });

  it('--version prints "evmkit t8n <version>"; --help lists every flag and fork name', () => {
    const version = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version as string;
    expect(evmkit(['t8n', '--version']).stdout).toBe(`evmkit t8n ${version}\n`);
    const help = evmkit(['t8n', '--help']).stdout;
    const flags = ['input.alloc', 'input.env', 'input.txs', 'output.basedir', 'output.alloc', 'output.result', 'output.body', 'state.fork', 'state.chainid', 'state.reward', 'state-test', 'trace', 'trace.memory', 'trace.returndata', 'trace.nostack', 'batch', 'version', 'help'];
    for (const flag of flags) expect(help).toContain(`--${flag}`);
    for (const name of ['Frontier', 'EIP150', 'ConstantinopleFix', 'Merge', 'Prague', 'Osaka', 'BPO1', 'BPO4', 'ShanghaiToCancunAtTime15k', 'OsakaToBPO1AtTime15k']) expect(help).toContain(name);
  });

  it('--batch: one answer line per request line, in order; a failing request is answered and the rest go on', () => {
    const request = (state: object) => JSON.stringify({ state, input: { alloc: T1.alloc, env: T1.env, txs: T1.txs } });
    const r = evmkit(['t8n', '--batch', '--state.fork', 'Berlin'], [request({}), 'not json', request({ fork: 'Nope' }), request({ fork: 'Byzantium', reward: '-1' })].join('\n') + '\n');
    expect(r.code).toBe(0);
    const answers = jsonLines<{ result?: { stateRoot: string }; error?: string; exitCode?: number }>(r.stdout);
    expect(answers).toHaveLength(4);
    expect(answers[0].result!.stateRoot).toBe(T1.expResult.stateRoot);
    expect(answers[1]).toEqual({ error: expect.stringMatching(/^request: invalid JSON/), exitCode: 10 });
    expect(answers[2]).toMatchObject({ exitCode: 3 });
    // With no reward step the untouched-before coinbase still gets the fees: the same root.
    expect(answers[3].result!.stateRoot).toBe(T1.expResult.stateRoot);
  });
});

describe('evmkit t8n at the call depth limit', { timeout: 120_000 }, () => {
  // test/cli/depth.test.ts's two programs: t8n runs them on the main thread with Node's default stack, and
  // gets the roots the state-test runner gets for the same transactions.
  const KEY = '0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8'; // SENDER's key
  const gas = '0x' + DEEP_GAS.toString(16);
  const deep = {
    alloc: { [SENDER]: { balance: '0x' + (DEEP_GAS * 100n).toString(16) }, [SELF_CALLER]: { balance: '0x0', code: '0x' + SELF_CALL } },
    env: { currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', currentGasLimit: gas, currentNumber: '1', currentTimestamp: '1000', currentRandom: '0x20000', currentBaseFee: '0x7', currentExcessBlobGas: '0x0' },
  };
  const tx = (to: string | null, input: string) => ({ type: '0x0', nonce: '0x0', gas, gasPrice: '0xa', value: '0x0', input, to, secretKey: KEY, protected: false });

  it('1024 nested CALLs and a 1024-deep CREATE chain, traced to depth 1025 on the main thread', () => {
    const txs = [tx(SELF_CALLER, '0x' + '00'.repeat(32)), tx(null, '0x' + CREATE_CHAIN)];
    const roots = txs.map((t) => run({ ...deep, txs: [t] }, 'Cancun', ['--state-test']).json!.result.stateRoot);
    expect(roots).toEqual(['0x4583f5d1b35e72ecd25ce9e94ec6af86c32542ed591b113d9e7c6d3a78331610', '0x23b83140c150bfebc1d7c56ab4b79296ab980d8375f8219a60ff4506e2074166']);
    const traced = run({ ...deep, txs: [txs[0]] }, 'Cancun', ['--state-test', '--trace', '--trace.nostack']);
    expect(traced.json!.result.stateRoot).toBe(roots[0]);
    const [file] = readdirSync(traced.dir).filter((f) => f.startsWith('trace-0-'));
    const trace = readFileSync(join(traced.dir, file), 'utf8');
    expect(Math.max(...[...trace.matchAll(/"depth":(\d+)/g)].map((m) => Number(m[1])))).toBe(1025);
  });
});

describe('evmkit t8n on hostile input', { timeout: 60_000 }, () => {
  const env = { currentCoinbase: '0xc94f5374fce5edbc8e2a8697c15331677e6ebf0b', currentGasLimit: '0x1c9c380', currentNumber: '0x1', currentTimestamp: '0xc', currentRandom: '0x0', currentBaseFee: '0x7', withdrawals: [] };
  const stdinArgs = ['t8n', '--input.alloc', 'stdin', '--input.env', 'stdin', '--input.txs', 'stdin', '--output.result', 'stdout', '--output.alloc', '', '--state.fork', 'Shanghai'];

  it('one line with geth\'s exit code, never a stack trace', () => {
    const cases: [string, number, string][] = [
      [JSON.stringify({ alloc: JSON.parse('{"__proto__": {"balance": "0x1"}}'), env, txs: [] }), 10, "evmkit t8n: alloc.__proto__: invalid address '__proto__': expected 0x followed by 40 hex digits\n"],
      [JSON.stringify({ alloc: {}, env, txsRlp: '0x' + 'c1'.repeat(2000) + 'c0' }), 12, 'evmkit t8n: txsRlp: invalid RLP (lists nested deeper than 16)\n'],
      ['['.repeat(100_000) + ']'.repeat(100_000), 10, 'evmkit t8n: stdin: expected a JSON object {alloc, env, txs}\n'],
      [JSON.stringify({ alloc: { [SENDER]: { balance: '0x1', nonce: '0x10000000000000000' } }, env, txs: [] }), 10, `evmkit t8n: alloc.${SENDER}.nonce: exceeds 64 bits (at most 2^64-1)\n`],
      // One account under two spellings: which balance would it have?
      [JSON.stringify({ alloc: { [SENDER]: { balance: '0x1' }, [SENDER.slice(2).toUpperCase()]: { balance: '0x2' } }, env, txs: [] }), 10, `evmkit t8n: alloc.${SENDER.slice(2).toUpperCase()}: the account ${SENDER} appears twice\n`],
    ];
    for (const [input, code, stderr] of cases) {
      const r = evmkit(stdinArgs, input);
      expect([r.code, r.stderr, r.stdout]).toEqual([code, stderr, '']);
    }
  });

  it('reads null code, nonce and storage as geth does: empty, zero, none (the same root as leaving them out)', () => {
    const rootOf = (account: object) => {
      const r = evmkit(stdinArgs, JSON.stringify({ alloc: { [SENDER]: account }, env, txs: [] }));
      expect([r.code, r.stderr]).toEqual([0, '']);
      return (JSON.parse(r.stdout) as { result: { stateRoot: string } }).result.stateRoot;
    };
    expect(rootOf({ balance: '0x1', code: null, nonce: null, storage: null })).toBe(rootOf({ balance: '0x1' }));
  });

  it('--batch answers a request of the wrong shape and goes on', () => {
    const good = JSON.stringify({ state: { fork: 'Shanghai' }, input: { alloc: {}, env, txs: [] } });
    const r = evmkit(['t8n', '--batch'], ['[]', JSON.stringify({ input: [] }), good].join('\n') + '\n');
    expect(r.code).toBe(0);
    const answers = jsonLines(r.stdout);
    expect(answers.slice(0, 2)).toEqual([
      { error: 'request: expected an object', exitCode: 10 },
      { error: 'request.input: expected an object', exitCode: 10 },
    ]);
    expect(answers[2]).toMatchObject({ result: { stateRoot: '0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421' } });
  });
});
