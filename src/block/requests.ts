/**
 * EIP-7685 execution-layer requests (Prague): deposits read from the deposit contract's logs (EIP-6110),
 * then the withdrawal (EIP-7002) and consolidation (EIP-7251) requests the system contracts return.
 */
import { parseAddress, type Address } from '../primitives/address.js';
import { bytesToBigInt, hexToBytes } from '../primitives/bytes.js';
import type { Log } from '../transition/types.js';

/** The mainnet deposit contract (EIP-6110). */
export const DEPOSIT_CONTRACT_ADDRESS: Address = parseAddress('0x00000000219ab540356cbb839cbe05303d7705fa');
/** keccak256 of `DepositEvent(bytes,bytes,bytes,bytes,bytes)`: the first topic of a deposit log. */
export const DEPOSIT_EVENT_TOPIC = bytesToBigInt(hexToBytes('0x649bbc62d0e31342afea4e5cd82d4049e7e1ee912fc0889aa790803be39038c5'));
/** EIP-6110 request type. */
export const DEPOSIT_REQUEST_TYPE = 0;

/** The deposit event's fields: ABI offset of each, and the size its length word must hold. */
const DEPOSIT_FIELDS = [
  { name: 'pubkey', offset: 160, size: 48 },
  { name: 'withdrawal credentials', offset: 256, size: 32 },
  { name: 'amount', offset: 320, size: 8 },
  { name: 'signature', offset: 384, size: 96 },
  { name: 'index', offset: 512, size: 8 },
] as const;
const DEPOSIT_EVENT_BYTES = 576;

/** A deposit log that is not laid out as the deposit contract writes it: the block is invalid. */
export class DepositLayoutError extends Error {}

function word(data: Uint8Array, at: number): bigint {
  return bytesToBigInt(data.subarray(at, at + 32));
}

/** The request data of one deposit log: pubkey ‖ withdrawal credentials ‖ amount ‖ signature ‖ index. */
export function depositData(data: Uint8Array): Uint8Array {
  if (data.length !== DEPOSIT_EVENT_BYTES) throw new DepositLayoutError(`deposit log of ${data.length} bytes, expected ${DEPOSIT_EVENT_BYTES}`);
  const out = new Uint8Array(DEPOSIT_FIELDS.reduce((n, f) => n + f.size, 0));
  let at = 0;
  DEPOSIT_FIELDS.forEach((f, i) => {
    if (word(data, i * 32) !== BigInt(f.offset)) throw new DepositLayoutError(`deposit log: ${f.name} offset is not ${f.offset}`);
    if (word(data, f.offset) !== BigInt(f.size)) throw new DepositLayoutError(`deposit log: ${f.name} size is not ${f.size}`);
    out.set(data.subarray(f.offset + 32, f.offset + 32 + f.size), at);
    at += f.size;
  });
  return out;
}

/** The concatenated deposit data of every deposit log among `logs` (the block's, in order). */
export function depositRequests(logs: readonly Log[], contract: Address = DEPOSIT_CONTRACT_ADDRESS): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const log of logs) {
    if (log.address === contract && log.topics.length > 0 && log.topics[0] === DEPOSIT_EVENT_TOPIC) parts.push(depositData(log.data));
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A request: its type byte, then its data. */
export function typedRequest(type: number, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 1);
  out[0] = type;
  out.set(data, 1);
  return out;
}
