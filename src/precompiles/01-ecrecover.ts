/** 0x01 ECRECOVER: the address that signed a message hash (Yellow Paper appendix E). */
import type { Precompile } from './types.js';
import { PRECOMPILE_FAILURE } from './types.js';
import { bytesToBigInt, hexToBytes, sliceZeroPadded, EMPTY_BYTES } from '../primitives/bytes.js';
import { recoverAddress } from '../primitives/secp256k1.js';

const ECRECOVER_GAS = 3000;

/** ECRECOVER: input hash ‖ v ‖ r ‖ s (right-padded to 128 bytes); output the signer left-padded to 32 bytes. */
export const ecrecover: Precompile = (input, gasLimit) => {
  if (gasLimit < ECRECOVER_GAS) return PRECOMPILE_FAILURE;
  const data = sliceZeroPadded(input, 0, 128);
  const invalid = { success: true, gasUsed: ECRECOVER_GAS, output: EMPTY_BYTES };
  // v is a whole 32-byte word: 27 or 28 with all high bytes zero; anything else is an
  // invalid signature, which succeeds with empty output rather than failing.
  for (let i = 32; i < 63; i++) if (data[i] !== 0) return invalid;
  const v = data[63];
  if (v !== 27 && v !== 28) return invalid;
  const r = bytesToBigInt(data.subarray(64, 96));
  const s = bytesToBigInt(data.subarray(96, 128));
  const address = recoverAddress(data.subarray(0, 32), v - 27, r, s);
  if (address === null) return invalid;
  const output = new Uint8Array(32);
  output.set(hexToBytes(address), 12);
  return { success: true, gasUsed: ECRECOVER_GAS, output };
};
