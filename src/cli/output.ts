/**
 * Writing large outputs in pieces with back-pressure: 64 MB of return data becomes 128 MB of hex, which as
 * one string took 18 s and 2.5 GB to print.
 */
import { once } from 'node:events';

/** Bytes of data turned into hex per written piece. */
const HEX_CHUNK = 1 << 20;
/** Characters of text gathered before a piece is written. */
const TEXT_CHUNK = 1 << 16;

/** Writes one piece, waiting for the stream to drain when its buffer is full. */
async function put(stream: NodeJS.WritableStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

/** Writes `0x…hex` and a newline. */
export async function writeHexLine(stream: NodeJS.WritableStream, bytes: Uint8Array): Promise<void> {
  if (bytes.length <= HEX_CHUNK) return put(stream, `0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('hex')}\n`);
  await put(stream, '0x');
  for (let i = 0; i < bytes.length; i += HEX_CHUNK) {
    const n = Math.min(HEX_CHUNK, bytes.length - i);
    await put(stream, Buffer.from(bytes.buffer, bytes.byteOffset + i, n).toString('hex'));
  }
  await put(stream, '\n');
}

/** Writes each line followed by a newline, a few tens of KiB at a time. */
export async function writeLines(stream: NodeJS.WritableStream, lines: Iterable<string>): Promise<void> {
  let text = '';
  for (const line of lines) {
    text += line + '\n';
    if (text.length >= TEXT_CHUNK) {
      await put(stream, text);
      text = '';
    }
  }
  if (text !== '') await put(stream, text);
}
