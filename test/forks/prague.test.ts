/**
 * Cancun → Prague: EIP-7702 (set-code transactions and delegation designators), EIP-7623 (the calldata floor)
 * and EIP-7691 (blob schedule 6/9, update fraction 5,007,716). Gas figures are derived in comments from the
 * EIP texts; each test runs on both sides of the fork where the rule exists on one side only.
 */
import { describe, expect, it } from 'vitest';
import { designatorFor } from '../../src/evm/delegation.js';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import { Fork } from '../../src/forks/fork.js';
import type { Address } from '../../src/primitives/address.js';
import { hexToBytes } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { SECP256K1_N, privateKeyToAddress } from '../../src/primitives/secp256k1.js';
import { signAuthorization } from '../../src/transition/authorization.js';
import type { Authorization } from '../../src/transition/types.js';
import { call, callcode, delegatecall, ins, mstore, op, ret, retTop, revert, sstore, staticcall } from '../helpers/bytecode.js';
import { COINBASE, CONTRACT, SENDER, SENDER_BALANCE, outputWord, runCode, runTx, type TxFields } from '../helpers/run.js';
import { CALLEE, CALLEE_GAS, TX_GAS, hexOf, precompile } from './util.js';

const BEFORE = Fork.Cancun;
const AFTER = Fork.Prague;

const KEY = hexToBytes('00'.repeat(31) + 'a1');
/** The account that signs the authorizations. */
const AUTHORITY: Address = privateKeyToAddress(KEY);
/** Code an authority delegates to: SSTORE(1, 1) into whichever account runs it. */
const DELEGATE: Address = '0x00000000000000000000000000000000000000d1';
const OTHER_DELEGATE: Address = '0x00000000000000000000000000000000000000d2';
const ZERO: Address = '0x0000000000000000000000000000000000000000';
const DELEGATES = { [DELEGATE]: { code: sstore(1, 1) }, [OTHER_DELEGATE]: { code: sstore(2, 2) } };

/** Price per gas of setCode(): min(max fee 10, base fee 7 + tip 1) = 8. */
const PRICE = 8n;
/** Intrinsic gas of one authorization tuple (PER_EMPTY_ACCOUNT_COST). */
const PER_AUTH = 25000n;

function authorize(address: Address, fields: Partial<Pick<Authorization, 'chainId' | 'nonce'>> = {}): Authorization {
  return signAuthorization({ chainId: fields.chainId ?? 1n, address, nonce: fields.nonce ?? 0n }, KEY);
}

/** A type-4 transaction from SENDER to CONTRACT carrying `list`. */
function setCode(list: Authorization[], extra: TxFields = {}): TxFields {
  return { type: 4, gasPrice: undefined, maxFeePerGas: 10n, maxPriorityFeePerGas: 1n, accessList: [], authorizationList: list, ...extra };
}

/** The designator of `address`, as hex for a pre-state account's code. */
const designator = (address: Address): string => hexOf(designatorFor(address));

