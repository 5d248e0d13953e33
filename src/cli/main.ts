#!/usr/bin/env node
/** The `evmkit` command: a tiny dispatcher over subcommands; every error becomes one `evmkit: …` line. */

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
  disasm: { summary: 'list the instructions of EVM bytecode', run: async (argv) => (await import('./disasm.js')).disasmCommand(argv) },
};

/** Top-level usage text. */
function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(12)}${c.summary}`);
  return `Usage: evmkit <command> [flags] [args]

Commands:
${lines.join('\n')}

Run 'evmkit <command> --help' for a command's flags and examples.
`;
}

/** Dispatches to a command; returns the process exit code. */
async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return 0;
  }
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) {
    process.stderr.write(`evmkit: unknown command '${name}'\n${usage()}`);
    return 2;
  }
  return command.run(rest);
}

/** Prints an error as one line, never a stack trace. */
function fail(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`evmkit: ${message}\n`);
  process.exitCode = 2;
}

process.on('uncaughtException', (e) => {
  fail(e);
  process.exit(2);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => fail(e),
);
