/** A small command-line flag parser shared by the evmkit commands. */

/** A mistake in how the command was called; main prints it as one line and exits with code 2. */
export class UsageError extends Error {}

/** Flag name (without dashes) → whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'string' | 'boolean'>>;

/** Flags (name → value, or true for a boolean flag) and the remaining positional arguments. */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | true>;
  readonly positionals: readonly string[];
}

/**
 * Parses `--flag value`, `--flag=value`, boolean `--flag`, `-h` (= `--help`) and `--` (end of flags);
 * an unknown flag, a missing value or a value given to a boolean flag is a UsageError.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec): ParsedArgs {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h' && spec.help === 'boolean') {
      flags.set('help', true);
      continue;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = (eq < 0 ? arg : arg.slice(0, eq)).replace(/^--?/, '');
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown flag ${eq < 0 ? arg : arg.slice(0, eq)}`);
    if (kind === 'boolean') {
      if (eq >= 0) throw new UsageError(`flag --${name} takes no value`);
      flags.set(name, true);
    } else if (eq >= 0) {
      flags.set(name, arg.slice(eq + 1));
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`flag --${name} needs a value`);
      flags.set(name, argv[++i]);
    }
  }
  return { flags, positionals };
}

/** The string value of a flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Whether a boolean flag was given. */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** An integer flag ≥ `min`, or undefined when absent; anything else is a UsageError. */
export function intFlag(args: ParsedArgs, name: string, min: number): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  if (!/^[0-9]+$/.test(v) || Number(v) < min) throw new UsageError(`flag --${name} needs an integer ≥ ${min}, got '${v}'`);
  return Number(v);
}

/** A positive number flag (decimals allowed), or undefined when absent. */
export function numberFlag(args: ParsedArgs, name: string): number | undefined {
  const v = stringFlag(args, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`flag --${name} needs a positive number, got '${v}'`);
  return n;
}
