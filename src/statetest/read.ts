/** Reading a fixture file: regular files only, up to a stated size, every failure as one short reason. */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * The largest fixture file the loader reads: 256 MiB. The largest official state-test files are a few tens
 * of MiB; JSON.parse needs several times the file size in memory, and V8 strings stop at about 512 MiB.
 */
export const MAX_FIXTURE_BYTES = 256 * 1024 * 1024;

/** A file that cannot be read as a fixture; the message is the reason alone (the caller names the file). */
export class ReadError extends Error {}

/** `n` bytes as MiB with one decimal ('0.1 MiB' at least), for limit messages. */
export function mib(n: number): string {
  return `${Math.max(0.1, n / (1024 * 1024)).toFixed(1)} MiB`;
}

/** The reason of a Node system error without its code and path ('no such file or directory'). */
export function systemErrorText(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const m = /^[A-Z0-9_]+: ([^,]+)/.exec(err?.message ?? '');
  if (m !== null) return m[1];
  return err?.code ?? String(e);
}

/** What kind of non-regular file a stat result describes. */
export function fileKind(info: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/**
 * The text of a fixture file. Opened without blocking (a FIFO with no writer would otherwise hang the
 * reader for ever) and checked on the open descriptor, so what is read is what was checked.
 */
export async function readFixtureText(file: string, limit = MAX_FIXTURE_BYTES): Promise<string> {
  let handle: FileHandle;
  try {
    handle = await open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw new ReadError(`cannot read: ${systemErrorText(e)}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new ReadError(`not a regular file (${fileKind(info)})`);
    if (info.size > limit) throw new ReadError(`file of ${mib(info.size)} is larger than the ${mib(limit)} limit`);
    return (await readUpTo(handle, limit, info.size)).toString('utf8');
  } catch (e) {
    if (e instanceof ReadError) throw e;
    throw new ReadError(`cannot read: ${systemErrorText(e)}`);
  } finally {
    await handle.close();
  }
}

/** Reads to the end, failing past `limit` bytes (files like those in /proc report a size of 0). */
async function readUpTo(handle: FileHandle, limit: number, sizeHint: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    // The first read asks for the whole file (and one byte more, to see the end in the same call).
    const chunk = Buffer.allocUnsafe(Math.min(total === 0 ? sizeHint + 1 : 1 << 20, limit + 1 - total));
    const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
    if (bytesRead === 0) break;
    chunks.push(chunk.subarray(0, bytesRead));
    total += bytesRead;
    if (total > limit) throw new ReadError(`file is larger than the ${mib(limit)} limit`);
  }
  return Buffer.concat(chunks, total);
}
