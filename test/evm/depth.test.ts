/**
 * Nested frames without JavaScript recursion: execute() keeps the frames in an explicit stack and talks to
 * the host through beginCall/endCall, so 1024 nested calls and creates run in this test's thread whatever
 * its stack size (test/cli/depth.test.ts checks the same in fresh `node` processes).
 */
import { describe, expect, it } from 'vitest';
import { CallKind, type CallResult, type FrameInput, type Host, type Message } from '../../src/evm/host.js';
import { execute } from '../../src/evm/interpreter.js';
import { Op } from '../../src/evm/opcodes.js';
import { Status } from '../../src/evm/status.js';
import type { Tracer } from '../../src/evm/tracer.js';
import { Fork } from '../../src/forks/fork.js';
import { EMPTY_BYTES, hexToBytes } from '../../src/primitives/bytes.js';
import { call, ins, mload, mstore, op, ret } from '../helpers/bytecode.js';
import { CREATE_CHAIN, DEEP_GAS, SELF_CALL } from '../helpers/deep.js';
import { CONTRACT, outputWord, runTx } from '../helpers/run.js';

/** Calls itself with all its gas, its output to memory[0, 32); returns that word + 1 (1 when the call failed). */
const COUNT_FRAMES = call({ to: op(Op.ADDRESS), retSize: 32 }) + op(Op.POP) + mstore(0, ins(Op.ADD, mload(0), 1)) + ret(0, 32);

/**
 * A fake host with no state: every account runs `code`, calls beyond depth 1024 fail, nothing else is
 * checked. `log` records the begin/end calls.
 */
function fakeHost(code: Uint8Array, log: string[] = []): Host {
  const zero = '0x0000000000000000000000000000000000000000';
  return {
    context: {
      fork: Fork.Cancun, origin: zero, gasPrice: 0n, coinbase: zero, number: 1n, timestamp: 0n, gasLimit: 0n,
      baseFee: 0n, prevRandao: 0n, chainId: 1n, blobBaseFee: 1n, blobHashes: [],
    },
    accountExists: () => true,
    isDead: () => false,
    getBalance: () => 0n,
    getCode: () => code,
    getCodeHash: () => 0n,
    accessAccount: () => false,
    accessSlot: () => false,
    getStorage: () => 0n,
    getOriginalStorage: () => 0n,
    setStorage: () => {},
    getTransient: () => 0n,
    setTransient: () => {},
    addRefund: () => {},
    emitLog: () => {},
    selfDestruct: () => {},
    isDestructed: () => false,
    blockHash: () => 0n,
    beginCall(message: Message): CallResult | FrameInput {
      log.push(`begin ${message.depth}`);
      if (message.depth > 1024) return { status: Status.CallDepthExceeded, gasLeft: message.gas, output: EMPTY_BYTES };
      return { message, code, checkpoint: message.depth };
    },
    endCall(frame: FrameInput, result: CallResult): CallResult {
      log.push(`end ${frame.checkpoint} ${result.status}`);
      return result;
    },
  };
}

function topMessage(gas: bigint): Message {
  const self = '0x00000000000000000000000000000000000000aa';
  return { kind: CallKind.Call, caller: self, recipient: self, codeAddress: self, value: 0n, input: EMPTY_BYTES, gas, depth: 0, isStatic: false };
}

describe('execute() with nested frames', () => {
  it('runs 1025 frames (depths 0…1024) against a fake host; the call from depth 1024 fails', () => {
    const code = hexToBytes(COUNT_FRAMES);
    const log: string[] = [];
    const result = execute(fakeHost(code, log), topMessage(DEEP_GAS), code);
    expect(result.status).toBe(Status.Return);
    expect(outputWord(result.output)).toBe(1025n);
    // Every begun frame ended, innermost first; the 1025th begin was refused without a frame.
    expect(log.filter((l) => l.startsWith('begin'))).toHaveLength(1025);
    expect(log.filter((l) => l.startsWith('end'))).toHaveLength(1024);
    expect(log.slice(1023, 1027)).toEqual(['begin 1024', 'begin 1025', `end 1024 ${Status.Return}`, `end 1023 ${Status.Return}`]);
    expect(log[log.length - 1]).toBe(`end 1 ${Status.Return}`);
  });

  it('gives the same result and gas traced and untraced, the hooks in order around each call', () => {
    const code = hexToBytes(COUNT_FRAMES);
    const plain = execute(fakeHost(code), topMessage(DEEP_GAS), code);
    const events: string[] = [];
    const tracer: Tracer = {
      onStep: (frame, op) => { if (op === Op.CALL) events.push(`step ${frame.message.depth}`); },
      onStepEnd: (frame, op, _pc, _gas, status) => { if (op === Op.CALL) events.push(`end ${frame.message.depth} ${status}`); },
    };
    const traced = execute(fakeHost(code), topMessage(DEEP_GAS), code, tracer);
    expect(traced).toEqual(plain);
    // Each CALL's onStepEnd comes after the whole child ran: steps go down to 1024, then ends come back up.
    expect(events.slice(1023, 1027)).toEqual(['step 1023', 'step 1024', `end 1024 ${Status.Continue}`, `end 1023 ${Status.Continue}`]);
    expect(events).toHaveLength(2 * 1025);
  });

  it('a frame at depth 1024 cannot call: its CALL pushes 0 at once', () => {
    const code = hexToBytes(COUNT_FRAMES);
    const log: string[] = [];
    const result = execute(fakeHost(code, log), { ...topMessage(100_000n), depth: 1024 }, code);
    expect(outputWord(result.output)).toBe(1n);
    expect(log).toEqual(['begin 1025']);
  });
});

describe('1024 nested frames through the whole transaction pipeline', () => {
  it('the self-calling program stores a success at slots 0…1023 and the failed call at 1024', () => {
    const r = runTx(SELF_CALL, { tx: { gasLimit: DEEP_GAS, data: new Uint8Array(32) }, env: { gasLimit: DEEP_GAS } });
    expect(r.result.status).toBe('success');
    expect(r.state.getStorage(CONTRACT, 0n)).toBe(2n);
    expect(r.state.getStorage(CONTRACT, 1023n)).toBe(2n);
    expect(r.state.getStorage(CONTRACT, 1024n)).toBe(1n);
    expect(r.state.getStorage(CONTRACT, 1025n)).toBe(0n);
  });

  it('a creation whose initcode creates itself again nests 1024 deep', () => {
    const r = runTx('', { tx: { to: null, gasLimit: DEEP_GAS, data: hexToBytes(CREATE_CHAIN) }, env: { gasLimit: DEEP_GAS } });
    expect(r.result.status).toBe('success');
    let address = r.result.createdAddress!;
    let depth = 0;
    for (let slot = r.state.getStorage(address, 0n); slot !== 1n; slot = r.state.getStorage(address, 0n)) {
      address = '0x' + (slot - 1n).toString(16).padStart(40, '0');
      depth++;
    }
    expect(depth).toBe(1024);
    expect(r.state.getNonce(address)).toBe(1n); // its own CREATE (depth 1025) failed before the nonce increment
  });
});
