/** Block information: BLOCKHASH … BLOBBASEFEE. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { addressToWord } from '../../primitives/address.js';

/** BLOCKHASH answers only for the 256 most recent complete blocks; zero otherwise. */
export function BLOCKHASH(f: Frame): Status {
  const requested = f.stack[f.sp - 1];
  const current = f.host.context.number;
  f.stack[f.sp - 1] = requested < current && requested + 256n >= current ? f.host.blockHash(requested) : 0n;
  return Status.Continue;
}

export function COINBASE(f: Frame): Status {
  f.stack[f.sp++] = addressToWord(f.host.context.coinbase);
  return Status.Continue;
}

export function TIMESTAMP(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.timestamp;
  return Status.Continue;
}

export function NUMBER(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.number;
  return Status.Continue;
}

/** DIFFICULTY before Paris, PREVRANDAO after (EIP-4399); the context holds the right one for the fork. */
export function PREVRANDAO(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.prevRandao;
  return Status.Continue;
}

export function GASLIMIT(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.gasLimit;
  return Status.Continue;
}

/** EIP-1344 */
export function CHAINID(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.chainId;
  return Status.Continue;
}

/** EIP-3198 */
export function BASEFEE(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.baseFee;
  return Status.Continue;
}

/** EIP-4844: the versioned hash at an index of the transaction's blobs, zero past the end. */
export function BLOBHASH(f: Frame): Status {
  const index = f.stack[f.sp - 1];
  const hashes = f.host.context.blobHashes;
  f.stack[f.sp - 1] = index < BigInt(hashes.length) ? hashes[Number(index)] : 0n;
  return Status.Continue;
}

/** EIP-7516 */
export function BLOBBASEFEE(f: Frame): Status {
  f.stack[f.sp++] = f.host.context.blobBaseFee;
  return Status.Continue;
}
