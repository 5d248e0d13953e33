import { describe, expect, it } from 'vitest';
import { givenBool, intFlag, numberFlag, parseArgs, stringFlag, UsageError } from '../../src/cli/args.js';

const SPEC = { fork: 'string', json: 'boolean', help: 'boolean', index: 'string' } as const;

describe('parseArgs', () => {
  it('reads --flag value, --flag=value, booleans, -h and --', () => {
    const a = parseArgs(['--fork', 'Cancun', 'x', '--json', '--index=3', '-h', '--', '--json'], SPEC);
    expect(stringFlag(a, 'fork')).toBe('Cancun');
    expect(intFlag(a, 'index', 0)).toBe(3);
    expect(a.flags.get('json')).toBe(true);
    expect(a.flags.get('help')).toBe(true);
    expect(a.positionals).toEqual(['x', '--json']);
  });

  it('rejects unknown flags, missing values and values for booleans', () => {
    expect(() => parseArgs(['--nope'], SPEC)).toThrow(new UsageError('unknown flag --nope'));
    expect(() => parseArgs(['--fork'], SPEC)).toThrow('flag --fork needs a value');
    expect(() => parseArgs(['--json=1'], SPEC)).toThrow('flag --json takes no value');
  });

  it('takes =true and =false for booleans (as geth does) and stores aliases under the flag name', () => {
    const a = parseArgs(['--json=false', '--statetest.fork', 'Berlin', '--help=true'], SPEC, { 'statetest.fork': 'fork' });
    expect(a.flags.get('json')).toBe(false);
    expect(givenBool(a, 'json')).toBe(false);
    expect(givenBool(a, 'index')).toBeUndefined();
    expect(stringFlag(a, 'fork')).toBe('Berlin');
    expect(a.flags.has('statetest.fork')).toBe(false);
    expect(() => parseArgs(['--fork', 'A', '--statetest.fork', 'B'], SPEC, { 'statetest.fork': 'fork' })).toThrow('flag --statetest.fork repeats --fork');
    expect(stringFlag(parseArgs(['--fork', 'A', '--fork', 'B'], SPEC), 'fork')).toBe('B');
  });

  it('checks numbers', () => {
    expect(() => intFlag(parseArgs(['--index', '-1'], SPEC), 'index', 0)).toThrow(UsageError);
    expect(() => numberFlag(parseArgs(['--index', 'abc'], SPEC), 'index')).toThrow(UsageError);
    expect(numberFlag(parseArgs(['--index', '0.5'], SPEC), 'index')).toBe(0.5);
  });
});
