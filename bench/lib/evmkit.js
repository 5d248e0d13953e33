/**
 * Runs a program through evmkit the way @ethereumjs/evm's runCode does: a depth-0 CALL message to the
 * contract holding the code, on a fresh world state (only snailtracer touches storage, and each run must
 * start from empty storage with cold slots so that its gas is the reference's).
 */
import * as evmkit from '../../dist/index.js';
import { CALLER, CONTRACT, GAS_LIMIT } from './cases.js';

/** CallKind.Call (a literal, so the bench also runs older builds, where CallKind was a const enum). */
const CALL = 0;

/** The block context; `fork` is Cancun (the reference's fork) unless a runner asks for another. */
const context = {
  fork: evmkit.Fork.Cancun,
  origin: CALLER,
  gasPrice: 0n,
  coinbase: '0x0000000000000000000000000000000000000000',
  number: 1n,
  timestamp: 0n,
  gasLimit: GAS_LIMIT,
  baseFee: 7n,
  prevRandao: 0n,
  chainId: 1n,
  blobBaseFee: 1n,
  blobHashes: [],
};

/**
 * Returns a function that executes `code` with `input` once and returns {status, gasUsed, output}, under
 * `fork` (default Cancun, the fork the programs are compared with @ethereumjs/evm in).
 */
export function evmkitRunner(code, input, tracer = null, fork = context.fork) {
  return runnerOf(evmkit, code, input, tracer, fork);
}

/** evmkitRunner on another build of the library (`lib`: its index.js module), e.g. a patched copy. */
export function runnerOf(lib, code, input, tracer = null, fork = context.fork, storage = new Map()) {
  const forkContext = { ...context, fork };
  const { StateHost, WorldState, isSuccess, isExceptional } = lib;
  const account = { nonce: 1n, balance: 0n, code, storage };
  const alloc = new Map([[CONTRACT, account]]);
  const message = {
    kind: CALL,
    caller: CALLER,
    recipient: CONTRACT,
    codeAddress: CONTRACT,
    value: 0n,
    input,
    gas: GAS_LIMIT,
    depth: 0,
    isStatic: false,
  };
  return () => {
    const state = WorldState.fromAlloc(alloc);
    // As in a transaction (EIP-2929): sender and recipient start warm.
    state.warmAccount(CALLER);
    state.warmAccount(CONTRACT);
    const host = new StateHost(state, forkContext, () => 0n, tracer);
    const r = host.call(message);
    return {
      status: isSuccess(r.status) ? 'success' : isExceptional(r.status) ? 'halt' : 'revert',
      gasUsed: GAS_LIMIT - r.gasLeft,
      output: r.output,
    };
  };
}
