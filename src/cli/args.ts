/** A small command-line flag parser shared by the evmkit commands. */

/** A mistake in how the command was called; main prints it as one line and exits with code 2. */
export class UsageError extends Error {}

/** Flag name (without dashes) → whether it takes a value. */
export type FlagSpec = Readonly<Record<string, 'string' | 'boolean'>>;

/** Other names of flags (without dashes) → the name in the FlagSpec, e.g. geth's `statetest.fork` → `fork`. */
export type FlagAliases = Readonly<Record<string, string>>;

/** Flags (name → value; true or false for a boolean flag) and the remaining positional arguments. */
export interface ParsedArgs {
  readonly flags: ReadonlyMap<string, string | boolean>;
  readonly positionals: readonly string[];
}

/**
 * Parses `--flag value`, `--flag=value`, boolean `--flag` (or `--flag=true`, `--flag=false`, as geth's
 * flags take them), `-h` (= `--help`) and `--` (end of flags). An alias is stored under its flag's name. An
 * unknown flag, a missing value, a flag given twice under two names, or another value for a boolean flag
 * is a UsageError.
 */
export function parseArgs(argv: readonly string[], spec: FlagSpec, aliases: FlagAliases = {}): ParsedArgs {
  const flags = new Map<string, string | boolean>();
  const givenAs = new Map<string, string>();
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
    const shown = eq < 0 ? arg : arg.slice(0, eq);
    const given = shown.replace(/^--?/, '');
    const name = Object.hasOwn(aliases, given) ? aliases[given] : given;
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (kind === undefined) throw new UsageError(`unknown flag ${shown}`);
    const earlier = givenAs.get(name);
    if (earlier !== undefined && earlier !== given) throw new UsageError(`flag --${given} repeats --${earlier} (one name for it, please)`);
    givenAs.set(name, given);
    if (kind === 'boolean') {
      flags.set(name, eq < 0 ? true : booleanValue(given, arg.slice(eq + 1)));
    } else if (eq >= 0) {
      flags.set(name, arg.slice(eq + 1));
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`flag --${given} needs a value`);
      flags.set(name, argv[++i]);
    }
  }
  return { flags, positionals };
}

function booleanValue(name: string, text: string): boolean {
  if (text === 'true') return true;
  if (text === 'false') return false;
  throw new UsageError(`flag --${name} takes no value other than =true or =false, got '${text}'`);
}

/** The string value of a flag, or undefined. */
export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags.get(name);
  return typeof v === 'string' ? v : undefined;
}

/** Whether a boolean flag was given (and not as `=false`). */
export function boolFlag(args: ParsedArgs, name: string): boolean {
  return args.flags.get(name) === true;
}

/** A boolean flag's value: true or false when given, undefined when not. */
export function givenBool(args: ParsedArgs, name: string): boolean | undefined {
  const v = args.flags.get(name);
  return typeof v === 'boolean' ? v : undefined;
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
