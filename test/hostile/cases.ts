/**
 * The hostile-input corpus: one table of inputs an adversarial user might give evmkit, each with the exit
 * code, the first line of stderr and (where it says something) the output it must produce. `$D` stands for
 * the corpus's temporary directory, whose files are listed in FILES. hostile.test.ts runs every case
 * against the built CLI and also checks, for all of them, that no stack trace, internal JavaScript error
 * text or raw control byte is printed, and that the case ends within its time and memory bounds.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Op } from '../../src/evm/opcodes.js';
import { jump, jumpdest, mstore, op, push, push0, ret, retTop, staticcall } from '../helpers/bytecode.js';

/** One hostile input and what evmkit must answer. */
export interface HostileCase {
  /** What kind of input this is (the test name). */
  readonly kind: string;
  readonly args: readonly string[];
  /** Text written to stdin, or a path opened as stdin; stdin is empty when absent. */
  readonly stdin?: string | { readonly file: string };
  readonly exit: number;
  /** The first line of stderr exactly, or a pattern for it; '' means stderr is empty. */
  readonly stderr: string | RegExp;
  /** All of stdout exactly, a pattern over all of it, or its length in bytes. */
  readonly stdout?: string | RegExp | { readonly bytes: number };
  /** Peak resident memory of the process, in MB (default 400). */
  readonly maxRssMb?: number;
  /** Close the reading end of stdout at once, as `evmkit … | head -c 1` does. */
  readonly closeStdout?: boolean;
}

/** A file of the corpus directory: text, bytes, JSON, a symbolic link, a FIFO, a sparse file or a directory. */
export type FileSpec =
  | string
  | { readonly bytes: readonly number[] }
  | { readonly json: unknown }
  | { readonly symlink: string }
  | { readonly fifo: true }
  | { readonly sparse: number }
  | { readonly dir: true };

const MiB = 1024 * 1024;
const MAX_U256 = (1n << 256n) - 1n;
const word = (hex: string): string => hex.padStart(64, '0');

/** A one-case Cancun state test (ethereum/tests stExample/yulExample) that passes; `edit` may change it. */
function stateTest(edit: (t: Record<string, any>) => void = () => {}, name = 'yulExample'): { json: unknown } {
  const t: Record<string, any> = {
    env: {
      currentBaseFee: '0x0a',
      currentCoinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba',
      currentDifficulty: '0x020000',
      currentExcessBlobGas: '0x00',
      currentGasLimit: '0x05f5e100',
      currentNumber: '0x01',
      currentRandom: '0x' + word('20000'),
      currentTimestamp: '0x03e8',
    },
    pre: {
      '0x095e7baea6a6c7c4c2dfeb977efac326af552d87': { balance: '0x0ba1a9ce0ba1a9ce', code: '0x600360005560206000f3', nonce: '0x00', storage: {} },
      '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x0ba1a9ce0ba1a9ce', code: '0x', nonce: '0x00', storage: {} },
    },
    transaction: {
      data: ['0x'],
      gasLimit: ['0x04c4b400'],
      gasPrice: '0x0a',
      nonce: '0x00',
      sender: '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b',
      to: '0x095e7baea6a6c7c4c2dfeb977efac326af552d87',
      value: ['0x00'],
    },
    post: {
      Cancun: [
        {
          hash: '0x8c12a29b17cbe89ce577d2cb9e62fb2ae3a1918d56cd6c6757de311ac294c604',
          indexes: { data: 0, gas: 0, value: 0 },
          logs: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347',
        },
      ],
    },
  };
  edit(t);
  // A key '__proto__' must stay a key: build the object from entries, never by assignment.
  return { json: Object.fromEntries([[name, t]]) };
}

const SENDER_PRE = 'pre.0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const sender = (t: Record<string, any>) => t.pre['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'];
const cancunPost = (t: Record<string, any>) => t.post.Cancun;

/** A passing Cancun blockchain test (ethereum/tests bcValidBlockTest/log1_correct, committed for the unit tests). */
const BLOCK_TEST = Object.values(JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'blockchain', 'log1_correct.json'), 'utf8')))[0] as Record<string, unknown>;

/** RLP of an empty list wrapped in `levels` more lists, as hex. */
function deepRlp(levels: number): string {
  const parts: number[][] = [];
  let length = 1; // the innermost 0xc0
  for (let i = 0; i < levels; i++) {
    const prefix = length < 56 ? [0xc0 + length] : (() => {
      const bytes: number[] = [];
      for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
      return [0xf7 + bytes.length, ...bytes];
    })();
    parts.push(prefix);
    length += prefix.length;
  }
  return '0x' + parts.reverse().map((p) => p.map((b) => b.toString(16).padStart(2, '0')).join('')).join('') + 'c0';
}

/** A --prestate allocation with one account at 0xaa. */
const alloc = (account: unknown) => ({ json: { '0x00000000000000000000000000000000000000aa': account } });
const AA = '0x00000000000000000000000000000000000000aa';

