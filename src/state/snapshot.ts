/**
 * Dumping and loading a whole state as a compact binary snapshot for large states (genesis-style alloc JSON,
 * geth's `--prestate` format, is alloc.ts's). Bytes in, bytes out: files are the caller's.
 *
 * Snapshot format, version 1 (integers marked varint are unsigned LEB128; a "number" is one length byte
 * 0..32 followed by that many big-endian bytes, no leading zero):
 *
 *   magic     8 bytes  "EVMKSNAP"
 *   version   1 byte   1
 *   root      32 bytes the state root of the saved state
 *   codes     varint count, then per code: varint length, bytes      (each distinct code once)
 *   accounts  varint count, then per account, by address:
 *             address 20 bytes, nonce number, balance number, code varint (0: none, i: codes[i - 1]),
 *             varint slot count, then per non-zero slot by key: key number, value number
 *   checksum  32 bytes keccak256 of everything before it
 */
import { addressFromBytes, addressToBytes, type Address } from '../primitives/address.js';
import { bigIntToBytes, bigIntToMinimalBytes, bytesEqual, bytesToBigInt, bytesToHex } from '../primitives/bytes.js';
import { keccak256 } from '../primitives/keccak.js';
import type { AccountInit, Alloc } from './alloc.js';
import { WorldState } from './world.js';

const MAGIC = new TextEncoder().encode('EVMKSNAP');
const VERSION = 1;

/** A snapshot that cannot be read: names what is wrong and at which byte. */
export class SnapshotError extends Error {}

/** True when `bytes` start like a snapshot (rather than, say, JSON). */
export function isSnapshot(bytes: Uint8Array): boolean {
  return bytes.length >= MAGIC.length && bytesEqual(bytes.subarray(0, MAGIC.length), MAGIC);
}

/** The snapshot of a state held wholly in memory. */
export function encodeSnapshot(state: WorldState): Uint8Array {
  const alloc = state.toAlloc();
  const out = new Writer();
  out.bytes(MAGIC);
  out.byte(VERSION);
  out.bytes(state.root());
  const codeIndex = new Map<string, number>();
  const codes: Uint8Array[] = [];
  for (const account of alloc.values()) {
    if (account.code.length === 0) continue;
    const hash = bytesToHex(keccak256(account.code));
    if (!codeIndex.has(hash)) {
      codes.push(account.code);
      codeIndex.set(hash, codes.length);
    }
  }
  out.varint(codes.length);
  for (const code of codes) {
    out.varint(code.length);
    out.bytes(code);
  }
  out.varint(alloc.size);
  for (const [address, account] of alloc) {
    out.bytes(addressToBytes(address));
    out.number(account.nonce);
    out.number(account.balance);
    out.varint(account.code.length === 0 ? 0 : codeIndex.get(bytesToHex(keccak256(account.code)))!);
    out.varint(account.storage.size);
    for (const [key, value] of account.storage) {
      out.number(key);
      out.number(value);
    }
  }
  out.bytes(keccak256(out.result()));
  return out.result();
}

