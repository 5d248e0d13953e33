/** The logs hash state tests compare: keccak256(rlp([[address, [topics…], data], …])). */
import { bigIntToBytes, hexToBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode } from '../primitives/rlp.js';
import type { Address } from '../primitives/address.js';

/** A log record. */
export interface Log {
  readonly address: Address;
  readonly topics: readonly bigint[];
  readonly data: Uint8Array;
}

/** keccak256 of the RLP list of logs; with no logs it is 0x1dcc4de8…49347 (the hash of an empty list). */
export function logsHash(logs: readonly Log[]): Uint8Array {
  return keccak256(
    rlpEncode(logs.map((log) => [hexToBytes(log.address), log.topics.map((t) => bigIntToBytes(t, 32)), log.data])),
  );
}
