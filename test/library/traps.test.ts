/**
 * The silent traps of issue 14, each now behaving as a user expects: a checkpoint around a transaction,
 * storage set before a transaction, checksummed and lower-case addresses, malformed addresses, a type-2
 * transaction without fees (its type-level half is test/package/consumer/program.ts), BLOCKHASH defaults.
 */
import { describe, expect, it } from 'vitest';
import {
  AddressError,
  allocToJson,
  Fork,
  WorldState,
  blockEnv,
  bytesToHex,
  executeTransaction,
  parseAddress,
  parseAlloc,
  stateRoot,
  toChecksumAddress,
  type Address,
  type Transaction,
} from '../../src/index.js';

const SENDER = parseAddress('0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b');
const CHECKSUMMED = '0xa94f5374Fce5edBC8E2a8697C15331677e6EbF0B';
const CONTRACT = parseAddress('0x1000000000000000000000000000000000000000');
/** PUSH1 2 PUSH1 0 SSTORE: writes 2 into slot 0. */
const STORE_TWO = '0x6002600055';

function funded(code = STORE_TWO, storage: Record<string, string> = {}): WorldState {
  return WorldState.fromAlloc(
    parseAlloc({
      [SENDER]: { balance: '0x0de0b6b3a7640000' },
      [CONTRACT]: { balance: '0x0', code, storage },
    }),
  );
}

function call(nonce = 0n): Transaction {
  return { type: 2, sender: SENDER, to: CONTRACT, nonce, gasLimit: 100_000n, value: 0n, data: new Uint8Array(0), maxFeePerGas: 10n, maxPriorityFeePerGas: 1n };
}

describe('a checkpoint around a transaction', () => {
  it('checkpoint() before and revert() after undo the whole transaction', () => {
    const state = funded();
    const before = bytesToHex(stateRoot(state));
    const cp = state.checkpoint();
    const result = executeTransaction(state, blockEnv(), call(), Fork.Osaka);
    expect(result.status).toBe('success');
    expect(state.getStorage(CONTRACT, 0n)).toBe(2n);
    expect(bytesToHex(stateRoot(state))).not.toBe(before);
    state.revert(cp);
    expect(state.getStorage(CONTRACT, 0n)).toBe(0n);
    expect(state.getNonce(SENDER)).toBe(0n);
    expect(bytesToHex(stateRoot(state))).toBe(before);
    // The same transaction runs again from the restored state, with the same gas.
    expect(executeTransaction(state, blockEnv(), call(), Fork.Osaka).gasUsed).toBe(result.gasUsed);
  });
  it('a checkpoint kept with release() keeps the transactions', () => {
    const state = funded();
    const cp = state.checkpoint();
    executeTransaction(state, blockEnv(), call(), Fork.Osaka);
    state.release(cp);
    expect(state.getStorage(CONTRACT, 0n)).toBe(2n);
    expect(() => state.revert(cp)).toThrow(/unknown or released savepoint/);
  });
});

describe('storage set before a transaction', () => {
  it('setStorage between transactions sets the original value too, so SSTORE is priced as on a state that held it', () => {
    const set = funded();
    set.setStorage(CONTRACT, 0n, 1n);
    expect(set.getOriginalStorage(CONTRACT, 0n)).toBe(1n);
    const loaded = funded(STORE_TWO, { '0x00': '0x01' });
    const a = executeTransaction(set, blockEnv(), call(), Fork.Osaka);
    const b = executeTransaction(loaded, blockEnv(), call(), Fork.Osaka);
    // 21000 + 2 × PUSH1 + SSTORE of a cold slot whose original is 1 (EIP-2929 2100 + EIP-2200 reset 2900).
    expect(a.gasUsed).toBe(26_006n);
    expect(b.gasUsed).toBe(26_006n);
    expect(bytesToHex(stateRoot(set))).toBe(bytesToHex(stateRoot(loaded)));
  });
  it('putAccount sets a whole account with its storage as original values, and not inside a transaction', () => {
    const state = funded();
    state.putAccount(CONTRACT, { code: Uint8Array.from([0x60, 0x02, 0x60, 0x00, 0x55]), storage: new Map([[0n, 1n]]) });
    expect(state.getOriginalStorage(CONTRACT, 0n)).toBe(1n);
    expect(executeTransaction(state, blockEnv(), call(), Fork.Osaka).gasUsed).toBe(26_006n);
    state.beginTransaction();
    expect(() => state.putAccount(CONTRACT)).toThrow('WorldState.putAccount: a transaction is running');
  });
  it('allocToJson(state.toAlloc()) dumps the state in the genesis format, and parseAlloc reads it back', () => {
    const state = funded();
    executeTransaction(state, blockEnv(), call(), Fork.Osaka);
    const json = allocToJson(state.toAlloc());
    expect(json[CONTRACT]).toEqual({
      balance: '0x0',
      nonce: '0x0',
      code: STORE_TWO,
      storage: { ['0x' + '0'.repeat(64)]: '0x' + '0'.repeat(63) + '2' },
    });
    expect(bytesToHex(stateRoot(WorldState.fromAlloc(parseAlloc(JSON.parse(JSON.stringify(json))))))).toBe(bytesToHex(stateRoot(state)));
  });
});

