/**
 * Dump and load: state.toAlloc() and genesis JSON, the binary snapshot round trip (same accounts, same root), its
 * errors (named, with the offset), and `evmkit run --prestate` reading a snapshot `--dump.snapshot` wrote.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bytesToHex } from '../../src/primitives/bytes.js';
import { keccak256 } from '../../src/primitives/keccak.js';
import { parsePre } from '../../src/statetest/pre.js';
import { allocToJson } from '../../src/state/alloc.js';
import { SnapshotError, decodeSnapshot, encodeSnapshot, isSnapshot, stateFromSnapshot } from '../../src/state/snapshot.js';
import { WorldState } from '../../src/state/world.js';
import { LazySource } from '../../src/state/sources.js';
import { makeState } from '../helpers/run.js';
import { A, B, D, prestate } from './scenario.js';
import { ensureBuilt, evmkit, jsonUpToLastBrace } from '../helpers/cli.js';

let dir: string;

beforeAll(() => {
  ensureBuilt('cli/run.js');
  dir = mkdtempSync(join(tmpdir(), 'evmkit-snapshot-'));
}, 120_000);

describe('state.toAlloc() and genesis JSON', () => {
  it('gives every account with its non-zero slots, and parseAlloc reads the JSON back to the same root', () => {
    const state = makeState(prestate());
    state.setStorage(A, 1n, 0n);
    state.setStorage(B, 1n << 255n, 5n);
    state.finalizeTransaction(true);
    const alloc = state.toAlloc();
    expect(alloc.get(A)!.storage).toEqual(new Map([[0n, 7n], [2n, 3n]]));
    const json = allocToJson(alloc);
    expect(json[B]!.storage).toEqual({
      ['0x' + '0'.repeat(63) + '5']: '0x' + '0'.repeat(62) + '64',
      ['0x8' + '0'.repeat(63)]: '0x' + '0'.repeat(63) + '5',
    });
    expect(bytesToHex(WorldState.fromAlloc(parsePre(JSON.parse(JSON.stringify(json)))).root())).toBe(bytesToHex(state.root()));
  });

  it('refuses a state over a source (only what was read is in memory)', () => {
    expect(() => new WorldState(new LazySource(new Uint8Array(32))).toAlloc()).toThrow(/reads from a source/);
  });
});

describe('binary snapshot', () => {
  const state = makeState(prestate());
  const bytes = encodeSnapshot(state);

  it('round-trips: the same accounts, code, slots and root, and the root it records', () => {
    expect(isSnapshot(bytes)).toBe(true);
    const { alloc, stateRoot } = decodeSnapshot(bytes);
    expect(bytesToHex(stateRoot)).toBe(bytesToHex(state.root()));
    expect(allocToJson(alloc)).toEqual(allocToJson(state.toAlloc()));
    const file = join(dir, 'state.snap');
    writeFileSync(file, encodeSnapshot(state));
    const loaded = stateFromSnapshot(readFileSync(file));
    expect(bytesToHex(loaded.root())).toBe(bytesToHex(state.root()));
    expect(loaded.getStorage(D, 2n)).toBe(2n);
    // Compact: code stored once, numbers in minimal bytes.
    expect(bytes.length).toBeLessThan(JSON.stringify(allocToJson(alloc)).length / 2);
  });

  it('rejects damaged input with one line naming the fault', () => {
    const truncated = bytes.subarray(0, bytes.length - 40);
    expect(() => decodeSnapshot(truncated)).toThrow(SnapshotError);
    expect(() => decodeSnapshot(truncated)).toThrow(/checksum mismatch/);
    const flipped = bytes.slice();
    flipped[100] ^= 0xff;
    expect(() => decodeSnapshot(flipped)).toThrow(/checksum mismatch/);
    expect(() => decodeSnapshot(new TextEncoder().encode('{"0x00": {}}'))).toThrow(/not an evmkit snapshot/);
    expect(() => decodeSnapshot(bytes.subarray(0, 20))).toThrow(/truncated/);
  });

  it('names the offset of a structural fault (checksum intact)', () => {
    // Version 2 under a valid checksum.
    const body = bytes.slice(0, bytes.length - 32);
    body[8] = 2;
    expect(() => decodeSnapshot(withChecksum(body))).toThrow(/unsupported snapshot version 2/);
    // A body cut after the header and the code count, re-checksummed: the first code's length is missing.
    expect(() => decodeSnapshot(withChecksum(bytes.slice(0, 8 + 1 + 32 + 1)))).toThrow(/^truncated: code 0 length expected at byte 42$/);
  });
});

/** `body` followed by its checksum (keccak256 of the body). */
function withChecksum(body: Uint8Array): Uint8Array {
  const out = new Uint8Array(body.length + 32);
  out.set(body);
  out.set(keccak256(body), body.length);
  return out;
}

describe('evmkit run --prestate SNAPSHOT', { timeout: 120_000 }, () => {
  it('reads a snapshot that --dump.snapshot wrote, like the JSON it came from', () => {
    const pre = join(dir, 'pre.json');
    writeFileSync(pre, JSON.stringify({ '0x00000000000000000000000000000000000000aa': { balance: '0x1', code: '0x60016000540160005500', storage: { '0x00': '0x05' } } }));
    const snap = join(dir, 'post.snap');
    const first = evmkit(['run', '--prestate', pre, '--receiver', '0x00000000000000000000000000000000000000aa', '--dump.snapshot', snap]);
    expect(first.code).toBe(0);
    expect(isSnapshot(readFileSync(snap))).toBe(true);
    const second = evmkit(['run', '--prestate', snap, '--receiver', '0x00000000000000000000000000000000000000aa', '--dump']);
    expect(second.code).toBe(0);
    const dumped = jsonUpToLastBrace<Record<string, { storage: Record<string, string> }>>(second.stdout);
    // The counter ran twice: 5 + 1 + 1.
    expect(dumped['0x00000000000000000000000000000000000000aa'].storage['0x' + '0'.repeat(64)]).toBe('0x' + '0'.repeat(63) + '7');
  });

  it('reports a damaged snapshot in one line, exit code 2', () => {
    const bad = join(dir, 'bad.snap');
    writeFileSync(bad, Buffer.concat([Buffer.from('EVMKSNAP'), Buffer.alloc(80)]));
    const r = evmkit(['run', '--prestate', bad, '00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`evmkit: --prestate ${bad}: checksum mismatch: the file is damaged or truncated\n`);
  });
});
