/** Reading code and data given on the command line: hex arguments, bounded files and stdin, one-line errors. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { hexToBytes, HexError } from '../primitives/bytes.js';
import { fileKind, mib, systemErrorText } from '../statetest/read.js';
import { UsageError } from './args.js';
import { printable } from './escape.js';

/** The largest code or call-data file (hex text) `run` and `disasm` read: 64 MiB, i.e. 32 MiB of bytes. */
export const MAX_HEX_FILE = 64 * 1024 * 1024;
/** The largest --prestate file: 256 MiB (the fixture limit). */
export const MAX_JSON_FILE = 256 * 1024 * 1024;
/** The longest line of a batch-mode file name on stdin (PATH_MAX on Linux). */
export const MAX_NAME_LINE = 4096;

/** Parses hex (optional 0x); errors name `what` and the character position in the text as given. */
export function parseHex(what: string, text: string): Uint8Array {
  try {
    return hexToBytes(text);
  } catch (e) {
    if (!(e instanceof HexError)) throw e;
  }
  // A bad character is reported before an odd length, wherever it is.
  const start = text.startsWith('0x') || text.startsWith('0X') ? 2 : 0;
  for (let i = start; i < text.length; i++) {
    if (!isHexDigit(text.charCodeAt(i))) {
      const c = text.codePointAt(i)!;
      throw new UsageError(`${what}: invalid hex character '${printable(String.fromCodePoint(c))}' at position ${i}`);
    }
  }
  throw new UsageError(`${what}: odd-length hex string (${text.length - start} digits)`);
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/**
 * Reads a text file ('-' is stdin) of at most `limit` bytes. FIFOs and devices are read as streams up to the
 * limit (so `<(…)` works and /dev/zero stops); a missing, unreadable or oversized file is a UsageError naming
 * the flag.
 */
export function readText(flag: string, path: string, limit: number): string {
  return readBytes(flag, path, limit).toString('utf8');
}

/** Reads a file's bytes ('-' is stdin), bounded and with errors as readText's. */
export function readBytes(flag: string, path: string, limit: number): Buffer {
  const shown = path === '-' ? 'stdin' : path;
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${flag}: no such file or directory: ${path}`);
    throw new UsageError(`${flag}: cannot read ${shown}: ${systemErrorText(e)}`);
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new UsageError(`${flag}: cannot read ${shown}: it is ${fileKind(info)}`);
    const tooLarge = () => new UsageError(`${flag}: ${shown} is larger than the ${mib(limit)} limit`);
    if (info.isFile() && info.size > limit) throw tooLarge();
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readChunk(fd, chunk);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > limit) throw tooLarge();
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${flag}: cannot read ${shown}: ${systemErrorText(e)}`);
  } finally {
    if (fd !== 0) closeSync(fd);
  }
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** One read; a non-blocking stdin (EAGAIN) is waited for in small sleeps rather than failed. */
function readChunk(fd: number, chunk: Buffer): number {
  for (;;) {
    try {
      return readSync(fd, chunk, 0, chunk.length, null);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'EOF') return 0;
      if (code !== 'EAGAIN') throw e;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/**
 * The lines of a stream (without '\n' or '\r\n'), each at most `maxLength` bytes: a longer line (a binary
 * stream such as /dev/zero) is a UsageError as soon as it is seen, not buffered without end.
 */
export async function* readLines(stream: AsyncIterable<Buffer | string>, what: string, maxLength: number): AsyncGenerator<string> {
  let pending: Buffer = Buffer.alloc(0);
  let lineNumber = 0;
  for await (const data of stream) {
    let buf = pending.length === 0 ? toBuffer(data) : Buffer.concat([pending, toBuffer(data)]);
    for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10)) {
      lineNumber++;
      if (nl > maxLength) throw longLine(what, lineNumber, maxLength);
      yield buf.subarray(0, nl).toString('utf8').replace(/\r$/, '');
      buf = buf.subarray(nl + 1);
    }
    if (buf.length > maxLength) throw longLine(what, lineNumber + 1, maxLength);
    pending = buf;
  }
  if (pending.length > 0) yield pending.toString('utf8').replace(/\r$/, '');
}

function toBuffer(data: Buffer | string): Buffer {
  return typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
}

function longLine(what: string, line: number, max: number): UsageError {
  return new UsageError(`${what}: line ${line} is longer than ${max} bytes (one file name per line expected)`);
}

/** Batch mode's fixture names on stdin, one per line, trimmed; blank lines are ignored. */
export async function* fileNamesOnStdin(): AsyncGenerator<string> {
  for await (const line of readLines(process.stdin, 'stdin', MAX_NAME_LINE)) {
    const file = line.trim();
    if (file !== '') yield file;
  }
}