export const FILES: Readonly<Record<string, FileSpec>> = {
  'ok.json': stateTest(),
  'bad-json.json': '{ "t": \x01\x1b[2J }',
  'bom.json': '\ufeff{}',
  'array.json': '[]',
  'empty-object.json': '{}',
  'test-number.json': '{"t": 5}',
  'deep.json': '{"t": {"env": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}}',
  'pre-nonce-2^64.json': stateTest((t) => (sender(t).nonce = '0x10000000000000000')),
  'pre-nonce-negative.json': stateTest((t) => (sender(t).nonce = '-1')),
  'pre-storage-bad-key.json': stateTest((t) => (sender(t).storage = { '0xzz': '0x00' })),
  'pre-storage-key-2^256.json': stateTest((t) => (sender(t).storage = { ['0x1' + '0'.repeat(64)]: '0x01' })),
  'pre-balance-million-digits.json': stateTest((t) => (sender(t).balance = '9'.repeat(1_000_000))),
  'pre-proto-address.json': stateTest((t) => (t.pre = Object.fromEntries([['__proto__', { balance: '0x1', code: '0x', nonce: '0x0', storage: {} }]]))),
  'pre-code-bad-hex.json': stateTest((t) => (sender(t).code = '0x6z')),
  'post-constructor.json': stateTest((t) => (t.post = Object.fromEntries([['constructor', cancunPost(t)], ['__proto__', cancunPost(t)]]))),
  'post-amsterdam.json': stateTest((t) => (t.post.Amsterdam = cancunPost(t))),
  'post-index-out-of-range.json': stateTest((t) => (cancunPost(t)[0].indexes.data = 7)),
  'post-hash-short.json': stateTest((t) => (cancunPost(t)[0].hash = '0x1234')),
  'tx-nonce-2^64.json': stateTest((t) => (t.transaction.nonce = '0x10000000000000000')),
  'tx-value-million-digits.json': stateTest((t) => (t.transaction.value = ['0x:bigint 0x1' + '0'.repeat(1_000_000)])),
  'test-named-proto.json': stateTest(() => {}, '__proto__'),
  'escape-name.json': stateTest((t) => (cancunPost(t)[0].hash = '0x' + word('1')), 'name\x1b[2J\nwith controls'),
  'bad\nname\x1b[31m.json': '{',
  'fifo.json': { fifo: true },
  'huge.json': { sparse: 300 * MiB },
  'empty-dir': { dir: true },
  'only-text/readme.txt': 'not a fixture',
  'tree/inner/ok.json': stateTest(),
  'tree/inner/loop': { symlink: '.' },
  'tree/inner/loop2': { symlink: '.' },
  'tree/inner/a': { symlink: 'b' },
  'tree/inner/b': { symlink: 'a' },
  'tree/inner/up': { symlink: '..' },
  'dangling.json': { symlink: 'nowhere.json' },
  'esc.hex': '\x1b[2J6000',
  'nul.hex': '6000\x00',
  'odd.hex': '600\n',
  'big.hex': { sparse: 100 * MiB },
  'p-invalid.json': '{"0xaa": \x07}',
  'p-array.json': '[]',
  'p-null.json': 'null',
  'p-account-number.json': { json: { [AA]: 5 } },
  'p-address-bad.json': { json: { '0xzz': {} } },
  'p-address-proto.json': '{"__proto__": {"balance": "0x1"}}',
  'p-address-constructor.json': '{"constructor": {}}',
  'p-nonce-2^64.json': alloc({ nonce: '0x10000000000000000' }),
  'p-nonce-negative.json': alloc({ nonce: '-1' }),
  'p-balance-2^256.json': alloc({ balance: '0x1' + '0'.repeat(64) }),
  'p-balance-float.json': alloc({ balance: 1.5 }),
  'p-storage-bad-key-zero-value.json': alloc({ storage: { '0xzz': '0x0' } }),
  'p-storage-bad-value.json': alloc({ storage: { '0x01': '0xzz' } }),
  'p-storage-key-2^256.json': alloc({ storage: { ['0x1' + '0'.repeat(64)]: '0x1' } }),
  'p-storage-array.json': alloc({ storage: [] }),
  'p-code-bad-hex.json': alloc({ code: '0x6' }),
  'p-million-digits.json': alloc({ balance: '1'.repeat(1_000_000) }),
  'p-huge.json': { sparse: 300 * MiB },
  'p-max-nonce-sender.json': { json: { '0x000000000000000000000000000073656e646572': { nonce: '0xffffffffffffffff' } } },
  // Blockchain tests: a block of lists nested 100,000 deep (the RLP decoder is quadratic in the depth), a test named
  // __proto__ of a network nobody knows, a test that is a number, a control byte in a test name.
  'bt-hostile.json': `{"deep\\u001b[2J": ${JSON.stringify({ ...BLOCK_TEST, blocks: [{ rlp: deepRlp(100_000) }] })}, "__proto__": ${JSON.stringify({ ...BLOCK_TEST, network: '__proto__' })}, "num": 5}`,
  'bt-ok.json': { json: { log1_correct_Cancun: BLOCK_TEST } },
};

// ── hostile programs ─────────────────────────────────────────────────────────────────────────────────────

