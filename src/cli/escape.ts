/**
 * Making untrusted text (file names, fixture keys, bytes of a code file) safe to print: every character
 * that a terminal would act on instead of showing becomes a visible escape, so one message stays one line.
 */

/**
 * C0 controls (newline included), DEL, C1 controls (0x9B is a one-byte CSI on some terminals), the soft
 * hyphen, the Unicode line and paragraph separators, the bidirectional marks and overrides (they reorder
 * what is shown), zero-width characters, the byte-order mark and lone surrogates.
 */
const UNPRINTABLE =
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const SHORT: ReadonlyMap<string, string> = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

function escapeChar(c: string): string {
  const short = SHORT.get(c);
  if (short !== undefined) return short;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/** The text with every non-printable character written as `\n`, `\xNN` or `\u{NNNN}`. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeChar);
}

/**
 * Characters JSON.stringify leaves raw although a terminal acts on them (it already escapes C0 controls and
 * lone surrogates).
 */
const JSON_UNSAFE = /[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/**
 * JSON.stringify(value) with every non-printable character as a `\uNNNN` escape (still valid JSON): one
 * line, or indented by `space` spaces per level.
 */
export function jsonLine(value: unknown, space?: number): string {
  return JSON.stringify(value, null, space).replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
