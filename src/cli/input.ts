/** Reading code and data given on the command line: hex arguments and files, with one-line errors. */
import { readFileSync } from 'node:fs';
import { hexToBytes } from '../primitives/bytes.js';
import { UsageError } from './args.js';

/** Parses hex (optional 0x); errors name `what` and the character position in the text as given. */
export function parseHex(what: string, text: string): Uint8Array {
  const start = text.startsWith('0x') || text.startsWith('0X') ? 2 : 0;
  for (let i = start; i < text.length; i++) {
    if (!/[0-9a-fA-F]/.test(text[i])) {
      const shown = /\s/.test(text[i]) ? JSON.stringify(text[i]).slice(1, -1) : text[i];
      throw new UsageError(`${what}: invalid hex character '${shown}' at position ${i}`);
    }
  }
  const digits = text.length - start;
  if (digits % 2 !== 0) throw new UsageError(`${what}: odd-length hex string (${digits} digits)`);
  return hexToBytes(text);
}

/** Reads a text file ('-' is stdin); a missing or unreadable file is a UsageError naming the flag. */
export function readText(flag: string, path: string): string {
  return new TextDecoder().decode(readBytes(flag, path));
}

/** Reads a file's bytes ('-' is stdin); a missing or unreadable file is a UsageError naming the flag. */
export function readBytes(flag: string, path: string): Uint8Array {
  try {
    return readFileSync(path === '-' ? 0 : path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new UsageError(`${flag}: no such file or directory: ${path}`);
    throw new UsageError(`${flag}: cannot read ${path}: ${code ?? (e as Error).message}`);
  }
}