/** Returns 64 MiB of memory (the 64 MB return of issue 12). */
const RETURN_64_MIB = mstore(0x3ffffe0, 1) + ret(0, 0x4000000);
/** JUMPDEST; PUSH1 0; JUMP — loops until the gas is gone. */
const ENDLESS_LOOP = jumpdest() + jump(0);
/** Pushes one more word per iteration until the stack holds 1024. */
const STACK_FLOOD = jumpdest() + push0() + jump(0);
/** MODEXP with an exponent length of 2^255: the gas is priced from the length without reading it. */
const MODEXP_HUGE = mstore(32, 1n << 255n) + mstore(64, 1) + staticcall({ to: 5, argsSize: 96 }) + retTop();
/** BLAKE2F asked for 2^32 - 1 rounds with 100,000 gas: refused on price, not run. */
const BLAKE2F_ROUNDS = mstore(0, 0xffffffffn << 224n) + mstore(192, 1n << 248n) + staticcall({ gas: 100_000, to: 9, argsSize: 213 }) + retTop();
const out = (hex: string, error?: string) => `0x${hex}\n${error === undefined ? '' : ` error: ${error}\n`}`;

const KNOWN_FORK = /^evmkit: (--fork: )?unknown fork '.*' \(valid: Frontier, .*Osaka\)$/;