describe('Prague, EIP-7702: set-code transactions', () => {
  it('is rejected before Prague; after, an authorization writes the designator and bumps the nonce', () => {
    const tx = setCode([authorize(DELEGATE)]);
    const before = runTx('00', { fork: BEFORE, tx, pre: DELEGATES });
    expect(before.result.status).toBe('invalid');
    expect(before.result.error).toMatch(/^TR_TypeNotSupported: type 4 transactions start at Prague/);
    expect(before.state.exists(AUTHORITY)).toBe(false);

    // 21000 + 25000 per tuple; STOP costs nothing; the authority did not exist, so no refund.
    const after = runTx('00', { fork: AFTER, tx, pre: DELEGATES });
    expect(after.result.status).toBe('success');
    expect(after.gasUsed).toBe(21000n + PER_AUTH);
    expect(after.state.getCode(AUTHORITY)).toEqual(designatorFor(DELEGATE));
    expect(hexOf(after.state.getCode(AUTHORITY))).toBe('ef0100' + DELEGATE.slice(2));
    expect(after.state.getNonce(AUTHORITY)).toBe(1n);
    expect(after.state.getBalance(SENDER)).toBe(SENDER_BALANCE - (21000n + PER_AUTH) * PRICE);
  });

  it('refunds 12,500 per applied tuple whose authority exists, capped at a fifth of the gas used', () => {
    // CONTRACT: SSTORE(1, 1) on a zero slot, cold: 6 (pushes) + 2100 + 20000 = 22106.
    const code = sstore(1, 1);
    const gas = 21000n + PER_AUTH + 22106n;
    const absent = runTx(code, { fork: AFTER, tx: setCode([authorize(DELEGATE)]) });
    expect(absent.gasUsed).toBe(gas);
    // 68106 / 5 = 13621 ≥ 12500: the whole refund.
    const existing = runTx(code, { fork: AFTER, tx: setCode([authorize(DELEGATE)]), pre: { [AUTHORITY]: { balance: 1n } } });
    expect(existing.gasUsed).toBe(gas - 12500n);
    // With STOP the transaction uses 46000 and the refund is capped at 46000 / 5 = 9200.
    const capped = runTx('00', { fork: AFTER, tx: setCode([authorize(DELEGATE)]), pre: { [AUTHORITY]: { balance: 1n } } });
    expect(capped.gasUsed).toBe(46000n - 9200n);
  });

  it('charges 25,000 intrinsic gas per tuple, valid or not', () => {
    const list = [authorize(DELEGATE, { chainId: 5n }), authorize(DELEGATE, { nonce: 7n })];
    const r = runTx('00', { fork: AFTER, tx: setCode(list) });
    expect(r.result.status).toBe('success');
    expect(r.gasUsed).toBe(21000n + 2n * PER_AUTH);
    expect(r.state.exists(AUTHORITY)).toBe(false); // both skipped (wrong chain, wrong nonce)
  });

  describe('each authorization rule', () => {
    /** Runs one tuple and reports whether it was applied (the authority's code and nonce changed). */
    function applied(auth: Authorization, authority: { nonce?: bigint; code?: string; balance?: bigint } = {}): boolean {
      const pre = { ...DELEGATES, [AUTHORITY]: { balance: 1n, ...authority } };
      const r = runTx('00', { fork: AFTER, tx: setCode([auth]), pre });
      expect(r.result.status).toBe('success');
      const nonce = r.state.getNonce(AUTHORITY);
      if (nonce === (authority.nonce ?? 0n)) return false;
      expect(nonce).toBe((authority.nonce ?? 0n) + 1n);
      return true;
    }

    it('chain id: 0 or the chain’s own applies, another is skipped', () => {
      expect(applied(authorize(DELEGATE, { chainId: 0n }))).toBe(true);
      expect(applied(authorize(DELEGATE, { chainId: 1n }))).toBe(true);
      expect(applied(authorize(DELEGATE, { chainId: 2n }))).toBe(false);
    });

    it('nonce: must equal the authority’s, and 2^64 - 1 is skipped', () => {
      expect(applied(authorize(DELEGATE, { nonce: 3n }), { nonce: 3n })).toBe(true);
      expect(applied(authorize(DELEGATE, { nonce: 2n }), { nonce: 3n })).toBe(false);
      const max = (1n << 64n) - 1n;
      expect(applied(authorize(DELEGATE, { nonce: max }), { nonce: max })).toBe(false);
    });

    it('signature: s above n/2, y parity other than 0/1, r = 0 are skipped', () => {
      const good = authorize(DELEGATE);
      expect(applied(good)).toBe(true);
      // (r, n - s) with the other parity is the same signer, but EIP-2 forbids the high s.
      expect(applied({ ...good, s: SECP256K1_N - good.s, yParity: 1 - good.yParity })).toBe(false);
      expect(applied({ ...good, yParity: 2 })).toBe(false);
      expect(applied({ ...good, r: 0n })).toBe(false);
    });

    it('authority code: empty or a designator applies, other code is skipped', () => {
      expect(applied(authorize(DELEGATE), { code: designator(OTHER_DELEGATE) })).toBe(true);
      expect(applied(authorize(DELEGATE), { code: '00' })).toBe(false);
    });

    it('the last applied tuple of an authority wins; a repeated nonce is skipped', () => {
      const pre = DELEGATES;
      const increasing = runTx('00', { fork: AFTER, pre, tx: setCode([authorize(DELEGATE), authorize(OTHER_DELEGATE, { nonce: 1n })]) });
      expect(increasing.state.getCode(AUTHORITY)).toEqual(designatorFor(OTHER_DELEGATE));
      expect(increasing.state.getNonce(AUTHORITY)).toBe(2n);
      const repeated = runTx('00', { fork: AFTER, pre, tx: setCode([authorize(DELEGATE), authorize(OTHER_DELEGATE)]) });
      expect(repeated.state.getCode(AUTHORITY)).toEqual(designatorFor(DELEGATE));
      expect(repeated.state.getNonce(AUTHORITY)).toBe(1n);
    });

    it('delegating to the zero address clears the code', () => {
      const r = runTx('00', { fork: AFTER, tx: setCode([authorize(ZERO)]), pre: { [AUTHORITY]: { code: designator(DELEGATE) } } });
      expect(r.state.getCode(AUTHORITY).length).toBe(0);
      expect(r.state.getNonce(AUTHORITY)).toBe(1n);
    });

    it('the authority is warm even when a later check skips the tuple', () => {
      // CONTRACT: BALANCE(AUTHORITY) POP = 3 + 100 warm (2600 cold) + 2.
      const code = ins(Op.BALANCE, AUTHORITY) + op(Op.POP);
      const skipped = runTx(code, { fork: AFTER, tx: setCode([authorize(DELEGATE, { nonce: 9n })]) });
      expect(skipped.gasUsed).toBe(21000n + PER_AUTH + 3n + 100n + 2n);
      // A tuple for another chain is skipped before recovery: the authority stays cold.
      const other = runTx(code, { fork: AFTER, tx: setCode([authorize(DELEGATE, { chainId: 9n })]) });
      expect(other.gasUsed).toBe(21000n + PER_AUTH + 3n + 2600n + 2n);
    });

    it('a reverting transaction keeps the delegation, the nonce bump and the refund', () => {
      // REVERT(0, 0): 6. 21000 + 25000 + 6 = 46006, refund min(12500, 46006 / 5 = 9201).
      const r = runTx(revert(0, 0), { fork: AFTER, tx: setCode([authorize(DELEGATE)]), pre: { [AUTHORITY]: { balance: 1n } } });
      expect(r.result.status).toBe('revert');
      expect(r.state.getCode(AUTHORITY)).toEqual(designatorFor(DELEGATE));
      expect(r.state.getNonce(AUTHORITY)).toBe(1n);
      expect(r.gasUsed).toBe(46006n - 9201n);
    });

    it('a self-sponsored tuple needs the nonce after the sender’s bump', () => {
      const key = hexToBytes('00'.repeat(31) + 'b2');
      const sender = privateKeyToAddress(key);
      const sign = (nonce: bigint) => signAuthorization({ chainId: 1n, address: DELEGATE, nonce }, key);
      const pre = { [sender]: { balance: SENDER_BALANCE } };
      const stale = runTx('00', { fork: AFTER, pre, tx: setCode([sign(0n)], { sender }) });
      expect(stale.state.getCode(sender).length).toBe(0);
      const fresh = runTx('00', { fork: AFTER, pre, tx: setCode([sign(1n)], { sender }) });
      expect(fresh.state.getCode(sender)).toEqual(designatorFor(DELEGATE));
      expect(fresh.state.getNonce(sender)).toBe(2n);
    });
  });

  it('rejects an empty list, a creation and fields out of range', () => {
    expect(runTx('00', { fork: AFTER, tx: setCode([]) }).result.error).toMatch(/^TR_EMPTYAUTH/);
    expect(runTx('00', { fork: AFTER, tx: setCode([authorize(DELEGATE)], { to: null }) }).result.error).toMatch(/^TR_SETCODECREATE/);
    const big = { ...authorize(DELEGATE), nonce: 1n << 64n };
    expect(runTx('00', { fork: AFTER, tx: setCode([big]) }).result.error).toMatch(/^TR_AUTHFIELD: authorization 0: nonce/);
  });
});

