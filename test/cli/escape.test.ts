import { describe, expect, it } from 'vitest';
import { jsonLine, printable } from '../../src/cli/escape.js';

describe('printable', () => {
  it('escapes controls, separators and bidi overrides, keeps other text', () => {
    expect(printable('a\nb\tc\r')).toBe('a\\nb\\tc\\r');
    expect(printable('\x00\x1b[2J\x7f\u009b')).toBe('\\x00\\x1b[2J\\x7f\\x9b');
    expect(printable('x\u2028y\u202ez\ufeff')).toBe('x\\u{2028}y\\u{202e}z\\u{feff}');
    expect(printable('\ud800 lone')).toBe('\\u{d800} lone');
    expect(printable('héllo ✓ 😀 \\x41')).toBe('héllo ✓ 😀 \\x41');
  });
});

describe('jsonLine', () => {
  it('is JSON of the same value with no raw control characters', () => {
    const value = { name: 'a\x1b\u009b\u2028\u202e\n', n: 1 };
    const line = jsonLine(value);
    expect(line).toBe('{"name":"a\\u001b\\u009b\\u2028\\u202e\\n","n":1}');
    expect(JSON.parse(line)).toEqual(value);
  });
});
