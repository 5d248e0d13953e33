/**
 * Signed transactions as blocks carry them: EIP-2718 envelopes (a legacy RLP list, or a type byte and an
 * RLP payload), decoded with sender recovery, encoded and signed. The chain-id and signature rules that
 * depend on the fork (EIP-2, EIP-155) are checked by `signatureRejection`, once the block's fork is known.
 */
import { Fork } from '../forks/fork.js';
import { type Address, addressToBytes } from '../primitives/address.js';
import { bigIntToBytes, bigIntToMinimalBytes, bytesToBigInt } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { type RlpInput, type RlpItem, rlpEncode } from '../primitives/rlp.js';
import { SECP256K1_N, privateKeyToAddress, recoverAddress, signHash } from '../primitives/secp256k1.js';
import type { AccessListEntry, Authorization, Transaction } from '../transition/types.js';
import { addressOf, bytesOf, DecodeError, decodeRlp, fixedBytes, listOf, optionalAddress, u64Of, uintOf } from './rlp-fields.js';

/** A transaction without its sender, as it is before signing. */
export type UnsignedTransaction = Transaction extends infer T ? (T extends Transaction ? Omit<T, 'sender'> : never) : never;

/** The signature: `v` is the y parity (0 or 1) of a typed transaction, or 27/28 or the EIP-155 value of a legacy one. */
export interface TxSignature {
  readonly v: bigint;
  readonly r: bigint;
  readonly s: bigint;
}

/** A signed transaction: the executable transaction (sender recovered), its envelope bytes and hash. */
export interface SignedTransaction {
  readonly tx: Transaction;
  /** The EIP-2718 envelope: the RLP list of a legacy transaction, else the type byte and RLP payload. */
  readonly raw: Uint8Array;
  /** keccak256(raw). */
  readonly hash: Uint8Array;
  /** The chain id it is signed for; undefined for a legacy transaction without EIP-155 replay protection. */
  readonly chainId?: bigint;
  readonly signature: TxSignature;
}

const HALF_N = SECP256K1_N / 2n;
const int = bigIntToMinimalBytes;

function accessListRlp(list: readonly AccessListEntry[] | undefined): RlpInput[] {
  return (list ?? []).map((e) => [addressToBytes(e.address), e.storageKeys.map((k) => bigIntToBytes(k, 32))]);
}

function authorizationRlp(a: Authorization): RlpInput {
  return [int(a.chainId), addressToBytes(a.address), int(a.nonce), int(BigInt(a.yParity)), int(a.r), int(a.s)];
}

/** The fields a transaction signs, in RLP order (EIP-2930, EIP-1559, EIP-4844, EIP-7702 for types 1–4). */
function unsignedFields(tx: UnsignedTransaction, chainId: bigint | undefined): RlpInput[] {
  const to = tx.to === null ? new Uint8Array(0) : addressToBytes(tx.to);
  const common = [int(tx.gasLimit), to, int(tx.value), tx.data];
  switch (tx.type) {
    case 0: {
      const fields = [int(tx.nonce), int(tx.gasPrice), ...common];
      return chainId === undefined ? fields : [...fields, int(chainId), new Uint8Array(0), new Uint8Array(0)]; // EIP-155
    }
    case 1:
      return [int(chainId ?? 0n), int(tx.nonce), int(tx.gasPrice), ...common, accessListRlp(tx.accessList)];
    case 2:
      return [int(chainId ?? 0n), int(tx.nonce), int(tx.maxPriorityFeePerGas), int(tx.maxFeePerGas), ...common, accessListRlp(tx.accessList)];
    case 3:
      return [
        int(chainId ?? 0n), int(tx.nonce), int(tx.maxPriorityFeePerGas), int(tx.maxFeePerGas), ...common, accessListRlp(tx.accessList),
        int(tx.maxFeePerBlobGas), [...tx.blobVersionedHashes],
      ];
    case 4:
      return [
        int(chainId ?? 0n), int(tx.nonce), int(tx.maxPriorityFeePerGas), int(tx.maxFeePerGas), ...common, accessListRlp(tx.accessList),
        tx.authorizationList.map(authorizationRlp),
      ];
  }
}

function envelope(type: number, payload: RlpInput[]): Uint8Array {
  const body = rlpEncode(payload);
  if (type === 0) return body;
  const out = new Uint8Array(body.length + 1);
  out[0] = type;
  out.set(body, 1);
  return out;
}

/** The hash a sender signs: keccak256 of the unsigned envelope. */
export function signingHash(tx: UnsignedTransaction, chainId: bigint | undefined): Uint8Array {
  return keccak256(envelope(tx.type, unsignedFields(tx, chainId)));
}

