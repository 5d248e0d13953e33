/**
 * The tracing flags `run` and `statetest` share (geth's names and aliases), read once into TraceSettings,
 * and the tracer they ask for.
 */
import { knownFormat, type TraceFormat } from '../trace/format.js';
import { boolFlag, givenBool, stringFlag, UsageError, type ParsedArgs } from './args.js';

/** The tracing flags, for a command's FlagSpec. */
export const TRACE_FLAGS = {
  trace: 'boolean',
  'trace.format': 'string',
  'trace.memory': 'boolean',
  'trace.nomemory': 'boolean',
  'trace.returndata': 'boolean',
  'trace.noreturndata': 'boolean',
  'trace.nostack': 'boolean',
  'trace.nostorage': 'boolean',
} as const;

/** geth's short names of the tracing flags. */
export const TRACE_ALIASES = {
  nomemory: 'trace.nomemory',
  noreturndata: 'trace.noreturndata',
  nostack: 'trace.nostack',
  nostorage: 'trace.nostorage',
} as const;

/** The tracing flags and what they do, for --help. */
const TRACE_HELP: readonly (readonly [string, string])[] = [
  ['--trace', 'print a trace on stderr: EIP-3155 JSON lines (one per instruction), then {"output","gasUsed"[,"error"]}'],
  ['--trace.format F', 'json (the default: EIP-3155 lines, as geth writes them and goevmlab reads them) or md (a Markdown table with decimal gas, for reading); implies --trace'],
  ['--trace.memory', 'add the memory to every line (implies --trace; geth: --trace.nomemory=false)'],
  ['--trace.nomemory, --nomemory', 'leave the memory out (the default; accepted for geth\'s scripts)'],
  ['--trace.returndata', 'add the return data of the last call to every line (implies --trace)'],
  ['--trace.noreturndata, --noreturndata', 'leave the return data out (the default)'],
  ['--trace.nostack, --nostack', 'leave the stack out (printed as "stack":null, as geth does)'],
  ['--trace.nostorage, --nostorage', 'accepted for geth\'s scripts: traces never show storage'],
];

/** The tracing part of a command's --help, descriptions starting at `column`, wrapped before column 110. */
export function traceUsage(column: number): string {
  return TRACE_HELP.map(([names, text]) => helpEntry(names, text, column)).join('');
}

/** One flag of a --help text: the names, then the description wrapped at `column`. */
export function helpEntry(names: string, text: string, column: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && column + line.length + 1 + word.length > 110) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  const head = `  ${names}`;
  const indent = ' '.repeat(column);
  const first = head.length < column ? head.padEnd(column) + lines[0] : `${head}\n${indent}${lines[0]}`;
  return [first, ...lines.slice(1).map((l) => indent + l)].join('\n') + '\n';
}

/** What to trace and how. */
export interface TraceSettings {
  readonly format: TraceFormat;
  readonly stack: boolean;
  readonly memory: boolean;
  readonly returnData: boolean;
}

/**
 * The trace the flags ask for, or null for none. Boolean flags also take `=true`/`=false`, so geth's
 * `--trace.nomemory=false` turns the memory on; contradicting flags are a UsageError.
 */
export function traceSettings(args: ParsedArgs): TraceSettings | null {
  const memory = both(args, 'trace.memory', 'trace.nomemory');
  const returnData = both(args, 'trace.returndata', 'trace.noreturndata');
  const formatText = stringFlag(args, 'trace.format');
  const format = formatText === undefined ? 'json' : knownFormat(formatText);
  if (format === undefined) throw new UsageError(`flag --trace.format: unknown format '${formatText}' (valid: json, md)`);
  const on = boolFlag(args, 'trace') || formatText !== undefined || boolFlag(args, 'trace.memory') || boolFlag(args, 'trace.returndata');
  return on ? { format, stack: !boolFlag(args, 'trace.nostack'), memory, returnData } : null;
}

/** Whether a field is shown, from its flag and geth's negative flag; both set one way each is a UsageError. */
function both(args: ParsedArgs, positive: string, negative: string): boolean {
  const on = givenBool(args, positive);
  const off = givenBool(args, negative);
  if (on !== undefined && off !== undefined && on === off) throw new UsageError(`flags --${positive} and --${negative} contradict each other`);
  return on === true || off === false;
}
