/**
 * The block header: every fork's fields, its RLP (a list whose length grows with the forks that added
 * fields) and its hash, keccak256 of that RLP.
 */
import { type Address, addressToBytes } from '../primitives/address.js';
import { bigIntToMinimalBytes } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import { type RlpInput, type RlpItem, rlpEncode } from '../primitives/rlp.js';
import { addressOf, bytesOf, DecodeError, fixedBytes, listOf, u64Of, uintOf } from './rlp-fields.js';

/** A block header. Fields a fork added are undefined in blocks of earlier forks. */
export interface BlockHeader {
  readonly parentHash: Uint8Array;
  /** keccak256 of the RLP list of uncle headers ("sha3Uncles"). */
  readonly ommersHash: Uint8Array;
  readonly coinbase: Address;
  readonly stateRoot: Uint8Array;
  readonly transactionsRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  /** 256 bytes. */
  readonly logsBloom: Uint8Array;
  readonly difficulty: bigint;
  readonly number: bigint;
  readonly gasLimit: bigint;
  readonly gasUsed: bigint;
  readonly timestamp: bigint;
  readonly extraData: Uint8Array;
  /** Proof-of-work mix hash; PREVRANDAO from Paris (EIP-4399). */
  readonly mixHash: Uint8Array;
  /** 8 bytes: the proof-of-work nonce; zero from Paris. */
  readonly nonce: Uint8Array;
  /** EIP-1559 (London). */
  readonly baseFeePerGas?: bigint;
  /** EIP-4895 (Shanghai). */
  readonly withdrawalsRoot?: Uint8Array;
  /** EIP-4844 (Cancun). */
  readonly blobGasUsed?: bigint;
  /** EIP-4844 (Cancun). */
  readonly excessBlobGas?: bigint;
  /** EIP-4788 (Cancun). */
  readonly parentBeaconBlockRoot?: Uint8Array;
  /** EIP-7685 (Prague). */
  readonly requestsHash?: Uint8Array;
}

/** The optional fields in the order they follow the fifteen base fields. */
export const OPTIONAL_HEADER_FIELDS = ['baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'] as const;

const BASE_FIELDS = 15;

/** The header as an RLP list; the optional fields up to the last one present. */
export function headerToRlp(h: BlockHeader): RlpInput[] {
  const int = bigIntToMinimalBytes;
  const list: RlpInput[] = [
    h.parentHash, h.ommersHash, addressToBytes(h.coinbase), h.stateRoot, h.transactionsRoot, h.receiptsRoot, h.logsBloom,
    int(h.difficulty), int(h.number), int(h.gasLimit), int(h.gasUsed), int(h.timestamp), h.extraData, h.mixHash, h.nonce,
  ];
  const optional: (RlpInput | undefined)[] = [
    h.baseFeePerGas === undefined ? undefined : int(h.baseFeePerGas),
    h.withdrawalsRoot,
    h.blobGasUsed === undefined ? undefined : int(h.blobGasUsed),
    h.excessBlobGas === undefined ? undefined : int(h.excessBlobGas),
    h.parentBeaconBlockRoot,
    h.requestsHash,
  ];
  for (const [i, v] of optional.entries()) {
    if (v === undefined) {
      if (optional.slice(i).some((later) => later !== undefined)) throw new Error(`header: ${OPTIONAL_HEADER_FIELDS[i]} missing before a later field`);
      break;
    }
    list.push(v);
  }
  return list;
}

/** The RLP encoding of a header. */
export function encodeHeader(h: BlockHeader): Uint8Array {
  return rlpEncode(headerToRlp(h));
}

/** The block hash: keccak256 of the header's RLP. */
export function headerHash(h: BlockHeader): Uint8Array {
  return keccak256(encodeHeader(h));
}

/** Reads a header from its decoded RLP list; `field` prefixes the names in errors (`header`, `uncles[0]`). */
export function headerFromRlp(item: RlpItem, field = 'header'): BlockHeader {
  const f = listOf(item, field);
  if (f.length < BASE_FIELDS || f.length > BASE_FIELDS + OPTIONAL_HEADER_FIELDS.length) {
    throw new DecodeError(field, `expected ${BASE_FIELDS} to ${BASE_FIELDS + OPTIONAL_HEADER_FIELDS.length} fields, got ${f.length}`);
  }
  const at = (name: string) => `${field}.${name}`;
  const hash = (i: number, name: string) => fixedBytes(f[i], at(name), 32);
  const optional = <T>(i: number, read: (item: RlpItem, name: string) => T): T | undefined =>
    i < f.length ? read(f[i], at(OPTIONAL_HEADER_FIELDS[i - BASE_FIELDS])) : undefined;
  return {
    parentHash: hash(0, 'parentHash'),
    ommersHash: hash(1, 'ommersHash'),
    coinbase: addressOf(f[2], at('coinbase')),
    stateRoot: hash(3, 'stateRoot'),
    transactionsRoot: hash(4, 'transactionsRoot'),
    receiptsRoot: hash(5, 'receiptsRoot'),
    logsBloom: fixedBytes(f[6], at('logsBloom'), 256),
    difficulty: uintOf(f[7], at('difficulty')),
    number: u64Of(f[8], at('number')),
    gasLimit: u64Of(f[9], at('gasLimit')),
    gasUsed: u64Of(f[10], at('gasUsed')),
    timestamp: u64Of(f[11], at('timestamp')),
    extraData: bytesOf(f[12], at('extraData')),
    mixHash: hash(13, 'mixHash'),
    nonce: fixedBytes(f[14], at('nonce'), 8),
    baseFeePerGas: optional(15, (i, n) => uintOf(i, n)),
    withdrawalsRoot: optional(16, (i, n) => fixedBytes(i, n, 32)),
    blobGasUsed: optional(17, u64Of),
    excessBlobGas: optional(18, u64Of),
    parentBeaconBlockRoot: optional(19, (i, n) => fixedBytes(i, n, 32)),
    requestsHash: optional(20, (i, n) => fixedBytes(i, n, 32)),
  };
}