/** The envelope of a signed transaction. */
export function encodeTransaction(tx: UnsignedTransaction, chainId: bigint | undefined, sig: TxSignature): Uint8Array {
  // A legacy transaction signs its chain id (EIP-155) but carries it only in v.
  const fields = unsignedFields(tx, tx.type === 0 ? undefined : chainId);
  return envelope(tx.type, [...fields, int(sig.v), int(sig.r), int(sig.s)]);
}

/**
 * Signs `tx` with a 32-byte private key for `chainId` (a legacy transaction: EIP-155 unless chainId is
 * undefined) and returns it as a block would carry it.
 */
export function signTransaction(tx: UnsignedTransaction, privateKey: Uint8Array, chainId: bigint | undefined): SignedTransaction {
  const { yParity, r, s } = signHash(signingHash(tx, chainId), privateKey);
  const parity = BigInt(yParity);
  const v = tx.type !== 0 ? parity : chainId === undefined ? 27n + parity : chainId * 2n + 35n + parity;
  const raw = encodeTransaction(tx, chainId, { v, r, s });
  const sender = privateKeyToAddress(privateKey);
  return { tx: { ...tx, sender } as Transaction, raw, hash: keccak256(raw), chainId: tx.type === 0 && chainId === undefined ? undefined : chainId, signature: { v, r, s } };
}

/**
 * Decodes a signed transaction from its envelope and recovers the sender. Throws DecodeError (naming
 * `field`) for malformed RLP, trailing bytes, an unknown type, a field out of range or a signature that
 * recovers no sender.
 */
export function decodeTransaction(raw: Uint8Array, field = 'transaction'): SignedTransaction {
  if (raw.length === 0) throw new DecodeError(field, 'empty transaction');
  const first = raw[0];
  if (first >= 0xc0) return decodeLegacy(raw, listOf(decodeRlp(raw, field), field), field);
  if (first > 0x7f) throw new DecodeError(field, `not a transaction: a byte string where a list or a typed envelope belongs`);
  if (first < 1 || first > 4) throw new DecodeError(`${field}.type`, `transaction type ${first} not supported`);
  const payload = listOf(decodeRlp(raw.subarray(1), field), field);
  return decodeTyped(first as 1 | 2 | 3 | 4, raw, payload, field);
}

/** A transaction as a block body holds it: a list (legacy) or a byte string (typed envelope). */
export function decodeBodyTransaction(item: RlpItem, field: string): SignedTransaction {
  if (Array.isArray(item)) return decodeLegacy(rlpEncode(item), item, field);
  if (item.length > 0 && item[0] >= 0xc0) throw new DecodeError(field, 'a legacy transaction must be a list, not a byte string');
  return decodeTransaction(item, field);
}

function decodeLegacy(raw: Uint8Array, f: RlpItem[], field: string): SignedTransaction {
  if (f.length !== 9) throw new DecodeError(field, `expected 9 fields of a legacy transaction, got ${f.length}`);
  const at = (n: string) => `${field}.${n}`;
  const tx = {
    type: 0 as const,
    nonce: u64Of(f[0], at('nonce')),
    gasPrice: uintOf(f[1], at('gasPrice')),
    gasLimit: u64Of(f[2], at('gasLimit')),
    to: optionalAddress(f[3], at('to')),
    value: uintOf(f[4], at('value')),
    data: bytesOf(f[5], at('data')),
  };
  const sig = signatureOf(f, 6, field);
  let chainId: bigint | undefined;
  let parity: bigint;
  if (sig.v === 27n || sig.v === 28n) parity = sig.v - 27n;
  else if (sig.v >= 35n) {
    chainId = (sig.v - 35n) / 2n; // EIP-155
    parity = (sig.v - 35n) % 2n;
  } else throw new DecodeError(at('v'), `invalid signature v ${sig.v}`);
  return finish(tx, raw, chainId, sig, parity, field);
}