describe('Prague, EIP-7702: delegated execution', () => {
  const DELEGATED = { ...DELEGATES, [AUTHORITY]: { code: designator(DELEGATE) } };

  it('a transaction to a delegated account runs the delegate’s code on the authority, the delegate warmed for free', () => {
    // 21000 + SSTORE(1, 1) cold on a zero slot (22106). Before Prague the designator is code: 0xef halts.
    const before = runTx('00', { fork: BEFORE, pre: DELEGATED, tx: { to: AUTHORITY } });
    expect(before.result.status).toBe('halt');
    expect(before.gasUsed).toBe(TX_GAS);
    const after = runTx('00', { fork: AFTER, pre: DELEGATED, tx: { to: AUTHORITY } });
    expect(after.result.status).toBe('success');
    expect(after.gasUsed).toBe(21000n + 22106n);
    expect(after.state.getStorage(AUTHORITY, 1n)).toBe(1n);
    expect(after.state.getStorage(DELEGATE, 1n)).toBe(0n);
  });

  it('CALL charges the delegate’s access, 2,600 cold and 100 warm, on top of the callee’s', () => {
    // CALL(0, AUTHORITY, 0, 0, 0, 0, 0) POP: 7 pushes (21) + 100 + 2500 (AUTHORITY cold) + 2 = 2623, plus 2600 for the
    // cold delegate in Prague. A second identical call: 21 + 100 + 100 + 2. STOP at the delegate runs on 0 gas.
    const once = call({ gas: 0, to: AUTHORITY }) + op(Op.POP);
    const pre = { [AUTHORITY]: { code: designator(DELEGATE) }, [DELEGATE]: { code: '00' } };
    expect(runCode(once, { fork: BEFORE, pre }).gasUsed).toBe(2623);
    expect(runCode(once, { fork: AFTER, pre }).gasUsed).toBe(2623 + 2600);
    expect(runCode(once + once, { fork: AFTER, pre }).gasUsed).toBe(2623 + 2600 + 21 + 100 + 100 + 2);
  });

  it('the delegated-access charge comes before the 63/64 cap', () => {
    // CALL(GAS, AUTHORITY, 0, 0, 0, 0, 32) then RETURN(0, 32): the delegate (CALLEE) returns the GAS it sees.
    // Before the CALL: 5 PUSH1 + PUSH20 (18) + GAS (2) = 20; CALL 100 + 3 (one memory word) + 2500 + 2600.
    // available = 1,000,000 - 20 - 100 - 3 - 5100 = 994,777; the callee gets 994,777 - 994,777 / 64 = 979,234
    // and its GAS reads 979,232.
    const code = call({ to: AUTHORITY, retSize: 32 }) + op(Op.POP) + ret(0, 32);
    const r = runCode(code, { fork: AFTER, pre: { [CALLEE]: { code: op(Op.GAS) + retTop() }, [AUTHORITY]: { code: designator(CALLEE) } } });
    expect(r.status).toBe(Status.Return);
    expect(outputWord(r.output)).toBe(979232n);
    // The frame: 20 + 5203 for the CALL, the callee's 17 (GAS + retTop), POP 2, RETURN's pushes 6.
    expect(r.gasUsed).toBe(20 + 5203 + CALLEE_GAS + 2 + 6);
  });

  it('CALLCODE, DELEGATECALL and STATICCALL also run the delegate’s code', () => {
    // The delegate returns ADDRESS: the caller's own address for CALLCODE/DELEGATECALL, AUTHORITY for STATICCALL.
    const pre = { [CALLEE]: { code: mstore(0, op(Op.ADDRESS)) + ret(0, 32) }, [AUTHORITY]: { code: designator(CALLEE) } };
    for (const [make, expected] of [[callcode, CONTRACT], [delegatecall, CONTRACT], [staticcall, AUTHORITY]] as const) {
      const r = runCode(make({ to: AUTHORITY, retSize: 32 }) + op(Op.POP) + ret(0, 32), { fork: AFTER, pre });
      expect(r.status).toBe(Status.Return);
      expect(outputWord(r.output)).toBe(BigInt(expected));
    }
  });

  it('follows one level only: a designator at the delegate is run as code', () => {
    const chain = { ...DELEGATES, [AUTHORITY]: { code: designator(OTHER_DELEGATE) }, [OTHER_DELEGATE]: { code: designator(DELEGATE) } };
    const r = runTx('00', { fork: AFTER, pre: chain, tx: { to: AUTHORITY } });
    expect(r.result.status).toBe('halt'); // 0xef: invalid instruction
    expect(r.state.getStorage(AUTHORITY, 1n)).toBe(0n);
  });

  it('a designator pointing at a precompile runs empty code', () => {
    // IDENTITY (0x04) would echo the 32 input bytes; through the designator the call succeeds with no output.
    const code = mstore(0, 0x1234) + call({ to: AUTHORITY, argsSize: 32 }) + mstore(0) + ins(Op.RETURNDATASIZE) + mstore(32) + ret(0, 64);
    const pre = { [AUTHORITY]: { code: designator(precompile(4)) } };
    const r = runCode(code, { fork: AFTER, pre });
    expect(r.status).toBe(Status.Return);
    expect(hexOf(r.output)).toBe('00'.repeat(31) + '01' + '00'.repeat(32)); // success, RETURNDATASIZE 0
    const direct = runCode(code.replace(AUTHORITY.slice(2), precompile(4).slice(2)), { fork: AFTER });
    expect(hexOf(direct.output)).toBe('00'.repeat(31) + '01' + '00'.repeat(31) + '20');
  });

  it('EXTCODESIZE, EXTCODEHASH and EXTCODECOPY see the 23-byte designator; CODESIZE the delegate’s code', () => {
    const pre = { ...DELEGATES, [AUTHORITY]: { code: designator(DELEGATE) } };
    const size = runCode(ins(Op.EXTCODESIZE, AUTHORITY) + retTop(), { fork: AFTER, pre });
    expect(outputWord(size.output)).toBe(23n);
    const hash = runCode(ins(Op.EXTCODEHASH, AUTHORITY) + retTop(), { fork: AFTER, pre });
    expect(outputWord(hash.output)).toBe(BigInt('0x' + hexOf(keccak256(designatorFor(DELEGATE)))));
    const copy = runCode(ins(Op.EXTCODECOPY, AUTHORITY, 0, 0, 23) + ret(0, 23), { fork: AFTER, pre });
    expect(hexOf(copy.output)).toBe('ef0100' + DELEGATE.slice(2));
    // Delegated execution: CODESIZE is the size of the code that runs, not of the designator.
    const running = op(Op.CODESIZE) + retTop();
    const r = runTx('00', { fork: AFTER, pre: { [AUTHORITY]: { code: designator(DELEGATE) }, [DELEGATE]: { code: running } }, tx: { to: AUTHORITY } });
    expect(outputWord(r.output)).toBe(BigInt(running.length / 2));
  });

  it('a delegated account may send transactions from Prague on (EIP-3607 exception)', () => {
    const pre = { [SENDER]: { balance: SENDER_BALANCE, code: designator(DELEGATE) } };
    expect(runTx('00', { fork: BEFORE, pre }).result.error).toMatch(/^SenderNotEOA/);
    expect(runTx('00', { fork: AFTER, pre }).result.status).toBe('success');
    // Any other code still may not.
    expect(runTx('00', { fork: AFTER, pre: { [SENDER]: { balance: SENDER_BALANCE, code: '00' } } }).result.error).toMatch(/^SenderNotEOA/);
  });
});

