/** Disassembly from the opcode table: one `pc NAME [0ximmediate]` line per instruction. */
import { bytesToHex } from '../primitives/bytes.js';
import { type InstructionSet, opcodeNameIn } from './instruction-set.js';
import { OPCODES, opcodeName } from './opcodes.js';

/**
 * The lines of `code`, made as they are read (32 MiB of code is ~500 MB of text): the byte offset padded to a
 * common width, the mnemonic, and PUSHn's immediate as 0x-hex, with '(truncated, k of n bytes)' when the code
 * ends inside it. Names come from `instructions` (an EVM instance's set, custom opcodes included) or, without
 * it, from the opcode table under the newest fork.
 */
export function* disassembly(code: Uint8Array, instructions?: InstructionSet): Generator<string> {
  const table = instructions?.opcodes ?? OPCODES;
  const width = String(Math.max(code.length - 1, 0)).length;
  for (let pc = 0; pc < code.length; ) {
    const op = code[pc];
    const size = table[op]?.immediate ?? 0;
    let line = `${String(pc).padStart(width)} ${instructions === undefined ? opcodeName(op) : opcodeNameIn(instructions, op)}`;
    if (size > 0) {
      const imm = code.subarray(pc + 1, pc + 1 + size);
      line += ` ${imm.length > 0 ? bytesToHex(imm) : '0x'}`;
      if (imm.length < size) line += ` (truncated, ${imm.length} of ${size} bytes)`;
    }
    yield line;
    pc += 1 + size;
  }
}

/** The listing of `code` as an array of lines (see disassembly). */
export function disassemble(code: Uint8Array, instructions?: InstructionSet): string[] {
  return [...disassembly(code, instructions)];
}
