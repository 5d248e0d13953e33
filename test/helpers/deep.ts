/**
 * Programs that nest frames to the EVM's depth limit (1024 below the transaction's frame), and a state-test
 * fixture around them. Used by test/evm/depth.test.ts and test/cli/depth.test.ts.
 */
import { Op } from '../../src/evm/opcodes.js';
import { calldataload, call, create, ins, mstore, op, sstore } from './bytecode.js';

/**
 * Called with a 32-byte word d (its depth), calls itself with d + 1 and stores CALL's result + 1 at slot d:
 * after a run that reaches the limit, slots 0…1023 hold 2 (the call succeeded) and slot 1024 holds 1 (the
 * call from depth 1024 failed, as the EVM says it must).
 */
export const SELF_CALL =
  mstore(0, ins(Op.ADD, calldataload(0), 1)) +
  call({ to: op(Op.ADDRESS), argsSize: 32 }) +
  sstore(calldataload(0), ins(Op.ADD, '', 1)) +
  op(Op.STOP);

/**
 * Initcode that creates a copy of itself and stores CREATE's result + 1 at slot 0 of the new account: a
 * transaction running it creates 1025 contracts (depths 0…1024), each holding its child's address + 1,
 * except the deepest, which holds 1 (its CREATE, at depth 1025, failed).
 */
export const CREATE_CHAIN =
  ins(Op.CODECOPY, 0, 0, op(Op.CODESIZE)) + create({ size: op(Op.CODESIZE) }) + sstore(0, ins(Op.ADD, '', 1)) + op(Op.STOP);

/**
 * Gas for either program to reach the limit: each level forwards 63/64 of what it has left, so the deepest
 * frame gets ~1e-7 of it, and CREATE's 32000 per level is paid before forwarding.
 */
export const DEEP_GAS = 10n ** 14n;

/** Where SELF_CALL lives in the fixture. */
export const SELF_CALLER = '0x00000000000000000000000000000000000000aa';
export const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
export const COINBASE = '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba';

/**
 * The two transactions as a Cancun state-test file: test `selfCall` (SELF_CALL called with d = 0) and test
 * `createChain` (CREATE_CHAIN as a creation), each expecting the given post-state root.
 */
export function deepFixture(roots: { selfCall: string; createChain: string }): Record<string, unknown> {
  const test = (to: string, data: string, hash: string) => ({
    env: {
      currentCoinbase: COINBASE,
      currentDifficulty: '0x00',
      currentRandom: '0x0000000000000000000000000000000000000000000000000000000000020000',
      currentGasLimit: '0x' + DEEP_GAS.toString(16),
      currentNumber: '0x01',
      currentTimestamp: '0x03e8',
      currentBaseFee: '0x07',
      currentExcessBlobGas: '0x00',
    },
    pre: {
      [SENDER]: { balance: '0x' + (DEEP_GAS * 100n).toString(16), code: '0x', nonce: '0x00', storage: {} },
      [SELF_CALLER]: { balance: '0x00', code: '0x' + SELF_CALL, nonce: '0x00', storage: {} },
    },
    transaction: {
      data: ['0x' + data],
      gasLimit: ['0x' + DEEP_GAS.toString(16)],
      gasPrice: '0x0a',
      nonce: '0x00',
      sender: SENDER,
      to,
      value: ['0x00'],
    },
    post: {
      Cancun: [
        { hash, indexes: { data: 0, gas: 0, value: 0 }, logs: '0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347' },
      ],
    },
  });
  return {
    selfCall: test(SELF_CALLER, '00'.repeat(32), roots.selfCall),
    createChain: test('', CREATE_CHAIN, roots.createChain),
  };
}