describe('Prague, EIP-7623: calldata floor', () => {
  /** 100 non-zero bytes: 400 tokens; floor 21000 + 10 · 400 = 25000; intrinsic 21000 + 16 · 100 = 22600. */
  const data = hexToBytes('ff'.repeat(100));

  it('a gas limit below the floor is invalid from Prague on', () => {
    expect(runTx('00', { fork: BEFORE, tx: { data, gasLimit: 24_999n } }).result.status).toBe('success');
    const r = runTx('00', { fork: AFTER, tx: { data, gasLimit: 24_999n } });
    expect(r.result.status).toBe('invalid');
    expect(r.result.error).toMatch(/^TR_IntrinsicGasBelowFloor: calldata floor 25000/);
    expect(runTx('00', { fork: AFTER, tx: { data, gasLimit: 25_000n } }).result.status).toBe('success');
  });

  it('a transaction that used less pays the floor', () => {
    expect(runTx('00', { fork: BEFORE, tx: { data } }).gasUsed).toBe(22600n);
    const r = runTx('00', { fork: AFTER, tx: { data } });
    expect(r.gasUsed).toBe(25000n);
    expect(r.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 25000n * 10n);
    expect(r.state.getBalance(COINBASE)).toBe(25000n * (10n - 7n)); // the base fee of 7 is burned
  });

  it('the floor applies after the refund', () => {
    // SSTORE(1, 0) on slot 1 = 1, cold: 6 + 2100 + 2900 = 5006, refund 4800. Used 22600 + 5006 = 27606, less the
    // refund 22806. Cancun: 22806. Prague: max(22806, 25000) = 25000 (the floor before the refund would give 22806).
    const code = sstore(1, 0);
    expect(runTx(code, { fork: BEFORE, tx: { data }, storage: { '1': 1n } }).gasUsed).toBe(22806n);
    expect(runTx(code, { fork: AFTER, tx: { data }, storage: { '1': 1n } }).gasUsed).toBe(25000n);
  });

  it('does not touch a transaction whose execution costs more than its floor', () => {
    // A zero byte is one token: 21000 + 10 ≤ 21000 + 4 + 22106.
    const r = runTx(sstore(1, 1), { fork: AFTER, tx: { data: hexToBytes('00') } });
    expect(r.gasUsed).toBe(21004n + 22106n);
  });
});

