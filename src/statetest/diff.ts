/** Names the first difference between a post-state and a fixture's expected one, for a root mismatch. */
import type { Address } from '../primitives/address.js';
import { bytesToHex } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import type { AccountInit, Alloc } from '../transition/types.js';

const hex = (n: bigint): string => '0x' + n.toString(16);

/**
 * The first account (in address order) whose balance, nonce, code or storage differs, e.g.
 * `0xab…: storage[0x1]: got 0x2, want 0x3`; undefined when the states agree.
 */
export function firstDifference(state: WorldState, expected: Alloc): string | undefined {
  const actual = new Map<Address, AccountInit>();
  for (const [address, account] of state.allAccounts()) {
    const storage = new Map<bigint, bigint>();
    for (const [key, slot] of account.storage) if (slot.current !== 0n) storage.set(key, slot.current);
    actual.set(address, { nonce: account.nonce, balance: account.balance, code: account.code, storage });
  }
  const addresses = [...new Set([...actual.keys(), ...expected.keys()])].sort();
  for (const address of addresses) {
    const got = actual.get(address);
    const want = expected.get(address);
    if (got === undefined) return `${address}: missing, want an account (balance ${hex(want!.balance)}, nonce ${want!.nonce})`;
    if (want === undefined) return `${address}: unexpected account (balance ${hex(got.balance)}, nonce ${got.nonce})`;
    const field = accountDifference(got, want);
    if (field !== undefined) return `${address}: ${field}`;
  }
  return undefined;
}

function accountDifference(got: AccountInit, want: AccountInit): string | undefined {
  if (got.balance !== want.balance) return `balance: got ${hex(got.balance)}, want ${hex(want.balance)}`;
  if (got.nonce !== want.nonce) return `nonce: got ${hex(got.nonce)}, want ${hex(want.nonce)}`;
  const gotCode = bytesToHex(got.code);
  const wantCode = bytesToHex(want.code);
  if (gotCode !== wantCode) return `code: got ${abbreviate(gotCode)}, want ${abbreviate(wantCode)}`;
  const keys = [...new Set([...got.storage.keys(), ...want.storage.keys()])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const key of keys) {
    const g = got.storage.get(key) ?? 0n;
    const w = want.storage.get(key) ?? 0n;
    if (g !== w) return `storage[${hex(key)}]: got ${hex(g)}, want ${hex(w)}`;
  }
  return undefined;
}

/** Long code shortened to its first and last bytes, with its length. */
function abbreviate(code: string): string {
  return code.length <= 2 + 2 * 48 ? code : `${code.slice(0, 34)}…${code.slice(-16)} (${(code.length - 2) / 2} bytes)`;
}
