/**
 * EIP-7702 authorizations: each tuple of a set-code transaction that passes every check writes a delegation
 * designator into its signer's account (the "authority") and bumps the authority's nonce. They are applied
 * after the sender's nonce bump and before the transaction's message, outside its checkpoint, so that a
 * failing transaction does not undo them.
 */
import { designatorFor, isDesignator } from '../evm/delegation.js';
import { type Address, addressToBytes, parseAddress } from '../primitives/address.js';
import { EMPTY_BYTES, bigIntToMinimalBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { rlpEncode } from '../primitives/rlp.js';
import { SECP256K1_N, recoverAddress, signHash } from '../primitives/secp256k1.js';
import type { WorldState } from '../state/world.js';
import type { Authorization } from './types.js';

/** Intrinsic gas per authorization tuple, valid or not (PER_EMPTY_ACCOUNT_COST). */
export const PER_EMPTY_ACCOUNT_COST = 25000;
/** What an authorization costs when its authority already exists; the rest is refunded. */
const PER_AUTH_BASE_COST = 12500;
/** Prefix of the authorization's signed message. */
const MAGIC = 0x05;
/** EIP-2681: an authority's nonce must stay below 2^64 - 1 after the bump. */
const MAX_NONCE = (1n << 64n) - 1n;
/** EIP-2: signatures with s above n/2 are not accepted. */
const HALF_N = SECP256K1_N / 2n;
const ZERO_ADDRESS: Address = parseAddress('0x0000000000000000000000000000000000000000');

/** keccak256(0x05 ‖ rlp([chain_id, address, nonce])): the message an authority signs. */
export function authorizationHash(auth: Authorization): Uint8Array {
  const payload = rlpEncode([bigIntToMinimalBytes(auth.chainId), addressToBytes(auth.address), bigIntToMinimalBytes(auth.nonce)]);
  const message = new Uint8Array(payload.length + 1);
  message[0] = MAGIC;
  message.set(payload, 1);
  return keccak256(message);
}

/** Signs an authorization tuple with `privateKey` (32 bytes): the fields a set-code transaction carries. */
export function signAuthorization(
  fields: Pick<Authorization, 'chainId' | 'address' | 'nonce'>,
  privateKey: Uint8Array,
): Authorization {
  const unsigned = { ...fields, yParity: 0, r: 0n, s: 0n };
  return { ...fields, ...signHash(authorizationHash(unsigned), privateKey) };
}

/** The signer of an authorization, or null for an invalid signature (y parity not 0/1, r or s out of range). */
export function recoverAuthority(auth: Authorization): Address | null {
  if (auth.s > HALF_N) return null;
  return recoverAddress(authorizationHash(auth), auth.yParity, auth.r, auth.s);
}

/**
 * Applies the tuples in order and returns the refund they earn (12,500 per applied tuple whose authority
 * already existed). A tuple that fails a check is skipped; for one authority the last applied tuple wins.
 */
export function applyAuthorizations(state: WorldState, chainId: bigint, list: readonly Authorization[]): number {
  let refund = 0;
  for (const auth of list) {
    if (auth.chainId !== 0n && auth.chainId !== chainId) continue;
    if (auth.nonce >= MAX_NONCE) continue;
    const authority = recoverAuthority(auth);
    if (authority === null) continue;
    state.warmAccount(authority); // EIP-2929, even when a later check fails
    const code = state.getCode(authority);
    if (code.length > 0 && !isDesignator(code)) continue; // only an EOA, or one already delegated
    if (state.getNonce(authority) !== auth.nonce) continue;
    if (state.exists(authority)) refund += PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST;
    // Delegating to the zero address clears the code instead of writing a designator.
    state.setCode(authority, auth.address === ZERO_ADDRESS ? EMPTY_BYTES : designatorFor(auth.address));
    state.setNonce(authority, auth.nonce + 1n);
  }
  return refund;
}