describe('Prague, EIP-7691: blob schedule', () => {
  const HASH = hexToBytes('01' + 'ab'.repeat(31));
  const blobs = (n: number): TxFields => ({
    type: 3,
    gasPrice: undefined,
    maxFeePerGas: 10n,
    maxPriorityFeePerGas: 1n,
    maxFeePerBlobGas: 100n,
    blobVersionedHashes: Array.from({ length: n }, () => HASH),
  });

  it('BLOBBASEFEE follows the fork’s update fraction', () => {
    // fake_exponential(1, 10,000,000, 3,338,477) = 19; with 5,007,716: 7.
    const code = op(Op.BLOBBASEFEE) + retTop();
    const env = { excessBlobGas: 10_000_000n };
    expect(outputWord(runTx(code, { fork: BEFORE, env }).output)).toBe(19n);
    expect(outputWord(runTx(code, { fork: AFTER, env }).output)).toBe(7n);
    expect(outputWord(runTx(code, { fork: Fork.Osaka, env }).output)).toBe(7n); // inherited
    // A chain's own schedule (a fixture's config.blobSchedule) replaces the fork's.
    const own = { ...env, blobSchedule: { target: 3, max: 6, baseFeeUpdateFraction: 3338477n } };
    expect(outputWord(runTx(code, { fork: AFTER, env: own }).output)).toBe(19n);
  });

  it('a block holds 6 blobs before and 9 from Prague on', () => {
    expect(runTx('00', { fork: BEFORE, tx: blobs(6) }).result.status).toBe('success');
    expect(runTx('00', { fork: BEFORE, tx: blobs(7) }).result.error).toMatch(/^TR_BLOBLIST_OVERSIZE: 7 blobs, at most 6/);
    expect(runTx('00', { fork: AFTER, tx: blobs(9) }).result.status).toBe('success');
    expect(runTx('00', { fork: AFTER, tx: blobs(10) }).result.error).toMatch(/^TR_BLOBLIST_OVERSIZE: 10 blobs, at most 9/);
    const own = { blobSchedule: { target: 1, max: 2, baseFeeUpdateFraction: 5007716n } };
    expect(runTx('00', { fork: AFTER, tx: blobs(3), env: own }).result.error).toMatch(/at most 2/);
  });

  it('the sender pays blob gas at the blob base fee', () => {
    // Excess 0: blob base fee 1 in both forks; 2 blobs = 262144 blob gas.
    const r = runTx('00', { fork: AFTER, tx: blobs(2) });
    expect(r.gasUsed).toBe(21000n);
    expect(r.state.getBalance(SENDER)).toBe(SENDER_BALANCE - 21000n * PRICE - 2n * 131072n);
  });
});
