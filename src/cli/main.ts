#!/usr/bin/env node
/** The `evmkit` command: a tiny dispatcher over subcommands; every error becomes one `evmkit: …` line. */
import { readFileSync } from 'node:fs';
import { UsageError } from './args.js';
import { printable } from './escape.js';

interface Command {
  readonly summary: string;
  readonly run: (argv: readonly string[]) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  // Each command's module loads only when it runs: `disasm` and `--help` stay quick to start.
  run: {
    summary: 'run EVM bytecode (like geth evm run): --trace, --bench, --dump',
    run: async (argv) => (await import('./run.js')).runCommand(argv),
  },
  statetest: { summary: 'run Ethereum state-test fixtures', run: async (argv) => (await import('./statetest.js')).statetestCommand(argv) },
  blocktest: { summary: 'run Ethereum blockchain-test fixtures', run: async (argv) => (await import('./blocktest.js')).blocktestCommand(argv) },
  t8n: { summary: 'the state transition tool (like geth evm t8n), for test fillers and fuzzers', run: async (argv) => (await import('./t8n.js')).t8nCommand(argv) },
  disasm: { summary: 'list the instructions of EVM bytecode', run: async (argv) => (await import('./disasm.js')).disasmCommand(argv) },
};

/** Top-level usage text. */
function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return `Usage: evmkit <command> [flags] [args]

Commands:
${lines.join('\n')}

Flags:
  -h, --help      show this help
  -v, --version   print the version of evmkit and of Node.js

Examples:
  evmkit --version
  evmkit run --help

Run 'evmkit <command> --help' for a command's flags and examples.
`;
}

/** `evmkit 0.1.0 (Node.js v20.20.2)`: the package's version, read from its package.json. */
function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return `evmkit ${pkg.version} (Node.js ${process.version})\n`;
}

/** Dispatches to a command; returns the process exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === '--version' || name === '-v' || name === 'version') {
    process.stdout.write(version());
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`evmkit: unknown command '${printable(name)}'\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

/**
 * Exit codes, for every command: 0 success; 1 a state or blockchain test failed (or a fixture file could not be used);
 * 2 bad input (flag, path, file contents); 3 a test run in which no case ran; 70 an internal error
 * (a bug in evmkit: please report it).
 */
const EXIT_USAGE = 2;
const EXIT_INTERNAL = 70;

/** Prints an error as one line, non-printable characters escaped, never a stack trace; returns the exit code. */
function fail(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof UsageError) {
    process.stderr.write(`evmkit: ${printable(message)}\n`);
    return EXIT_USAGE;
  }
  process.stderr.write(`evmkit: internal error: ${printable(message)}\n`);
  return EXIT_INTERNAL;
}

/** Exits once stdout and stderr have drained, whatever else is pending (a worker stuck in a system call). */
function exit(code: number): void {
  let pending = 2;
  const done = () => {
    if (--pending === 0) process.exit(code);
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/** The reader went away (`evmkit … | head`): stop quietly, as a program killed by SIGPIPE does. */
function onStreamError(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(0);
  exit(fail(e));
}
process.stdout.on('error', onStreamError);
process.stderr.on('error', () => {}); // messages are lost, the exit code still tells

process.on('uncaughtException', (e) => exit(fail(e)));

main(process.argv.slice(2)).then(exit, (e: unknown) => exit(fail(e)));
