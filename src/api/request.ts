/**
 * Requests as the everyday API takes them (eth_call's fields, bigint numbers, hex or bytes) and the
 * transaction each becomes: the type chosen from the fields given and the fork, nonce and fees filled in.
 */
import { Fork } from '../forks/fork.js';
import { type Address, parseAddress } from '../primitives/address.js';
import { EMPTY_BYTES, hexToBytes } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { blockBlobBaseFee } from '../transition/gas.js';
import type { AccessListEntry, Authorization, BlockEnv, Transaction, TxType } from '../transition/types.js';

/** Bytes, or the same as a hex string (`0x…`). */
export type BytesLike = Uint8Array | string;

/** An access-list entry as requests take it: addresses as text, storage keys as words. */
export interface AccessListInput {
  readonly address: string;
  readonly storageKeys: readonly bigint[];
}

/**
 * A call or transaction request, with eth_call's fields. Every field is optional: `to` absent (or null)
 * creates a contract from `data`; fees absent mean none for `call` and the defaults for `send`.
 */
export interface CallRequest {
  /** The sender; default the zero address (as eth_call). */
  readonly from?: string;
  readonly to?: string | null;
  /** Call data, or the initcode (with constructor arguments) of a creation. */
  readonly data?: BytesLike;
  readonly value?: bigint;
  /** Gas limit; default the block gas limit for `call`, an estimate for `send` and `deploy`. */
  readonly gas?: bigint;
  /** A legacy price (types 0 and 1). */
  readonly gasPrice?: bigint;
  /** EIP-1559 fees (types 2–4). */
  readonly maxFeePerGas?: bigint;
  readonly maxPriorityFeePerGas?: bigint;
  readonly accessList?: readonly AccessListInput[];
  /** EIP-4844: makes a blob transaction (type 3). */
  readonly blobVersionedHashes?: readonly Uint8Array[];
  readonly maxFeePerBlobGas?: bigint;
  /** EIP-7702: makes a set-code transaction (type 4). */
  readonly authorizationList?: readonly Authorization[];
  /** `send` only; default the sender's nonce. `call` always runs at the sender's nonce, as eth_call does. */
  readonly nonce?: bigint;
  /** Forces the transaction type; default: from the fields and the fork. */
  readonly type?: TxType;
}

/** How a request's missing fields are filled: eth_call's zero fees, or a sendable transaction's. */
export type FillMode = 'call' | 'send';

/** Reads a BytesLike; a bad hex string throws naming `field`. */
export function toBytes(value: BytesLike | undefined, field: string): Uint8Array {
  if (value === undefined) return EMPTY_BYTES;
  if (value instanceof Uint8Array) return value;
  if (typeof value !== 'string') throw new TypeError(`${field}: expected bytes or a 0x-hex string, got ${typeof value}`);
  try {
    return hexToBytes(value);
  } catch (e) {
    throw new TypeError(`${field}: ${(e as Error).message}`);
  }
}

/** Parses an address field; throws naming it. */
export function toAddress(value: string, field: string): Address {
  if (typeof value !== 'string') throw new TypeError(`${field}: expected an address string, got ${typeof value}`);
  try {
    return parseAddress(value);
  } catch (e) {
    throw new TypeError(`${field}: ${(e as Error).message}`);
  }
}

/** The transaction type a request stands for under `fork`. */
function typeOf(req: CallRequest, fork: Fork): TxType {
  if (req.type !== undefined) return req.type;
  if (req.authorizationList !== undefined) return 4;
  if (req.blobVersionedHashes !== undefined) return 3;
  if (req.maxFeePerGas !== undefined || req.maxPriorityFeePerGas !== undefined) return 2;
  const hasAccessList = req.accessList !== undefined && req.accessList.length > 0;
  if (req.gasPrice === undefined && fork >= Fork.London) return 2;
  return hasAccessList && fork >= Fork.Berlin ? 1 : 0;
}

/**
 * The transaction `req` becomes: sender and nonce from the state, fees from the request or, when absent,
 * none (`call`) or the base fee twice plus the tip (`send`; geth's default; tip 0), gas `gas`.
 */
export function toTransaction(req: CallRequest, state: WorldState, env: BlockEnv, fork: Fork, mode: FillMode, gas: bigint): Transaction {
  const sender = toAddress(req.from ?? '0x0000000000000000000000000000000000000000', 'from');
  const to = req.to === undefined || req.to === null ? null : toAddress(req.to, 'to');
  const common = {
    sender,
    nonce: mode === 'send' && req.nonce !== undefined ? req.nonce : state.getNonce(sender),
    gasLimit: gas,
    value: req.value ?? 0n,
    data: toBytes(req.data, 'data'),
  };
  const accessList: AccessListEntry[] = (req.accessList ?? []).map((e, i) => ({
    address: toAddress(e.address, `accessList[${i}].address`),
    storageKeys: e.storageKeys,
  }));
  const type = typeOf(req, fork);
  if (type === 0 || type === 1) {
    const gasPrice = req.gasPrice ?? (mode === 'send' && fork >= Fork.London ? env.baseFee : 0n);
    return type === 0 ? { type, to, gasPrice, ...common } : { type, to, gasPrice, accessList, ...common };
  }
  const tip = req.maxPriorityFeePerGas ?? 0n;
  const fees = { maxPriorityFeePerGas: tip, maxFeePerGas: req.maxFeePerGas ?? (mode === 'send' ? 2n * env.baseFee + tip : tip) };
  if (type === 2) return { type, to, ...fees, accessList, ...common };
  if (to === null) throw new TypeError(`to: a type ${type} transaction cannot create a contract`);
  if (type === 3) {
    const maxFeePerBlobGas = req.maxFeePerBlobGas ?? (mode === 'send' ? 2n * blockBlobBaseFee(env, fork) : 0n);
    return { type, to, ...fees, accessList, maxFeePerBlobGas, blobVersionedHashes: req.blobVersionedHashes ?? [], ...common };
  }
  return { type, to, ...fees, accessList, authorizationList: req.authorizationList ?? [], ...common };
}