describe('checksummed and lower-case addresses', () => {
  it('name the same account', () => {
    expect(parseAddress(CHECKSUMMED)).toBe(SENDER);
    expect(toChecksumAddress(SENDER)).toBe(CHECKSUMMED);
    const state = WorldState.fromAlloc(parseAlloc({ [CHECKSUMMED]: { balance: '0x5' } }));
    expect(state.getBalance(SENDER)).toBe(5n);
    expect([...state.allAccounts()].map(([a]) => a)).toEqual([SENDER]);
  });
  it('a wrong checksum is rejected, naming the right one; all upper case carries none', () => {
    expect(() => parseAddress('0xA94f5374Fce5edBC8E2a8697C15331677e6EbF0B')).toThrow(
      "invalid address checksum '0xA94f5374Fce5edBC8E2a8697C15331677e6EbF0B' (EIP-55): expected 0xa94f5374Fce5edBC8E2a8697C15331677e6EbF0B",
    );
    expect(parseAddress('0xA94F5374FCE5EDBC8E2A8697C15331677E6EBF0B')).toBe(SENDER);
  });
  it('both spellings in one allocation are one account given twice', () => {
    expect(() => parseAlloc({ [CHECKSUMMED]: { balance: '0x1' }, [SENDER]: { balance: '0x2' } })).toThrow(
      `alloc.${SENDER}: the account ${SENDER} appears twice`,
    );
  });
});

describe('malformed addresses', () => {
  it.each([
    ['not an address', "invalid address 'not an address': expected 0x followed by 40 hex digits"],
    ['0x1234', "invalid address '0x1234': expected 0x followed by 40 hex digits"],
    ['a94f5374fce5edbc8e2a8697c15331677e6ebf0b', "invalid address 'a94f5374fce5edbc8e2a8697c15331677e6ebf0b': expected 0x followed by 40 hex digits"],
    ['0xa94f5374fce5edbc8e2a8697c15331677e6ebf0g', "invalid address '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0g': expected 0x followed by 40 hex digits"],
  ])('parseAddress(%j) throws an AddressError', (text, message) => {
    expect(() => parseAddress(text)).toThrow(AddressError);
    expect(() => parseAddress(text)).toThrow(message);
  });
  it('is rejected as an allocation key, naming the field', () => {
    expect(() => parseAlloc({ 'not an address': { balance: '0x1' } })).toThrow(
      "alloc.not an address: invalid address 'not an address': expected 0x followed by 40 hex digits",
    );
  });
  it('is rejected by the state setup entry points and as a transaction field', () => {
    const state = funded();
    expect(() => state.setBalance('not an address' as Address, 1n)).toThrow("WorldState.setBalance: 'not an address' is not an Address");
    expect(() => state.putAccount(CHECKSUMMED as Address)).toThrow('WorldState.putAccount');
    expect(() => WorldState.fromAlloc(new Map([['nope' as Address, { nonce: 0n, balance: 0n, code: new Uint8Array(0), storage: new Map() }]]))).toThrow(
      "WorldState.fromAlloc: 'nope' is not an Address",
    );
    expect(() => executeTransaction(state, blockEnv(), { ...call(), to: CHECKSUMMED as Address }, Fork.Osaka)).toThrow(
      'transaction (type 2): to must be an Address or null (a creation); got the string',
    );
  });
});

describe('a type-2 transaction without fees', () => {
  it('is rejected at run time with a TypeError naming the field, and the state is untouched', () => {
    const state = funded();
    const before = bytesToHex(stateRoot(state));
    const { maxFeePerGas: _fee, maxPriorityFeePerGas: _tip, ...noFees } = call();
    expect(() => executeTransaction(state, blockEnv(), noFees as unknown as Transaction, Fork.Osaka)).toThrow(
      new TypeError('transaction (type 2): maxFeePerGas must be a bigint; it is missing'),
    );
    expect(() => executeTransaction(state, blockEnv(), { ...call(), maxPriorityFeePerGas: 1 } as unknown as Transaction, Fork.Osaka)).toThrow(
      'transaction (type 2): maxPriorityFeePerGas must be a bigint; got number',
    );
    expect(bytesToHex(stateRoot(state))).toBe(before);
  });
});

describe('blockEnv BLOCKHASH', () => {
  /** BLOCKHASH(NUMBER - 1) stored in slot 0. */
  const PARENT_HASH = '0x600143034060005500';
  it('is 0 for every block unless the caller names its hash', () => {
    const unknown = funded(PARENT_HASH);
    executeTransaction(unknown, blockEnv({ number: 10n }), call(), Fork.Osaka);
    expect(unknown.getStorage(CONTRACT, 0n)).toBe(0n);
    const known = funded(PARENT_HASH);
    executeTransaction(known, blockEnv({ number: 10n, blockHashes: new Map([[9n, '0x' + 'ab'.repeat(32)]]) }), call(), Fork.Osaka);
    expect(known.getStorage(CONTRACT, 0n)).toBe(BigInt('0x' + 'ab'.repeat(32)));
  });
  it('rejects a hash that is not 32 bytes when the environment is built', () => {
    expect(() => blockEnv({ blockHashes: new Map([[1n, '0x1234']]) })).toThrow('blockHashes[1]: expected 32 bytes, got 2');
  });
});
