/**
 * System calls: calls the protocol makes into system contracts at the start and end of a block, from
 * SYSTEM_ADDRESS with 30,000,000 gas, outside any transaction (no gas counted, no fee, no nonce). The
 * contracts are data, sorted by when they run, as in evmone's `system_contracts.cpp`.
 */
import { Fork } from '../forks/fork.js';
import { parseAddress, type Address } from '../primitives/address.js';
import type { WorldState } from '../state/world.js';
import { isSuccess } from '../evm/status.js';
import { startFrame } from '../transition/start.js';
import type { BlockEnv } from '../transition/types.js';

/** The caller of every system call. */
export const SYSTEM_ADDRESS: Address = parseAddress('0xfffffffffffffffffffffffffffffffffffffffe');
/** The gas every system call gets. */
export const SYSTEM_CALL_GAS = 30_000_000n;

/** What a system call sends: the parent beacon block root, the parent hash, or nothing. */
export type SystemInput = 'parentBeaconBlockRoot' | 'parentHash' | 'none';

/** One system contract. */
export interface SystemContract {
  readonly eip: string;
  readonly address: Address;
  readonly since: Fork;
  /** `pre`: before the transactions; `post`: after the withdrawals, collecting requests. */
  readonly phase: 'pre' | 'post';
  readonly input: SystemInput;
  /** EIP-7685 request type of the call's output; a `post` call must have code and succeed (else the block is invalid). */
  readonly requestType?: number;
}

/** Every system contract, in the order they are called. */
export const SYSTEM_CONTRACTS: readonly SystemContract[] = [
  { eip: 'EIP-4788', address: parseAddress('0x000f3df6d732807ef1319fb7b8bb8522d0beac02'), since: Fork.Cancun, phase: 'pre', input: 'parentBeaconBlockRoot' },
  { eip: 'EIP-2935', address: parseAddress('0x0000f90827f1c53a10cb7a02335b175320002935'), since: Fork.Prague, phase: 'pre', input: 'parentHash' },
  { eip: 'EIP-7002', address: parseAddress('0x00000961ef480eb55e80d19ad83579a64c007002'), since: Fork.Prague, phase: 'post', input: 'none', requestType: 1 },
  { eip: 'EIP-7251', address: parseAddress('0x0000bbddc7ce488642fb579f8b00f3a590007251'), since: Fork.Prague, phase: 'post', input: 'none', requestType: 2 },
];

/** The system contracts called in `phase` of a block of `fork`. */
export function systemContracts(fork: Fork, phase: 'pre' | 'post'): readonly SystemContract[] {
  return SYSTEM_CONTRACTS.filter((c) => fork >= c.since && c.phase === phase);
}

/** A system call's result: whether the contract had code, whether it succeeded, and its output. */
export interface SystemCallResult {
  readonly hasCode: boolean;
  readonly success: boolean;
  readonly output: Uint8Array;
}

/** Calls a system contract with `data` and ends the call as a transaction ends (EIP-161 touches included). */
export function systemCall(state: WorldState, env: BlockEnv, fork: Fork, contract: SystemContract, data: Uint8Array): SystemCallResult {
  const hasCode = state.getCode(contract.address).length > 0;
  const result = startFrame(state, env, fork, {
    sender: SYSTEM_ADDRESS,
    to: contract.address,
    nonce: 0n,
    value: 0n,
    data,
    gas: SYSTEM_CALL_GAS,
    gasPrice: env.baseFee,
    accessList: [],
    blobHashes: [],
    authorizations: [],
  });
  state.finalizeTransaction(fork >= Fork.SpuriousDragon);
  return { hasCode, success: isSuccess(result.status), output: result.output };
}