export const CASES: readonly HostileCase[] = [
  // ── the command line ──
  { kind: 'no command', args: [], exit: 2, stderr: 'Usage: evmkit <command> [flags] [args]' },
  { kind: 'unknown command with control bytes', args: ['\x1b[2Jrun'], exit: 2, stderr: "evmkit: unknown command '\\x1b[2Jrun'" },
  { kind: 'unknown command named like a prototype key', args: ['constructor'], exit: 2, stderr: "evmkit: unknown command 'constructor'" },
  { kind: 'unknown flag', args: ['run', '--bogus', '00'], exit: 2, stderr: 'evmkit: unknown flag --bogus' },
  { kind: 'flag named like a prototype key', args: ['run', '--__proto__', '00'], exit: 2, stderr: 'evmkit: unknown flag --__proto__' },
  { kind: 'flag without its value', args: ['run', '--gas'], exit: 2, stderr: 'evmkit: flag --gas needs a value' },
  { kind: 'value given to a boolean flag', args: ['run', '--create=1', '00'], exit: 2, stderr: "evmkit: flag --create takes no value other than =true or =false, got '1'" },
  { kind: 'two code arguments', args: ['run', '00', '01'], exit: 2, stderr: 'evmkit: expected one code argument, got 2' },
  { kind: 'no code', args: ['run'], exit: 2, stderr: "evmkit: no code given (pass hex, or --codefile FILE); see 'evmkit run --help'" },
  { kind: 'code and --codefile', args: ['run', '--codefile', '$D/odd.hex', '00'], exit: 2, stderr: 'evmkit: give the code either as an argument or with --codefile, not both' },

  // ── bad hex ──
  { kind: 'bad hex digit', args: ['run', '6z'], exit: 2, stderr: "evmkit: code: invalid hex character 'z' at position 1" },
  { kind: 'odd-length hex', args: ['run', '600'], exit: 2, stderr: 'evmkit: code: odd-length hex string (3 digits)' },
  { kind: 'escape sequence as code', args: ['run', '\x1b[31m00'], exit: 2, stderr: "evmkit: code: invalid hex character '\\x1b' at position 0" },
  { kind: 'C1 control and newline as code', args: ['run', '00\u009b\n'], exit: 2, stderr: "evmkit: code: invalid hex character '\\x9b' at position 2" },
  { kind: 'bidi override as code', args: ['run', '\u202e00'], exit: 2, stderr: "evmkit: code: invalid hex character '\\u{202e}' at position 0" },
  { kind: 'bad --input hex', args: ['run', '--input', '0xzz', '00'], exit: 2, stderr: "evmkit: --input: invalid hex character 'z' at position 2" },
  { kind: 'escape bytes in a code file', args: ['run', '--codefile', '$D/esc.hex'], exit: 2, stderr: "evmkit: --codefile $D/esc.hex: invalid hex character '\\x1b' at position 0" },
  { kind: 'NUL byte in a code file', args: ['run', '--codefile', '$D/nul.hex'], exit: 2, stderr: "evmkit: --codefile $D/nul.hex: invalid hex character '\\x00' at position 4" },
  { kind: 'odd-length code file', args: ['run', '--codefile', '$D/odd.hex'], exit: 2, stderr: 'evmkit: --codefile $D/odd.hex: odd-length hex string (3 digits)' },
  { kind: 'escape bytes in an input file', args: ['run', '--inputfile', '$D/esc.hex', '00'], exit: 2, stderr: "evmkit: --inputfile $D/esc.hex: invalid hex character '\\x1b' at position 0" },
  { kind: 'disasm of bad hex', args: ['disasm', '6g'], exit: 2, stderr: "evmkit: code: invalid hex character 'g' at position 1" },
  { kind: 'disasm of escape bytes', args: ['disasm', '--codefile', '$D/esc.hex'], exit: 2, stderr: "evmkit: --codefile $D/esc.hex: invalid hex character '\\x1b' at position 0" },
  { kind: 'disasm without code', args: ['disasm'], exit: 2, stderr: "evmkit: no code given (pass hex, or --codefile FILE); see 'evmkit disasm --help'" },

  // ── number, address and fork flags ──
  { kind: 'negative gas', args: ['run', '--gas', '-1', '00'], exit: 2, stderr: "evmkit: --gas: expected a number (decimal or 0x-hex), got '-1'" },
  { kind: 'gas in exponent notation', args: ['run', '--gas', '1e3', '00'], exit: 2, stderr: "evmkit: --gas: expected a number (decimal or 0x-hex), got '1e3'" },
  { kind: 'empty gas', args: ['run', '--gas', '', '00'], exit: 2, stderr: "evmkit: --gas: expected a number (decimal or 0x-hex), got ''" },
  { kind: 'gas of 2^64', args: ['run', '--gas', '18446744073709551616', '00'], exit: 2, stderr: 'evmkit: --gas: 18446744073709551616 is too large (at most 2^64-1)' },
  { kind: 'value of 2^256', args: ['run', '--value', (MAX_U256 + 1n).toString(), '00'], exit: 2, stderr: `evmkit: --value: ${MAX_U256 + 1n} is too large (at most 2^256-1)` },
  { kind: 'bare 0x price', args: ['run', '--price', '0x', '00'], exit: 2, stderr: "evmkit: --price: expected a number (decimal or 0x-hex), got '0x'" },
  { kind: 'short sender', args: ['run', '--sender', '0x1234', '00'], exit: 2, stderr: 'evmkit: --sender: an address is 20 bytes, got 2' },
  { kind: 'receiver with bad hex', args: ['run', '--receiver', '0x' + 'zz'.repeat(20), '00'], exit: 2, stderr: "evmkit: --receiver: invalid hex character 'z' at position 2" },
  { kind: 'fork constructor', args: ['run', '--fork', 'constructor', '00'], exit: 2, stderr: KNOWN_FORK },
  { kind: 'fork __proto__', args: ['run', '--fork', '__proto__', '00'], exit: 2, stderr: KNOWN_FORK },
  { kind: 'fork toString', args: ['run', '--fork', 'toString', '00'], exit: 2, stderr: KNOWN_FORK },
  { kind: 'fork hasOwnProperty', args: ['statetest', '--fork', 'hasOwnProperty', '$D/ok.json'], exit: 2, stderr: KNOWN_FORK },
  { kind: 'statetest fork constructor', args: ['statetest', '--fork', 'constructor', '$D/ok.json'], exit: 2, stderr: KNOWN_FORK },
  { kind: 'fork name with control bytes', args: ['statetest', '--fork', 'Cancun\x1b[2J', '$D/ok.json'], exit: 2, stderr: /^evmkit: unknown fork 'Cancun\\x1b\[2J' \(valid:/ },

  // ── files and sizes for run and disasm ──
  { kind: 'missing code file', args: ['run', '--codefile', '$D/missing.hex'], exit: 2, stderr: 'evmkit: --codefile: no such file or directory: $D/missing.hex' },
  { kind: 'directory as code file', args: ['run', '--codefile', '$D/empty-dir'], exit: 2, stderr: 'evmkit: --codefile: cannot read $D/empty-dir: it is a directory' },
  { kind: '/dev/zero as code file', args: ['run', '--codefile', '/dev/zero'], exit: 2, stderr: 'evmkit: --codefile: /dev/zero is larger than the 64.0 MiB limit' },
  { kind: '/dev/zero on stdin as code', args: ['run', '--codefile', '-'], stdin: { file: '/dev/zero' }, exit: 2, stderr: 'evmkit: --codefile: stdin is larger than the 64.0 MiB limit' },
  { kind: 'code file over the size limit', args: ['disasm', '--codefile', '$D/big.hex'], exit: 2, stderr: 'evmkit: --codefile: $D/big.hex is larger than the 64.0 MiB limit' },
  { kind: '/dev/zero as input file', args: ['run', '--inputfile', '/dev/zero', '00'], exit: 2, stderr: 'evmkit: --inputfile: /dev/zero is larger than the 64.0 MiB limit' },
  { kind: 'dangling symlink as code file', args: ['run', '--codefile', '$D/dangling.json'], exit: 2, stderr: 'evmkit: --codefile: no such file or directory: $D/dangling.json' },

  // ── prestate shapes ──
  { kind: 'prestate: missing file', args: ['run', '--prestate', '$D/missing.json', '00'], exit: 2, stderr: 'evmkit: --prestate: no such file or directory: $D/missing.json' },
  { kind: 'prestate: invalid JSON with a control byte', args: ['run', '--prestate', '$D/p-invalid.json', '00'], exit: 2, stderr: /^evmkit: --prestate \$D\/p-invalid\.json: invalid JSON: .*\\x07/ },
  { kind: 'prestate: an array', args: ['run', '--prestate', '$D/p-array.json', '00'], exit: 2, stderr: 'evmkit: --prestate $D/p-array.json: expected a JSON object of accounts' },
  { kind: 'prestate: null', args: ['run', '--prestate', '$D/p-null.json', '00'], exit: 2, stderr: 'evmkit: --prestate $D/p-null.json: expected a JSON object of accounts' },
  { kind: 'prestate: account is a number', args: ['run', '--prestate', '$D/p-account-number.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-account-number.json: ${AA}: expected an object` },
  { kind: 'prestate: bad address', args: ['run', '--prestate', '$D/p-address-bad.json', '00'], exit: 2, stderr: "evmkit: --prestate $D/p-address-bad.json: 0xzz: invalid address '0xzz': expected 0x followed by 40 hex digits" },
  { kind: 'prestate: address __proto__', args: ['run', '--prestate', '$D/p-address-proto.json', '00'], exit: 2, stderr: /^evmkit: --prestate \$D\/p-address-proto\.json: __proto__: invalid address/ },
  { kind: 'prestate: address constructor', args: ['run', '--prestate', '$D/p-address-constructor.json', '00'], exit: 2, stderr: /^evmkit: --prestate \$D\/p-address-constructor\.json: constructor: invalid address/ },
  { kind: 'prestate: nonce 2^64', args: ['run', '--prestate', '$D/p-nonce-2^64.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-nonce-2^64.json: ${AA}.nonce: exceeds 64 bits (at most 2^64-1)` },
  { kind: 'prestate: negative nonce', args: ['run', '--prestate', '$D/p-nonce-negative.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-nonce-negative.json: ${AA}.nonce: invalid hex` },
  { kind: 'prestate: balance 2^256', args: ['run', '--prestate', '$D/p-balance-2^256.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-balance-2^256.json: ${AA}.balance: exceeds 256 bits` },
  { kind: 'prestate: fractional balance', args: ['run', '--prestate', '$D/p-balance-float.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-balance-float.json: ${AA}.balance: expected a non-negative integer` },
  { kind: 'prestate: bad storage key, zero value', args: ['run', '--prestate', '$D/p-storage-bad-key-zero-value.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-storage-bad-key-zero-value.json: ${AA}.storage.0xzz: invalid hex` },
  { kind: 'prestate: bad storage value', args: ['run', '--prestate', '$D/p-storage-bad-value.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-storage-bad-value.json: ${AA}.storage.0x01: invalid hex` },
  { kind: 'prestate: storage key 2^256', args: ['run', '--prestate', '$D/p-storage-key-2^256.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-storage-key-2^256.json: ${AA}.storage.0x1${'0'.repeat(64)}: exceeds 256 bits` },
  { kind: 'prestate: storage is an array', args: ['run', '--prestate', '$D/p-storage-array.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-storage-array.json: ${AA}.storage: expected an object` },
  { kind: 'prestate: odd-length code', args: ['run', '--prestate', '$D/p-code-bad-hex.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-code-bad-hex.json: ${AA}.code: invalid hex (odd-length hex string (1 digits))` },
  { kind: 'prestate: a million-digit balance', args: ['run', '--prestate', '$D/p-million-digits.json', '00'], exit: 2, stderr: `evmkit: --prestate $D/p-million-digits.json: ${AA}.balance: exceeds 256 bits` },
  { kind: 'prestate: over the size limit', args: ['run', '--prestate', '$D/p-huge.json', '00'], exit: 2, stderr: 'evmkit: --prestate: $D/p-huge.json is larger than the 256.0 MiB limit' },
  { kind: 'prestate: /dev/zero', args: ['run', '--prestate', '/dev/zero', '00'], exit: 2, stderr: 'evmkit: --prestate: /dev/zero is larger than the 256.0 MiB limit', maxRssMb: 800 },
  {
    kind: 'create from a sender at nonce 2^64-1 (EIP-2681)',
    args: ['run', '--create', '--prestate', '$D/p-max-nonce-sender.json', '--dump', '6000'],
    exit: 0,
    stderr: '',
    // Nothing ran: the sender's nonce is unchanged and no account was created.
    stdout: '{\n  "0x000000000000000000000000000073656e646572": {\n    "balance": "0x0",\n    "nonce": "0xffffffffffffffff",\n    "code": "0x",\n    "storage": {}\n  }\n}\n0x\n error: nonce uint64 overflow\n',
  },

  // ── hostile bytecode (each bounded in time and memory by the gas it is given) ──
  { kind: 'endless loop', args: ['run', '--gas', '1000000', ENDLESS_LOOP], exit: 0, stderr: '', stdout: out('', 'out of gas') },
  { kind: 'stack flood', args: ['run', STACK_FLOOD], exit: 0, stderr: '', stdout: out('', 'stack limit reached 1024 (1023)') },
  { kind: 'stack underflow', args: ['run', op(Op.ADD)], exit: 0, stderr: '', stdout: out('', 'stack underflow (0 <=> 2)') },
  { kind: 'MSTORE at 2^256-1', args: ['run', mstore(MAX_U256, 1)], exit: 0, stderr: '', stdout: out('', 'gas uint64 overflow') },
  { kind: 'MSTORE at 4 GiB', args: ['run', mstore(1n << 32n, 1)], exit: 0, stderr: '', stdout: out('', 'out of gas') },
  { kind: 'RETURN of 2^64 bytes', args: ['run', ret(0, 1n << 64n)], exit: 0, stderr: '', stdout: out('', 'gas uint64 overflow') },
  { kind: 'CALLDATACOPY of 2^40 bytes', args: ['run', push(1n << 40n) + push(0) + push(0) + op(Op.CALLDATACOPY)], exit: 0, stderr: '', stdout: out('', 'out of gas: gas uint64 overflow') }, // beyond geth's priced memory sizes
  { kind: 'KECCAK256 of 2 GiB', args: ['run', push(1n << 31n) + push(0) + op(Op.KECCAK256)], exit: 0, stderr: '', stdout: out('', 'out of gas') },
  { kind: 'CREATE with 2^32 bytes of initcode', args: ['run', push(1n << 32n) + push(0) + push(0) + op(Op.CREATE)], exit: 0, stderr: '', stdout: out('', 'out of gas') },
  { kind: 'jump into PUSH data', args: ['run', '600456605b00'], exit: 0, stderr: '', stdout: out('', 'invalid jump destination') },
  { kind: 'undefined opcode', args: ['run', '0c'], exit: 0, stderr: '', stdout: out('', 'invalid opcode: opcode 0xc not defined') },
  { kind: 'PUSH32 cut short by the end of the code', args: ['run', '7f01'], exit: 0, stderr: '', stdout: out('') },
  { kind: 'MODEXP with a 2^255-byte exponent', args: ['run', MODEXP_HUGE], exit: 0, stderr: '', stdout: out(word('0')) },
  { kind: 'BLAKE2F with 2^32-1 rounds', args: ['run', BLAKE2F_ROUNDS], exit: 0, stderr: '', stdout: out(word('0')) },
  { kind: 'traced endless loop', args: ['run', '--trace', '--gas', '30', ENDLESS_LOOP], exit: 0, stderr: '{"pc":0,"op":91,"gas":"0x1e","gasCost":"0x1","memSize":0,"stack":[],"depth":1,"refund":0,"opName":"JUMPDEST"}', stdout: out('', 'out of gas') },
  { kind: '64 MiB of return data', args: ['run', RETURN_64_MIB], exit: 0, stderr: '', stdout: { bytes: 2 + 2 * 64 * MiB + 1 }, maxRssMb: 600 },
  { kind: 'reader of a large output goes away', args: ['run', RETURN_64_MIB], exit: 0, stderr: '', closeStdout: true, maxRssMb: 600 },

  // ── statetest: flags ──
  { kind: 'statetest: invalid --run pattern', args: ['statetest', '--run', '(', '$D/ok.json'], exit: 2, stderr: "evmkit: flag --run: invalid regular expression '('" },
  { kind: 'statetest: negative --index', args: ['statetest', '--index', '-1', '$D/ok.json'], exit: 2, stderr: "evmkit: flag --index needs an integer ≥ 0, got '-1'" },
  { kind: 'statetest: --workers 0', args: ['statetest', '--workers', '0', '$D/ok.json'], exit: 2, stderr: "evmkit: flag --workers needs an integer ≥ 1, got '0'" },
  { kind: 'statetest: --workers beyond the cores', args: ['statetest', '--workers', '1000', '$D/ok.json'], exit: 0, stderr: /^evmkit: --workers 1000 is more than the \d+ available cores; using \d+$/, stdout: '1 passed, 0 failed, 0 skipped\n' },
  { kind: 'statetest: --timeout 0', args: ['statetest', '--timeout', '0', '$D/ok.json'], exit: 2, stderr: "evmkit: flag --timeout needs a positive number, got '0'" },
  { kind: 'statetest: --timeout Infinity', args: ['statetest', '--timeout', 'Infinity', '$D/ok.json'], exit: 2, stderr: "evmkit: flag --timeout needs a positive number, got 'Infinity'" },

  // ── statetest: paths ──
  { kind: 'statetest: missing path', args: ['statetest', '$D/missing.json'], exit: 2, stderr: 'evmkit: no such file or directory: $D/missing.json' },
  { kind: 'statetest: missing path with control bytes', args: ['statetest', '$D/\x1b[2J'], exit: 2, stderr: 'evmkit: no such file or directory: $D/\\x1b[2J' },
  { kind: 'statetest: folder without fixtures', args: ['statetest', '$D/empty-dir'], exit: 3, stderr: 'evmkit: no case ran: no *.json fixture files in $D/empty-dir', stdout: '0 passed, 0 failed, 0 skipped\n' },
  { kind: 'statetest: folder with no *.json', args: ['statetest', '$D/only-text'], exit: 3, stderr: 'evmkit: no case ran: no *.json fixture files in $D/only-text' },
  { kind: 'statetest: symbolic-link loops', args: ['statetest', '$D/tree'], exit: 0, stderr: '', stdout: '1 passed, 0 failed, 0 skipped\n' },
  { kind: 'statetest: FIFO as fixture', args: ['statetest', '$D/fifo.json'], exit: 1, stderr: '', stdout: 'FAIL $D/fifo.json: not a regular file (a FIFO)\n0 passed, 1 failed, 0 skipped\n' },
  { kind: 'statetest: /dev/zero as fixture', args: ['statetest', '/dev/zero'], exit: 1, stderr: '', stdout: 'FAIL /dev/zero: not a regular file (a character device)\n0 passed, 1 failed, 0 skipped\n' },
  { kind: 'statetest: fixture over the size limit', args: ['statetest', '$D/huge.json'], exit: 1, stderr: '', stdout: 'FAIL $D/huge.json: file of 300.0 MiB is larger than the 256.0 MiB limit\n0 passed, 1 failed, 0 skipped\n' },
  { kind: 'statetest: dangling symlink as fixture', args: ['statetest', '$D/dangling.json'], exit: 2, stderr: 'evmkit: no such file or directory: $D/dangling.json' },
  { kind: 'statetest: file name with control bytes', args: ['statetest', '$D/bad\nname\x1b[31m.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/bad\\nname\\x1b\[31m\.json: invalid JSON: / },

  // ── statetest: fixture shapes ──
  { kind: 'fixture: invalid JSON with control bytes', args: ['statetest', '$D/bad-json.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/bad-json\.json: invalid JSON: .*\\x01.*\n0 passed, 1 failed, 0 skipped\n$/ },
  { kind: 'fixture: byte-order mark', args: ['statetest', '$D/bom.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/bom\.json: invalid JSON: .*\\u\{feff\}/ },
  { kind: 'fixture: top-level array', args: ['statetest', '$D/array.json'], exit: 1, stderr: '', stdout: 'FAIL $D/array.json: expected a JSON object of tests\n0 passed, 1 failed, 0 skipped\n' },
  { kind: 'fixture: no tests', args: ['statetest', '$D/empty-object.json'], exit: 3, stderr: 'evmkit: no case ran: the fixture file holds no test case', stdout: '0 passed, 0 failed, 0 skipped\n' },
  { kind: 'fixture: test is a number', args: ['statetest', '$D/test-number.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/test-number\.json: test 't': test: expected an object\n/ },
  { kind: 'fixture: 100,000 nested arrays', args: ['statetest', '$D/deep.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/deep\.json: test 't': env: expected an object\n/ },
  { kind: 'fixture: pre nonce 2^64', args: ['statetest', '$D/pre-nonce-2^64.json'], exit: 1, stderr: '', stdout: `FAIL $D/pre-nonce-2^64.json: test 'yulExample': ${SENDER_PRE}.nonce: exceeds 64 bits (at most 2^64-1)\n0 passed, 1 failed, 0 skipped\n` },
  { kind: 'fixture: negative pre nonce', args: ['statetest', '$D/pre-nonce-negative.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': pre\.0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b\.nonce: invalid hex\n/ },
  { kind: 'fixture: bad storage key with zero value', args: ['statetest', '$D/pre-storage-bad-key.json'], exit: 1, stderr: '', stdout: `FAIL $D/pre-storage-bad-key.json: test 'yulExample': ${SENDER_PRE}.storage.0xzz: invalid hex\n0 passed, 1 failed, 0 skipped\n` },
  { kind: 'fixture: storage key 2^256', args: ['statetest', '$D/pre-storage-key-2^256.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': pre\.0xa94f.*\.storage\.0x10{64}: exceeds 256 bits\n/ },
  { kind: 'fixture: a million-digit balance', args: ['statetest', '$D/pre-balance-million-digits.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': pre\.0xa94f.*\.balance: exceeds 256 bits\n/ },
  { kind: 'fixture: pre address __proto__', args: ['statetest', '$D/pre-proto-address.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': pre\.__proto__: invalid address/ },
  { kind: 'fixture: pre code bad hex', args: ['statetest', '$D/pre-code-bad-hex.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': pre\.0xa94f.*\.code: invalid hex \(invalid hex character 'z' at position 3\)\n/ },
  {
    kind: 'fixture: post forks constructor and __proto__',
    args: ['statetest', '$D/post-constructor.json'],
    exit: 3,
    stderr: 'evmkit: no case ran: every case in the fixture file was skipped (see the SKIP lines)',
    stdout: 'SKIP 1 case: fork constructor not supported (1 file, first: $D/post-constructor.json yulExample)\nSKIP 1 case: fork __proto__ not supported (1 file, first: $D/post-constructor.json yulExample)\n0 passed, 0 failed, 2 skipped\n',
  },
  {
    kind: 'fixture: a fork evmkit does not know',
    args: ['statetest', '$D/post-amsterdam.json'],
    exit: 0,
    stderr: '',
    stdout: 'SKIP 1 case: fork Amsterdam not supported (1 file, first: $D/post-amsterdam.json yulExample)\n1 passed, 0 failed, 1 skipped\n',
  },
  { kind: 'fixture: index out of range', args: ['statetest', '$D/post-index-out-of-range.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': post\.Cancun\[0\]\.indexes\.data: 7 out of range\n/ },
  { kind: 'fixture: short hash', args: ['statetest', '$D/post-hash-short.json'], exit: 1, stderr: '', stdout: /^FAIL .*: test 'yulExample': post\.Cancun\[0\]\.hash: expected 32 bytes, got 2\n/ },
  {
    kind: 'fixture: transaction nonce 2^64',
    args: ['statetest', '$D/tx-nonce-2^64.json'],
    exit: 1,
    stderr: '',
    stdout: 'FAIL $D/tx-nonce-2^64.json yulExample Cancun 0/0/0: transaction rejected: TR_NonceHasMaxValue: nonce 18446744073709551616 is not below 2^64-1 (EIP-2681)\n0 passed, 1 failed, 0 skipped\n',
  },
  {
    kind: 'fixture: a million-digit transaction value',
    args: ['statetest', '$D/tx-value-million-digits.json'],
    exit: 1,
    stderr: '',
    stdout: 'FAIL $D/tx-value-million-digits.json yulExample Cancun 0/0/0: transaction rejected: value exceeds 256 bits\n0 passed, 1 failed, 0 skipped\n',
  },
  { kind: 'fixture: a test named __proto__', args: ['statetest', '--json', '$D/test-named-proto.json'], exit: 0, stderr: '1 passed, 0 failed, 0 skipped', stdout: /^\{"name":"__proto__","file":.*"pass":true,/ },
  { kind: 'fixture: test name with control bytes', args: ['statetest', '$D/escape-name.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/escape-name\.json name\\x1b\[2J\\nwith controls Cancun 0\/0\/0: state root mismatch: / },
  { kind: 'fixture: test name with control bytes, --json', args: ['statetest', '--json', '$D/escape-name.json'], exit: 1, stderr: '0 passed, 1 failed, 0 skipped', stdout: /^\{"name":"name\\u001b\[2J\\nwith controls","file":/ },

  // ── statetest: selections ──
  { kind: 'selection: no fork matches', args: ['statetest', '--fork', 'Berlin', '$D/ok.json'], exit: 3, stderr: 'evmkit: no case ran: nothing in the fixture file matched --fork Berlin', stdout: '0 passed, 0 failed, 0 skipped\n' },
  { kind: 'selection: no name matches', args: ['statetest', '--run', '^nothing$', '$D/ok.json'], exit: 3, stderr: 'evmkit: no case ran: nothing in the fixture file matched --run ^nothing$' },
  { kind: 'selection: index past the end', args: ['statetest', '--index', '5', '--json', '$D/ok.json'], exit: 3, stderr: '0 passed, 0 failed, 0 skipped', stdout: '' },

  // ── statetest: batch mode (file names on stdin, as goevmlab drives it) ──
  { kind: 'batch: missing file', args: ['statetest'], stdin: '$D/missing.json\n', exit: 1, stderr: '{"stateRoot":"","error":"$D/missing.json: cannot read: no such file or directory"}', stdout: /^\{"name":"\$D\/missing\.json",.*"pass":false,"error":"\$D\/missing\.json: cannot read: no such file or directory"\}\n$/ },
  { kind: 'batch: FIFO', args: ['statetest'], stdin: '$D/fifo.json\n', exit: 1, stderr: '{"stateRoot":"","error":"$D/fifo.json: not a regular file (a FIFO)"}' },
  { kind: 'batch: no names', args: ['statetest'], stdin: '', exit: 3, stderr: 'evmkit: no case ran: no fixture file names on stdin', stdout: '' },
  { kind: 'batch: /dev/zero on stdin', args: ['statetest'], stdin: { file: '/dev/zero' }, exit: 2, stderr: 'evmkit: stdin: line 1 is longer than 4096 bytes (one file name per line expected)' },
  { kind: 'batch --trace: file that fails to load', args: ['statetest', '--trace'], stdin: '$D/bad-json.json\n$D/ok.json\n', exit: 1, stderr: /^\{"stateRoot":"","error":"\$D\/bad-json\.json: invalid JSON: .*\\u001b.*"\}$/ },
  { kind: 'batch --trace: FIFO', args: ['statetest', '--trace'], stdin: '$D/fifo.json\n', exit: 1, stderr: '{"stateRoot":"","error":"$D/fifo.json: not a regular file (a FIFO)"}' },
  { kind: 'trace: file that fails to load', args: ['statetest', '--trace', '$D/array.json'], exit: 1, stderr: '{"stateRoot":"","error":"$D/array.json: expected a JSON object of tests"}', stdout: 'FAIL $D/array.json: expected a JSON object of tests\n0 passed, 1 failed, 0 skipped\n' },

  // ── blocktest ──
  {
    kind: 'blocktest: deep RLP, a __proto__ network, a test that is a number',
    args: ['blocktest', '$D/bt-hostile.json'],
    exit: 1,
    stderr: '',
    stdout:
      'FAIL $D/bt-hostile.json deep\\x1b[2J Cancun: block #0 (blocks[0]): rejected: block: invalid RLP (lists nested deeper than 16)\n' +
      'FAIL $D/bt-hostile.json num (no network): test: expected an object\n' +
      'SKIP 1 case: network __proto__ not supported (1 file, first: $D/bt-hostile.json __proto__)\n0 passed, 2 failed, 1 skipped\n',
  },
  { kind: 'blocktest: a passing test', args: ['blocktest', '$D/bt-ok.json'], exit: 0, stderr: '', stdout: '1 passed, 0 failed, 0 skipped\n' },
  { kind: 'blocktest: FIFO as fixture', args: ['blocktest', '$D/fifo.json'], exit: 1, stderr: '', stdout: 'FAIL $D/fifo.json: not a regular file (a FIFO)\n0 passed, 1 failed, 0 skipped\n' },
  { kind: 'blocktest: invalid JSON', args: ['blocktest', '$D/bad-json.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/bad-json\.json: invalid JSON: .*\\x01.*\n0 passed, 1 failed, 0 skipped\n$/ },
  { kind: 'blocktest: invalid --run pattern', args: ['blocktest', '--run', '(', '$D/bt-ok.json'], exit: 2, stderr: "evmkit: flag --run: invalid regular expression '('" },
  { kind: 'blocktest: folder without fixtures', args: ['blocktest', '$D/empty-dir'], exit: 3, stderr: 'evmkit: no case ran: no *.json fixture files in $D/empty-dir', stdout: '0 passed, 0 failed, 0 skipped\n' },
  { kind: 'blocktest: a state test is no blockchain test', args: ['blocktest', '$D/ok.json'], exit: 1, stderr: '', stdout: /^FAIL \$D\/ok\.json yulExample \(no network\): network: missing field\n/ },
];