/** The accounts and recorded state root of a snapshot; throws SnapshotError naming the fault and its offset. */
export function decodeSnapshot(input: Uint8Array): { alloc: Alloc; stateRoot: Uint8Array } {
  // A plain view (a Node Buffer's slice() would not copy the code below).
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (!isSnapshot(bytes)) throw new SnapshotError('not an evmkit snapshot (it does not start with "EVMKSNAP")');
  if (bytes.length < MAGIC.length + 1 + 32 + 32) throw new SnapshotError(`truncated: ${bytes.length} bytes is shorter than any snapshot`);
  const body = bytes.subarray(0, bytes.length - 32);
  if (!bytesEqual(keccak256(body), bytes.subarray(bytes.length - 32))) throw new SnapshotError('checksum mismatch: the file is damaged or truncated');
  const r = new Reader(body);
  r.skip(MAGIC.length);
  const version = r.byte('version');
  if (version !== VERSION) throw new SnapshotError(`unsupported snapshot version ${version} (this evmkit reads version ${VERSION})`);
  const stateRoot = r.take(32, 'state root').slice();
  const codes: Uint8Array[] = [];
  const codeCount = r.varint('code count');
  for (let i = 0; i < codeCount; i++) codes.push(r.take(r.varint(`code ${i} length`), `code ${i}`).slice());
  const alloc = new Map<Address, AccountInit>();
  const accountCount = r.varint('account count');
  let previous = '';
  for (let i = 0; i < accountCount; i++) {
    const address = addressFromBytes(r.take(20, `account ${i} address`));
    if (address <= previous) throw new SnapshotError(`account ${i} (${address}) is out of order or repeated at byte ${r.at - 20}`);
    previous = address;
    const nonce = r.number(`account ${i} nonce`);
    const balance = r.number(`account ${i} balance`);
    const codeRef = r.varint(`account ${i} code`);
    if (codeRef > codes.length) throw new SnapshotError(`account ${i} refers to code ${codeRef} of ${codes.length} at byte ${r.at}`);
    const storage = new Map<bigint, bigint>();
    const slotCount = r.varint(`account ${i} slot count`);
    for (let j = 0; j < slotCount; j++) storage.set(r.number(`account ${i} slot ${j} key`), r.number(`account ${i} slot ${j} value`));
    alloc.set(address, { nonce, balance, code: codeRef === 0 ? new Uint8Array(0) : codes[codeRef - 1]!, storage });
  }
  if (r.at !== body.length) throw new SnapshotError(`${body.length - r.at} unexpected bytes after the last account at byte ${r.at}`);
  return { alloc, stateRoot };
}

/**
 * A new world state from snapshot bytes (SnapshotError when they are not a valid snapshot). Reading and
 * writing files is the caller's: the library stays free of node: modules (docs/ARCHITECTURE.md).
 */
export function stateFromSnapshot(bytes: Uint8Array): WorldState {
  return WorldState.fromAlloc(decodeSnapshot(bytes).alloc);
}

/** A growing byte buffer. */
class Writer {
  private buffer = new Uint8Array(1 << 16);
  private length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    const next = new Uint8Array(Math.max(this.buffer.length * 2, this.length + n));
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buffer[this.length++] = b;
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }

  varint(n: number): void {
    for (; n >= 0x80; n = Math.floor(n / 0x80)) this.byte((n % 0x80) | 0x80);
    this.byte(n);
  }

  number(n: bigint): void {
    const b = n === 0n ? new Uint8Array(0) : bigIntToMinimalBytes(n);
    this.byte(b.length);
    this.bytes(b);
  }

  result(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }
}

/** Reads a snapshot body; every read names what it reads, for the error. */
class Reader {
  at = 0;
  constructor(private readonly data: Uint8Array) {}

  skip(n: number): void {
    this.at += n;
  }

  byte(what: string): number {
    if (this.at >= this.data.length) throw new SnapshotError(`truncated: ${what} expected at byte ${this.at}`);
    return this.data[this.at++]!;
  }

  take(n: number, what: string): Uint8Array {
    if (this.at + n > this.data.length) throw new SnapshotError(`truncated: ${what} (${n} bytes) expected at byte ${this.at}`);
    const out = this.data.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }

  varint(what: string): number {
    const start = this.at;
    let n = 0;
    for (let scale = 1; ; scale *= 0x80) {
      const b = this.byte(what);
      n += (b & 0x7f) * scale;
      if (b < 0x80) break;
      if (scale > 2 ** 42) throw new SnapshotError(`${what}: varint too long at byte ${start}`);
    }
    return n;
  }

  number(what: string): bigint {
    const start = this.at;
    const length = this.byte(what);
    if (length > 32) throw new SnapshotError(`${what}: a number of ${length} bytes (at most 32) at byte ${start}`);
    const b = this.take(length, what);
    if (length > 0 && b[0] === 0) throw new SnapshotError(`${what}: a number with a leading zero byte at byte ${start}`);
    return bytesToBigInt(b);
  }
}
