/**
 * System operations: the CALL family (EIP-150 63/64 rule, value transfer 9000 + stipend 2300, new account
 * 25000, EIP-2929 cold 2600), STATICCALL (EIP-214), CREATE/CREATE2 addresses (Yellow Paper §7, EIP-1014),
 * RETURNDATACOPY bounds (EIP-211), REVERT (EIP-140), SELFDESTRUCT (EIP-6780 in Cancun).
 */
import { describe, expect, it } from 'vitest';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import { create2Address } from '../../src/primitives/address.js';
import { bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import {
  call,
  callcode,
  delegatecall,
  create,
  create2,
  ins,
  mstore,
  op,
  ret,
  retTop,
  returndatacopy,
  revert,
  selfdestruct,
  sstore,
  staticcall,
} from '../helpers/bytecode.js';
import { CONTRACT, RET_TOP_GAS, SENDER, outputWord, runCode, runTx } from '../helpers/run.js';

const MAX = (1n << 256n) - 1n;
const CALLEE = '0x00000000000000000000000000000000000000b0'; // returns the gas it sees
const STORER = '0x00000000000000000000000000000000000000b1'; // SSTOREs
const REVERTER = '0x00000000000000000000000000000000000000b2'; // SSTOREs, then reverts with 0xabc
const RETURNER = '0x00000000000000000000000000000000000000b3'; // returns 32 bytes
const EMPTY = '0x00000000000000000000000000000000000000b4'; // exists, empty
const MISSING = '0x00000000000000000000000000000000000000b5';
const BENEFICIARY = '0x00000000000000000000000000000000000000be';
const PRE = {
  [CALLEE]: { code: op(Op.GAS) + retTop() }, // uses 2 + 15 = 17 gas
  [STORER]: { code: sstore(1, 1) },
  [REVERTER]: { code: sstore(1, 1) + mstore(0, 0xabc) + revert(0, 32) }, // 6 + 22100 + 12 + 6
  [RETURNER]: { code: mstore(0, 0x1234) + ret(0, 32) },
  [EMPTY]: {},
};
/** 7 PUSHes of a CALL's operands. */
const CALL_PUSHES = 21;
const WARM = 100;
const COLD_EXTRA = 2500; // 2600 cold access - the 100 warm base

describe('CALL gas (EIP-150, EIP-2929)', () => {
  it('forwards all but one 64th of the gas left after the call’s own costs', () => {
    const code = call({ gas: MAX, to: CALLEE, retSize: 32 }) + op(Op.POP) + ret(0, 32);
    const r = runCode(code, { pre: PRE, gas: 100_000 });
    // Charged before forwarding: 21 (PUSHes) + 100 + 3 (memory for the 32 output bytes) + 2500 = 2624.
    // Left: 97376; forwarded: 97376 - ⌊97376/64⌋ = 97376 - 1521 = 95855; the callee's GAS sees 95853.
    expect(outputWord(r.output)).toBe(95853n);
    // The callee used 17; then POP (2) and RETURN's PUSHes (6).
    expect(r.gasUsed).toBe(2624 + 17 + 2 + 6);
  });
  it('forwards the requested gas when it is below the cap', () => {
    const r = runCode(call({ gas: 1000, to: CALLEE, retSize: 32 }) + op(Op.POP) + ret(0, 32), { pre: PRE });
    expect(outputWord(r.output)).toBe(998n);
  });
  it('a warm callee costs 100, a cold one 2600', () => {
    const twice = call({ gas: 0, to: CALLEE }) + op(Op.POP) + call({ gas: 0, to: CALLEE }) + op(Op.POP);
    // With 0 gas the callee halts out of gas at once: nothing comes back.
    const r = runCode(twice, { pre: PRE });
    expect(r.gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + 2 + CALL_PUSHES + WARM + 2);
  });
  it('a value transfer costs 9000 and gives the callee a 2300 stipend', () => {
    const code = call({ gas: 0, to: CALLEE, value: 1, retSize: 32 }) + op(Op.POP) + ret(0, 32);
    const r = runCode(code, { pre: PRE, balance: 1000n });
    // The callee starts with 0 + 2300 and its GAS reads 2298.
    expect(outputWord(r.output)).toBe(2298n);
    // 21 + 100 + 3 + 2500 + 9000 = 11624 charged; the callee returns 2300 - 17 = 2283 unused.
    expect(r.gasUsed).toBe(11624 - 2283 + 2 + 6);
    expect(r.state.getBalance(CALLEE)).toBe(1n);
    expect(r.state.getBalance(CONTRACT)).toBe(999n);
  });
  it('a value transfer to a non-existent account adds 25000 (EIP-161: only with value)', () => {
    const r = runCode(call({ gas: 0, to: MISSING, value: 1 }) + op(Op.POP), { pre: PRE, balance: 1000n });
    // 21 + 100 + 2500 + 9000 + 25000 = 36621, minus the whole unused stipend (no code), plus POP.
    expect(r.gasUsed).toBe(36621 - 2300 + 2);
    expect(r.state.getBalance(MISSING)).toBe(1n);
    // An existing but empty account is dead too (EIP-161).
    expect(runCode(call({ gas: 0, to: EMPTY, value: 1 }) + op(Op.POP), { pre: PRE, balance: 1000n }).gasUsed).toBe(
      36621 - 2300 + 2,
    );
  });
  it('a zero-value call to a non-existent account costs no 25000 from Spurious Dragon on', () => {
    expect(runCode(call({ gas: 0, to: MISSING }) + op(Op.POP)).gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + 2);
  });
  it('before EIP-161 any call to a non-existent account costs 25000', () => {
    // Tangerine Whistle: CALL 700 (EIP-150); Frontier: CALL 40.
    expect(runCode(call({ gas: 0, to: MISSING }) + op(Op.POP), { fork: Fork.TangerineWhistle }).gasUsed).toBe(
      CALL_PUSHES + 700 + 25000 + 2,
    );
    expect(runCode(call({ gas: 0, to: MISSING }) + op(Op.POP), { fork: Fork.Frontier }).gasUsed).toBe(
      CALL_PUSHES + 40 + 25000 + 2,
    );
  });
  it('a call without enough balance fails, pushes 0 and keeps the gas', () => {
    const r = runCode(call({ gas: 0, to: CALLEE, value: 5 }) + retTop(), { pre: PRE, balance: 4n });
    expect(outputWord(r.output)).toBe(0n);
    // The 2300 stipend given to the failed call comes back with it (execution-specs generic_call:
    // gas_left += sub_call gas, which includes the stipend), so the net charge is 9000 - 2300 for the value.
    expect(r.gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + 9000 - 2300 + RET_TOP_GAS);
    expect(r.state.getBalance(CONTRACT)).toBe(4n);
  });
});

describe('warm sets and reverts (EIP-2929)', () => {
  it('accounts warmed inside a reverted call are cold again; the callee itself stays warm', () => {
    const OTHER = '0x00000000000000000000000000000000000000aa';
    const warmer = '0x00000000000000000000000000000000000000c1';
    const pre = { [warmer]: { code: ins(Op.BALANCE, OTHER) + op(Op.POP) + revert(0, 0) } };
    const code =
      call({ gas: 50_000, to: warmer }) + op(Op.POP) + ins(Op.BALANCE, OTHER) + op(Op.POP) + ins(Op.BALANCE, warmer) + op(Op.POP);
    const r = runCode(code, { pre });
    // CALL (cold callee) 21 + 2600; callee 3 + 2600 + 2 + 6; POP 2; BALANCE(OTHER) cold again 3 + 2600 + 2;
    // BALANCE(warmer) warm 3 + 100 + 2.
    expect(r.gasUsed).toBe(CALL_PUSHES + 2600 + (3 + 2600 + 2 + 6) + 2 + (3 + 2600 + 2) + (3 + 100 + 2));
  });
});

describe('call depth (1024)', () => {
  it('a call from depth 1024 fails without running, pushing 0 and keeping the forwarded gas', () => {
    const r = runCode(call({ gas: 1000, to: CALLEE }) + retTop(), { pre: PRE, depth: 1024 });
    expect(outputWord(r.output)).toBe(0n);
    expect(r.gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + RET_TOP_GAS);
  });
  it('a call from depth 1023 runs (the callee is at depth 1024)', () => {
    expect(outputWord(runCode(call({ gas: 1000, to: CALLEE }) + retTop(), { pre: PRE, depth: 1023 }).output)).toBe(1n);
  });
});

describe('DELEGATECALL and CALLCODE', () => {
  const LIB = '0x00000000000000000000000000000000000000c0';
  // Stores CALLER at 1, CALLVALUE at 2, ADDRESS at 3.
  const libCode = sstore(1, op(Op.CALLER)) + sstore(2, op(Op.CALLVALUE)) + sstore(3, op(Op.ADDRESS));
  it('DELEGATECALL runs the code on the caller’s storage with the caller’s sender and value', () => {
    const r = runCode(delegatecall({ to: LIB }) + retTop(), { pre: { [LIB]: { code: libCode } }, value: 9n, balance: 9n });
    expect(outputWord(r.output)).toBe(1n);
    expect(r.state.getStorage(CONTRACT, 1n)).toBe(BigInt(SENDER));
    expect(r.state.getStorage(CONTRACT, 2n)).toBe(9n);
    expect(r.state.getStorage(CONTRACT, 3n)).toBe(BigInt(CONTRACT));
    expect(r.state.getStorage(LIB, 1n)).toBe(0n);
  });
  it('CALLCODE runs the code on the caller’s storage with the caller as sender and the new value', () => {
    const r = runCode(callcode({ to: LIB, value: 5 }) + retTop(), { pre: { [LIB]: { code: libCode } }, balance: 100n });
    expect(outputWord(r.output)).toBe(1n);
    expect(r.state.getStorage(CONTRACT, 1n)).toBe(BigInt(CONTRACT));
    expect(r.state.getStorage(CONTRACT, 2n)).toBe(5n);
    expect(r.state.getBalance(CONTRACT)).toBe(100n); // sent to itself
    expect(r.state.getBalance(LIB)).toBe(0n);
  });
  it('CALLCODE with value to a non-existent account pays 9000 but no 25000', () => {
    const r = runCode(callcode({ gas: 0, to: MISSING, value: 1 }) + op(Op.POP), { balance: 100n });
    // 21 + 100 + 2500 + 9000, the unused 2300 stipend comes back, POP.
    expect(r.gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + 9000 - 2300 + 2);
  });
});

describe('STATICCALL (EIP-214)', () => {
  it('a state change in the static callee fails it: 0 pushed, its gas consumed, nothing stored', () => {
    const r = runCode(staticcall({ gas: 50_000, to: STORER }) + retTop(), { pre: PRE });
    expect(r.status).toBe(Status.Return);
    expect(outputWord(r.output)).toBe(0n);
    // 6 PUSHes (18) + 100 + 2500, the callee's 50000 all consumed, retTop.
    expect(r.gasUsed).toBe(18 + WARM + COLD_EXTRA + 50_000 + RET_TOP_GAS);
    expect(r.state.getStorage(STORER, 1n)).toBe(0n);
  });
  it('a read-only callee succeeds', () => {
    expect(outputWord(runCode(staticcall({ gas: 50_000, to: CALLEE }) + retTop(), { pre: PRE }).output)).toBe(1n);
  });
  it('CALL with value inside a static frame is a violation', () => {
    const r = runCode(call({ gas: 0, to: CALLEE, value: 1 }), { pre: PRE, isStatic: true, balance: 10n, gas: 50_000 });
    expect(r.status).toBe(Status.StaticViolation);
    expect(r.gasLeft).toBe(0n);
  });
  it('LOG in a static frame is a violation', () => {
    const r = runCode(ins(Op.LOG0, 0, 0), { isStatic: true, gas: 5000 });
    expect(r.status).toBe(Status.StaticViolation);
    expect(r.gasLeft).toBe(0n);
  });
  it('CREATE and SELFDESTRUCT in a static frame are violations', () => {
    expect(runCode(create({ size: 0 }), { isStatic: true, gas: 100_000 }).status).toBe(Status.StaticViolation);
    expect(runCode(selfdestruct(SENDER), { isStatic: true, gas: 100_000 }).status).toBe(Status.StaticViolation);
  });
});

describe('CREATE', () => {
  // The classic vector: 0x6ac7…dbf0 creates at nonce 1 → 0x343c…fcf8, at nonce 3 → 0xfffd…d19c.
  const DEPLOYER = '0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0';
  it('derives the address from sender and nonce: keccak256(rlp([sender, nonce]))[12:]', () => {
    const r = runCode(create({ size: 0 }) + retTop(), { address: DEPLOYER, nonce: 1n });
    expect(r.status).toBe(Status.Return);
    expect(outputWord(r.output)).toBe(0x343c43a37d37dff08ae8c4a11544c718abb4fcf8n);
    // 3 PUSHes + 32000, empty initcode (0 words) runs for free; retTop.
    expect(r.gasUsed).toBe(9 + 32000 + RET_TOP_GAS);
    expect(r.state.getNonce(DEPLOYER)).toBe(2n);
    expect(r.state.getNonce('0x343c43a37d37dff08ae8c4a11544c718abb4fcf8')).toBe(1n); // EIP-161
    const r3 = runCode(create({ size: 0 }) + retTop(), { address: DEPLOYER, nonce: 3n });
    expect(outputWord(r3.output)).toBe(0xfffd933a0bc612844eaf0c6fe3e5b8e9b6c1d19cn);
  });
  it('deploys the returned code, paying 200 per byte', () => {
    // Initcode (10 bytes): MSTORE8(0, 0xfe) RETURN(0, 1) — deploys the single byte 0xfe.
    const initcode = '60fe600053' + '60016000f3';
    const code = mstore(0, BigInt('0x' + initcode) << 176n) + create({ size: 10 }) + retTop();
    const r = runCode(code, { address: DEPLOYER, nonce: 1n });
    const created = '0x343c43a37d37dff08ae8c4a11544c718abb4fcf8';
    expect(outputWord(r.output)).toBe(BigInt(created));
    expect(bytesToHex(r.state.getCode(created))).toBe('0xfe');
    // MSTORE 12; CREATE: 9 + 32000 + 2 (EIP-3860, 1 word); initcode: 12 (MSTORE8 with 1 word of memory)
    // + 6 (RETURN); deposit 200; retTop 12 (memory already 1 word).
    expect(r.gasUsed).toBe(12 + 9 + 32000 + 2 + 18 + 200 + 12);
  });
  it('a reverting initcode pushes 0 and leaves its revert data as return data', () => {
    // Initcode: MSTORE(0, 0xabc) REVERT(0, 32) — 12 bytes.
    const initcode = mstore(0, 0xabc) + revert(0, 32);
    const len = initcode.length / 2;
    const code =
      mstore(0, BigInt('0x' + initcode) << BigInt(8 * (32 - len))) + create({ size: len }) + op(Op.RETURNDATASIZE) + retTop();
    const r = runCode(code);
    expect(outputWord(r.output)).toBe(32n);
  });
});

describe('CREATE gas and failures', () => {
  const DEPLOYER = '0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0';
  const CREATED = '0x343c43a37d37dff08ae8c4a11544c718abb4fcf8'; // DEPLOYER at nonce 1
  it('forwards all but one 64th of the gas left (EIP-150)', () => {
    // Initcode GAS PUSH1 0 SSTORE (5a600055) stores the gas it sees.
    const code = mstore(0, 0x5a600055n << 224n) + create({ size: 4 }) + op(Op.POP);
    const r = runCode(code, { address: DEPLOYER, nonce: 1n, gas: 100_000 });
    // Before forwarding: MSTORE 12 + 3 PUSHes + 32000 + 2 (EIP-3860) = 32023; left 67977;
    // forwarded 67977 - ⌊67977/64⌋ = 67977 - 1062 = 66915; GAS sees 66913.
    expect(r.state.getStorage(CREATED, 0n)).toBe(66913n);
  });
  it('without enough balance pushes 0, returns the gas and leaves the nonce', () => {
    const r = runCode(create({ value: 5, size: 0 }) + retTop(), { address: DEPLOYER, nonce: 1n, balance: 4n });
    expect(outputWord(r.output)).toBe(0n);
    expect(r.gasUsed).toBe(9 + 32000 + RET_TOP_GAS);
    expect(r.state.getNonce(DEPLOYER)).toBe(1n);
  });
  it('a collision pushes 0, consumes the forwarded gas and still bumps the nonce (EIP-684)', () => {
    const r = runCode(create({ size: 0 }) + retTop(), {
      address: DEPLOYER,
      nonce: 1n,
      gas: 100_000,
      pre: { [CREATED]: { nonce: 1n } },
    });
    expect(outputWord(r.output)).toBe(0n);
    // 9 + 32000 charged; of the 67991 left, 67991 - 1062 = 66929 were forwarded and lost.
    expect(r.gasUsed).toBe(9 + 32000 + 66929 + RET_TOP_GAS);
    expect(r.state.getNonce(DEPLOYER)).toBe(2n);
  });
  it('initcode above 49152 bytes is an exceptional halt (EIP-3860)', () => {
    const r = runCode(create({ size: 49153 }), { gas: 1_000_000 });
    expect(r.gasLeft).toBe(0n);
    expect(r.status).toBe(Status.InitcodeSizeExceeded);
  });
  it('Frontier: a creation that cannot pay the code deposit succeeds with empty code', () => {
    // Initcode RETURN(0, 32) (60206000f3) returns 32 zero bytes: deposit 6400. Frontier forwards all gas:
    // outer MSTORE 12 + 9 + 32000 = 32021, initcode 9, leaving 6399 < 6400, which come back for the POP.
    const code = mstore(0, 0x60206000f3n << 216n) + create({ size: 5 }) + op(Op.POP);
    const gas = 32021 + 9 + 6399;
    const frontier = runCode(code, { fork: Fork.Frontier, address: DEPLOYER, nonce: 1n, gas });
    expect(frontier.status).toBe(Status.Stop);
    expect(frontier.state.exists(CREATED)).toBe(true);
    expect(frontier.state.getCode(CREATED).length).toBe(0);
    expect(frontier.gasLeft).toBe(6399n - 2n);
    // Homestead (EIP-2): the creation fails; before EIP-150 it was given all the gas, so the POP runs out.
    const homestead = runCode(code, { fork: Fork.Homestead, address: DEPLOYER, nonce: 1n, gas });
    expect(homestead.status).toBe(Status.OutOfGas);
    expect(homestead.state.exists(CREATED)).toBe(false);
  });
});

describe('precompile calls', () => {
  it('identity (0x04) costs 15 for no input: 14 gas fails and is consumed, 15 succeeds', () => {
    const low = runCode(call({ gas: 14, to: 4 }) + retTop());
    expect(outputWord(low.output)).toBe(0n);
    expect(low.gasUsed).toBe(CALL_PUSHES + WARM + 14 + RET_TOP_GAS);
    const ok = runCode(call({ gas: 15, to: 4 }) + retTop());
    expect(outputWord(ok.output)).toBe(1n);
    expect(ok.gasUsed).toBe(CALL_PUSHES + WARM + 15 + RET_TOP_GAS);
  });
  it('call data is read from the caller’s memory; return data stays what it was when the caller rewrites it', () => {
    // identity(memory[0..32] = 0x1234) → overwrite memory[0..32] → RETURNDATACOPY still yields 0x1234.
    const code =
      mstore(0, 0x1234) + call({ to: 4, argsOffset: 0, argsSize: 32 }) + op(Op.POP) +
      mstore(0, 0x5678) + returndatacopy(32, 0, 32) + ret(0, 64);
    const r = runCode(code);
    expect(outputWord(r.output.subarray(0, 32))).toBe(0x5678n);
    expect(outputWord(r.output.subarray(32))).toBe(0x1234n);
  });
  it('a callee reads the caller’s memory as call data and its own memory is separate', () => {
    // The echo callee copies its call data to its memory at 0, overwrites nothing of the caller, and returns it.
    const ECHO = '0x00000000000000000000000000000000000000e0';
    const echo = ins(Op.CALLDATACOPY, 0, 0, op(Op.CALLDATASIZE)) + mstore(64, 0x99) + ins(Op.RETURN, 0, op(Op.CALLDATASIZE));
    const code =
      mstore(0, 0xaa) + mstore(32, 0xbb) + mstore(64, 0xcc) +
      call({ to: ECHO, argsOffset: 32, argsSize: 32, retOffset: 96, retSize: 32 }) + op(Op.POP) + ret(0, 128);
    const r = runCode(code, { pre: { [ECHO]: { code: echo } } });
    expect([0, 1, 2, 3].map((i) => outputWord(r.output.subarray(32 * i, 32 * i + 32)))).toEqual([0xaan, 0xbbn, 0xccn, 0xbbn]);
  });
});

describe('CREATE2 (EIP-1014)', () => {
  const vectors: [string, string, string, string][] = [
    ['0x0000000000000000000000000000000000000000', '00'.repeat(32), '00', '0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38'],
    ['0xdeadbeef00000000000000000000000000000000', '00'.repeat(32), '00', '0xb928f69bb1d91cd65274e3c79d8986362984fda3'],
    ['0xdeadbeef00000000000000000000000000000000', '000000000000000000000000feed' + '00'.repeat(18), '00', '0xd04116cdd17bebe565eb2422f2497e06cc1c9833'],
    ['0x0000000000000000000000000000000000000000', '00'.repeat(32), 'deadbeef', '0x70f2b2914a2a4b783faefb75f459a580616fcb5e'],
    ['0x00000000000000000000000000000000deadbeef', '00'.repeat(28) + 'cafebabe', 'deadbeef', '0x60f3f640a8508fc6a86d45df051962668e1e8ac7'],
    ['0x00000000000000000000000000000000deadbeef', '00'.repeat(28) + 'cafebabe', 'deadbeef'.repeat(11), '0x1d8bfdc5d46dc4f61d6b6115972536ebe6a8854c'],
    ['0x0000000000000000000000000000000000000000', '00'.repeat(32), '', '0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0'],
  ];
  it('matches the EIP’s example addresses', () => {
    for (const [sender, salt, init, expected] of vectors) {
      expect(create2Address(sender, hexToBytes(salt), keccak256(hexToBytes(init)))).toBe(expected);
    }
  });
  it('the opcode creates at the EIP-1014 address (examples 1 and 2, initcode 0x00)', () => {
    const sender = '0xdeadbeef00000000000000000000000000000000';
    const r = runCode(create2({ size: 1, salt: 0 }) + retTop(), { address: sender });
    expect(outputWord(r.output)).toBe(0xb928f69bb1d91cd65274e3c79d8986362984fda3n);
    // 4 PUSHes + 3 (1 word of memory) + 32000 + 2 (EIP-3860 word) + 6 (hashing, 1 word); initcode STOP;
    // retTop 12 (memory already 1 word).
    expect(r.gasUsed).toBe(12 + 3 + 32000 + 2 + 6 + 12);
    const salt = 0xfeedn << 144n; // bytes 12–13 of the 32-byte salt
    const r2 = runCode(create2({ size: 1, salt }) + retTop(), { address: sender });
    expect(outputWord(r2.output)).toBe(0xd04116cdd17bebe565eb2422f2497e06cc1c9833n);
  });
  it('a second CREATE2 to the same address collides and pushes 0', () => {
    const twice = create2({ size: 1, salt: 0 }) + op(Op.POP) + create2({ size: 1, salt: 0 }) + retTop();
    expect(outputWord(runCode(twice, { address: '0xdeadbeef00000000000000000000000000000000' }).output)).toBe(0n);
  });
});

describe('RETURNDATACOPY (EIP-211)', () => {
  it('copying past the end of empty return data halts, consuming all gas', () => {
    const r = runCode(returndatacopy(0, 0, 1), { gas: 10_000 });
    expect(r.status).toBe(Status.ReturnDataOutOfBounds);
    expect(r.gasLeft).toBe(0n);
  });
  it('a zero-length copy at offset 0 is fine; at offset 1 (or 2^256-1) it is out of bounds', () => {
    const ok = runCode(returndatacopy(0, 0, 0));
    expect(ok.status).toBe(Status.Stop);
    expect(ok.gasUsed).toBe(9 + 3);
    expect(runCode(returndatacopy(0, 1, 0), { gas: 1000 }).status).toBe(Status.ReturnDataOutOfBounds);
    expect(runCode(returndatacopy(0, MAX, 0), { gas: 1000 }).status).toBe(Status.ReturnDataOutOfBounds);
  });
  it('copies within the last call’s output and halts one byte past it', () => {
    const base = call({ gas: 50_000, to: RETURNER }) + op(Op.POP);
    const ok = runCode(base + returndatacopy(0, 0, 32) + ret(0, 32), { pre: PRE });
    expect(outputWord(ok.output)).toBe(0x1234n);
    expect(runCode(base + returndatacopy(0, 1, 32), { pre: PRE }).status).toBe(Status.ReturnDataOutOfBounds);
  });
  it('RETURNDATASIZE is the last call’s output size', () => {
    const r = runCode(call({ gas: 50_000, to: RETURNER }) + op(Op.POP) + op(Op.RETURNDATASIZE) + retTop(), { pre: PRE });
    expect(outputWord(r.output)).toBe(32n);
  });
});

describe('REVERT (EIP-140)', () => {
  it('returns its data and the gas left', () => {
    const r = runCode(mstore(0, 0xabc) + revert(0, 32), { gas: 1000 });
    expect(r.status).toBe(Status.Revert);
    expect(outputWord(r.output)).toBe(0xabcn);
    expect(r.gasLeft).toBe(1000n - 12n - 6n);
  });
  it('a reverted callee pushes 0, undoes its writes, returns its unused gas and its data', () => {
    const r = runCode(call({ gas: 50_000, to: REVERTER }) + op(Op.RETURNDATASIZE) + retTop(), { pre: PRE });
    expect(outputWord(r.output)).toBe(32n);
    expect(r.state.getStorage(REVERTER, 1n)).toBe(0n);
    // CALL 21 + 100 + 2500; the callee used 6 + 22100 + 12 + 6; RETURNDATASIZE 2; retTop.
    expect(r.gasUsed).toBe(CALL_PUSHES + WARM + COLD_EXTRA + 22124 + 2 + RET_TOP_GAS);
  });
  it('a reverting transaction keeps the gas left: 21000 + 18', () => {
    const t = runTx(sstore(1, 1) + mstore(0, 0xabc) + revert(0, 32));
    expect(t.result.status).toBe('revert');
    expect(outputWord(t.output)).toBe(0xabcn);
    expect(t.gasUsed).toBe(21000n + 6n + 22100n + 12n + 6n);
    expect(t.state.getStorage(CONTRACT, 1n)).toBe(0n);
  });
});

describe('SELFDESTRUCT', () => {
  // PUSH1 (3) + 5000 (EIP-150) + 2600 cold beneficiary (EIP-2929) + 25000 (dead beneficiary, balance sent).
  const GAS = 3 + 5000 + 2600 + 25000;
  it('Cancun (EIP-6780): a pre-existing account sends its balance and survives with its code', () => {
    const t = runTx(selfdestruct(BENEFICIARY), { balance: 100n });
    expect(t.result.status).toBe('success');
    expect(t.gasUsed).toBe(21000n + BigInt(GAS));
    expect(t.state.getAccount(CONTRACT)).toBeDefined();
    expect(t.state.getBalance(CONTRACT)).toBe(0n);
    expect(bytesToHex(t.state.getCode(CONTRACT))).toBe('0x60beff');
    expect(t.state.getBalance(BENEFICIARY)).toBe(100n);
  });
  it('Cancun: to itself, a pre-existing account keeps its balance (5003 gas: warm, not dead)', () => {
    const t = runTx(selfdestruct(CONTRACT), { balance: 100n });
    expect(t.gasUsed).toBe(21000n + 3n + 5000n);
    expect(t.state.getBalance(CONTRACT)).toBe(100n);
    expect(t.state.getCode(CONTRACT).length).toBe(22);
  });
  it('Cancun: an account created in the same transaction is deleted', () => {
    // Creation transaction with initcode SELFDESTRUCT(0xbe) = 60 be ff (3 non-zero bytes), value 50.
    // Intrinsic: 21000 + 32000 + 3·16 + 2·1 (EIP-3860 word) = 53050.
    const t = runTx('', { tx: { to: null, data: hexToBytes('60beff'), value: 50n } });
    expect(t.result.status).toBe('success');
    expect(t.gasUsed).toBe(53050n + BigInt(GAS));
    const created = '0x' + bytesToHex(keccak256(hexToBytes('d694' + SENDER.slice(2) + '80'))).slice(26);
    expect(t.state.getAccount(created)).toBeUndefined();
    expect(t.state.getBalance(BENEFICIARY)).toBe(50n);
  });
  it('Shanghai: the account is deleted at the end of the transaction, no refund (EIP-3529)', () => {
    const t = runTx(selfdestruct(BENEFICIARY), { balance: 100n, fork: Fork.Shanghai });
    expect(t.gasUsed).toBe(21000n + BigInt(GAS));
    expect(t.state.getAccount(CONTRACT)).toBeUndefined();
    expect(t.state.getBalance(BENEFICIARY)).toBe(100n);
  });
  it('Shanghai: to itself, the balance is burned with the account', () => {
    const t = runTx(selfdestruct(CONTRACT), { balance: 100n, fork: Fork.Shanghai });
    expect(t.state.getAccount(CONTRACT)).toBeUndefined();
  });
  it('Berlin: deleted, and refunds 24000 (below the gasUsed/2 cap)', () => {
    const t = runTx(selfdestruct(BENEFICIARY), { balance: 100n, fork: Fork.Berlin });
    // 53603 used before the refund; cap 26801 > 24000.
    expect(t.gasUsed).toBe(21000n + BigInt(GAS) - 24000n);
    expect(t.state.getAccount(CONTRACT)).toBeUndefined();
  });
  it('no 25000 when the beneficiary exists, or when there is no balance to send', () => {
    expect(runTx(selfdestruct(SENDER), { balance: 100n }).gasUsed).toBe(21000n + 3n + 5000n); // warm, alive
    expect(runTx(selfdestruct(BENEFICIARY)).gasUsed).toBe(21000n + 3n + 5000n + 2600n); // balance 0
  });
});

describe('LOG', () => {
  it('costs 375 + 375 per topic + 8 per byte + memory', () => {
    const r = runCode(mstore(0, MAX) + ins(Op.LOG0 + 2, 0, 32, 1, 2));
    expect(r.status).toBe(Status.Stop);
    // MSTORE 12; 4 PUSHes; 375·3 = 1125; 8·32 = 256; no expansion.
    expect(r.gasUsed).toBe(12 + 12 + 1125 + 256);
    expect(r.state.logs).toEqual([{ address: CONTRACT, topics: [1n, 2n], data: hexToBytes('ff'.repeat(32)) }]);
  });
  it('a reverted frame’s logs are dropped', () => {
    const emitter = '0x00000000000000000000000000000000000000e0';
    const code = call({ gas: 50_000, to: emitter }) + op(Op.POP);
    const r = runCode(code, { pre: { [emitter]: { code: ins(Op.LOG0, 0, 0) + revert(0, 0) } } });
    expect(r.state.logs).toEqual([]);
  });
  it('the builder puts topics in order: LOG1(0, 0, 7) has topic 7', () => {
    const r = runCode(ins(Op.LOG0 + 1, 0, 0, 7));
    expect(r.state.logs[0].topics).toEqual([7n]);
    expect(r.gasUsed).toBe(9 + 750);
  });
});
