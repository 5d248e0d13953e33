/** Plain data the state owns: genesis-style allocations and log records. */
import type { Address } from '../primitives/address.js';

/** One account of a pre-state allocation. */
export interface AccountInit {
  readonly nonce: bigint;
  readonly balance: bigint;
  readonly code: Uint8Array;
  readonly storage: ReadonlyMap<bigint, bigint>;
}

/** Address → account: a genesis-style allocation. */
export type Alloc = ReadonlyMap<Address, AccountInit>;

/** A log record. */
export interface Log {
  readonly address: Address;
  readonly topics: readonly bigint[];
  readonly data: Uint8Array;
}
