/**
 * Revert data decoded the way Solidity writes it: `Error(string)` (require, revert("…")), `Panic(uint256)`
 * (assert, overflow, division by zero, …) and custom errors (a 4-byte selector and ABI-encoded arguments).
 */
import { bytesToBigInt, bytesToHex } from '../primitives/bytes.js';

/** What a revert's output says. */
export type RevertReason =
  /** `revert("…")` or a failed `require(…, "…")`. */
  | { readonly kind: 'error'; readonly message: string }
  /** A Solidity panic: `code` and the compiler's meaning of it. */
  | { readonly kind: 'panic'; readonly code: bigint; readonly description: string }
  /** A custom error (or any other data): its selector and the ABI-encoded arguments after it. */
  | { readonly kind: 'custom'; readonly selector: string; readonly data: Uint8Array }
  /** A revert without data (`revert()`, a failed `require` without message), or fewer than 4 bytes. */
  | { readonly kind: 'empty'; readonly data: Uint8Array };

/** Selector of Error(string): keccak256("Error(string)")[0:4]. */
export const ERROR_SELECTOR = '0x08c379a0';
/** Selector of Panic(uint256): keccak256("Panic(uint256)")[0:4]. */
export const PANIC_SELECTOR = '0x4e487b71';

/** The panic codes of the Solidity documentation ("Panic via assert and Error via require"). */
const PANIC_CODES: ReadonlyMap<bigint, string> = new Map([
  [0x00n, 'generic compiler panic'],
  [0x01n, 'assertion failed'],
  [0x11n, 'arithmetic overflow or underflow'],
  [0x12n, 'division or modulo by zero'],
  [0x21n, 'conversion to an enum out of range'],
  [0x22n, 'incorrectly encoded storage byte array'],
  [0x31n, 'pop on an empty array'],
  [0x32n, 'array index out of bounds'],
  [0x41n, 'too much memory allocated'],
  [0x51n, 'call to an uninitialized internal function'],
]);

const decoder = new TextDecoder('utf-8', { fatal: true });

/** Decodes revert output. Malformed `Error(string)` or `Panic` payloads come back as `custom`. */
export function decodeRevert(output: Uint8Array): RevertReason {
  if (output.length < 4) return { kind: 'empty', data: output };
  const selector = bytesToHex(output.subarray(0, 4));
  const args = output.subarray(4);
  if (selector === ERROR_SELECTOR) {
    const message = abiString(args);
    if (message !== undefined) return { kind: 'error', message };
  } else if (selector === PANIC_SELECTOR && args.length === 32) {
    const code = bytesToBigInt(args);
    return { kind: 'panic', code, description: PANIC_CODES.get(code) ?? 'unknown panic code' };
  }
  return { kind: 'custom', selector, data: args };
}

/** One line for people: `reverted: …` with the message, the panic, or the selector. */
export function describeRevert(reason: RevertReason): string {
  switch (reason.kind) {
    case 'error':
      return `execution reverted: ${reason.message}`;
    case 'panic':
      return `execution reverted: panic 0x${reason.code.toString(16)} (${reason.description})`;
    case 'custom':
      return `execution reverted: custom error ${reason.selector}${reason.data.length > 0 ? ` with ${reason.data.length} bytes of data` : ''}`;
    case 'empty':
      return 'execution reverted';
  }
}

/** The single ABI `string` argument of `args` (head offset, length, bytes), or undefined when malformed. */
function abiString(args: Uint8Array): string | undefined {
  if (args.length < 64) return undefined;
  const offset = bytesToBigInt(args.subarray(0, 32));
  if (offset > BigInt(args.length - 32)) return undefined;
  const at = Number(offset);
  const length = bytesToBigInt(args.subarray(at, at + 32));
  if (length > BigInt(args.length - at - 32)) return undefined;
  try {
    return decoder.decode(args.subarray(at + 32, at + 32 + Number(length)));
  } catch {
    return undefined; // not UTF-8
  }
}