function decodeTyped(type: 1 | 2 | 3 | 4, raw: Uint8Array, f: RlpItem[], field: string): SignedTransaction {
  const at = (n: string) => `${field}.${n}`;
  const counts = { 1: 11, 2: 12, 3: 14, 4: 13 } as const;
  if (f.length !== counts[type]) throw new DecodeError(field, `expected ${counts[type]} fields of a type ${type} transaction, got ${f.length}`);
  const chainId = uintOf(f[0], at('chainId'));
  const nonce = u64Of(f[1], at('nonce'));
  const fees = type === 1 ? { gasPrice: uintOf(f[2], at('gasPrice')) } : { maxPriorityFeePerGas: uintOf(f[2], at('maxPriorityFeePerGas')), maxFeePerGas: uintOf(f[3], at('maxFeePerGas')) };
  const i = type === 1 ? 3 : 4;
  const common = {
    nonce,
    gasLimit: u64Of(f[i], at('gasLimit')),
    to: optionalAddress(f[i + 1], at('to')),
    value: uintOf(f[i + 2], at('value')),
    data: bytesOf(f[i + 3], at('data')),
    accessList: accessListOf(f[i + 4], at('accessList')),
  };
  let tx: UnsignedTransaction;
  if (type === 1 || type === 2) tx = { type, ...common, ...fees } as UnsignedTransaction;
  else {
    if (common.to === null) throw new DecodeError(at('to'), `a type ${type} transaction cannot create a contract`);
    const to: Address = common.to;
    tx = type === 3
      ? {
          type, ...common, to, ...(fees as { maxPriorityFeePerGas: bigint; maxFeePerGas: bigint }),
          maxFeePerBlobGas: uintOf(f[i + 5], at('maxFeePerBlobGas')),
          blobVersionedHashes: listOf(f[i + 6], at('blobVersionedHashes')).map((h, j) => fixedBytes(h, at(`blobVersionedHashes[${j}]`), 32)),
        }
      : {
          type, ...common, to, ...(fees as { maxPriorityFeePerGas: bigint; maxFeePerGas: bigint }),
          authorizationList: listOf(f[i + 5], at('authorizationList')).map((a, j) => authorizationOf(a, at(`authorizationList[${j}]`))),
        };
  }
  const sig = signatureOf(f, f.length - 3, field);
  if (sig.v > 1n) throw new DecodeError(at('yParity'), `y parity must be 0 or 1, got ${sig.v}`);
  return finish(tx, raw, chainId, sig, sig.v, field);
}

function signatureOf(f: RlpItem[], i: number, field: string): TxSignature {
  return { v: uintOf(f[i], `${field}.v`), r: uintOf(f[i + 1], `${field}.r`), s: uintOf(f[i + 2], `${field}.s`) };
}

function accessListOf(item: RlpItem, field: string): AccessListEntry[] {
  return listOf(item, field).map((e, j) => {
    const [address, keys] = listOf(e, `${field}[${j}]`, 2);
    return {
      address: addressOf(address, `${field}[${j}].address`),
      storageKeys: listOf(keys, `${field}[${j}].storageKeys`).map((k, n) => bytesToBigInt(fixedBytes(k, `${field}[${j}].storageKeys[${n}]`, 32))),
    };
  });
}

/** An EIP-7702 tuple; its bounds (nonce below 2^64, y parity below 2^8) are part of the encoding. */
function authorizationOf(item: RlpItem, field: string): Authorization {
  const f = listOf(item, field, 6);
  return {
    chainId: uintOf(f[0], `${field}.chainId`),
    address: addressOf(f[1], `${field}.address`),
    nonce: u64Of(f[2], `${field}.nonce`),
    yParity: Number(uintOf(f[3], `${field}.yParity`, 1)),
    r: uintOf(f[4], `${field}.r`),
    s: uintOf(f[5], `${field}.s`),
  };
}

function finish(tx: UnsignedTransaction, raw: Uint8Array, chainId: bigint | undefined, sig: TxSignature, parity: bigint, field: string): SignedTransaction {
  const sender = recoverAddress(signingHash(tx, chainId), Number(parity), sig.r, sig.s);
  if (sender === null) throw new DecodeError(`${field}.signature`, 'invalid signature: no sender recovers');
  return { tx: { ...tx, sender } as Transaction, raw, hash: keccak256(raw), chainId, signature: sig };
}

/**
 * The fork's rules on a decoded signature and chain id: EIP-2 (Homestead) rejects s above n/2; EIP-155
 * replay-protected legacy transactions exist from Spurious Dragon; any chain id must be the chain's.
 */
export function signatureRejection(signed: SignedTransaction, fork: Fork, chainId: bigint): string | undefined {
  if (fork >= Fork.Homestead && signed.signature.s > HALF_N) return 'invalid signature: s above n/2 (EIP-2)';
  if (signed.tx.type === 0 && signed.chainId !== undefined && fork < Fork.SpuriousDragon) {
    return 'EIP-155 replay-protected transaction before Spurious Dragon';
  }
  if (signed.chainId !== undefined && signed.chainId !== chainId) return `wrong chain id ${signed.chainId}, the chain's is ${chainId}`;
  return undefined;
}
