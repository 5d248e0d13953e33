/** The `pre` section of a state test: the accounts before the transaction. */
import type { AccountInit, Alloc } from '../transition/types.js';
import { address, bytes, object, u256, u64 } from './fields.js';

/** Parses `pre` into an allocation; storage keys may be unpadded, zero values are dropped, nonces fit 64 bits. */
export function parsePre(value: unknown): Alloc {
  const pre = object(value, 'pre');
  const alloc = new Map<string, AccountInit>();
  for (const [key, raw] of Object.entries(pre)) {
    const where = `pre.${key}`;
    const addr = address(key, where);
    const acct = object(raw, where);
    const storage = new Map<bigint, bigint>();
    for (const [slot, v] of Object.entries(object(acct.storage ?? {}, `${where}.storage`))) {
      // The key is checked even when the value is zero and the slot is dropped.
      const key = u256(slot, `${where}.storage.${slot}`);
      const value = u256(v, `${where}.storage.${slot}`);
      if (value !== 0n) storage.set(key, value);
    }
    alloc.set(addr, {
      nonce: u64(acct.nonce, `${where}.nonce`), // EIP-2681
      balance: u256(acct.balance, `${where}.balance`),
      code: bytes(acct.code, `${where}.code`),
      storage,
    });
  }
  return alloc;
}
