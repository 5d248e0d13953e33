/** `evmkit disasm`: lists the instructions of EVM bytecode, one per line, from the opcode table. */
// The disassembler directly (part of the public API), not all of index.js: the command then starts
// without loading the state engine.
import { disassembly } from '../evm/disassemble.js';
import { boolFlag, parseArgs, stringFlag, UsageError } from './args.js';
import { MAX_HEX_FILE, parseHex, readText } from './input.js';
import { writeLines } from './output.js';

/** Usage text of `evmkit disasm`. */
export const DISASM_USAGE = `Usage: evmkit disasm [flags] <hex>
       evmkit disasm [flags] --codefile FILE|-

Prints one line per instruction: the byte offset (pc, decimal, as EIP-3155 traces show it), the mnemonic,
and the immediate of PUSHn as 0x-hex. A PUSH cut short by the end of the code shows the bytes present and
'(truncated, k of n bytes)'. A byte that is not an opcode prints as geth names it, 'opcode 0xc not
defined' (0xFE is INVALID). A code file is read up to 64 MiB of hex. Exit code: 0; 2 on bad input; 70 on an internal error.

Flags:
  --codefile FILE   read the code (hex) from FILE, or from stdin with '-'
  -h, --help        show this help

Examples:
  evmkit disasm 6040600052
  evmkit disasm --codefile contract.hex
  echo 0x60016001015f55 | evmkit disasm --codefile -
`;

/** The flags of `evmkit disasm` (exported for the help test). */
export const DISASM_FLAGS = { codefile: 'string', help: 'boolean' } as const;

/** Runs `evmkit disasm`; returns the exit code. */
export async function disasmCommand(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, DISASM_FLAGS);
  if (boolFlag(args, 'help')) {
    process.stdout.write(DISASM_USAGE);
    return 0;
  }
  const file = stringFlag(args, 'codefile');
  if (args.positionals.length > 1) throw new UsageError(`expected one code argument, got ${args.positionals.length}`);
  const arg = args.positionals[0];
  if (file !== undefined && arg !== undefined) throw new UsageError('give the code either as an argument or with --codefile, not both');
  let code: Uint8Array;
  if (file !== undefined) code = parseHex(`--codefile ${file}`, readText('--codefile', file, MAX_HEX_FILE).trim());
  else if (arg !== undefined) code = parseHex('code', arg);
  else throw new UsageError("no code given (pass hex, or --codefile FILE); see 'evmkit disasm --help'");
  await writeLines(process.stdout, disassembly(code)); // written as it is made: 32 MiB of code is ~500 MB of text
  return 0;
}

/** The listing of `code`: `pc NAME [0ximmediate]` per instruction, pc padded to a common width. */
export function disassemble(code: Uint8Array): string[] {
  return [...disassembly(code)];
}
