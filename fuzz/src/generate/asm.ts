/** Bytecode building: pushes, opcodes and position-independent jumps, so that code pieces can be cut out. */

/** Opcode bytes the generator names. */
export const OP = {
  STOP: 0x00, ADD: 0x01, ISZERO: 0x15, PC: 0x58, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52, MSTORE8: 0x53,
  SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56, JUMPI: 0x57, GAS: 0x5a, JUMPDEST: 0x5b, PUSH0: 0x5f, PUSH1: 0x60,
  PUSH32: 0x7f, DUP1: 0x80, SWAP1: 0x90, CALLDATALOAD: 0x35, RETURNDATASIZE: 0x3d, RETURNDATACOPY: 0x3e,
  CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3, DELEGATECALL: 0xf4, CREATE2: 0xf5,
  STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe, SELFDESTRUCT: 0xff, TSTORE: 0x5d, TLOAD: 0x5c,
} as const;

/** Appends bytes; `code()` returns them. */
export class Asm {
  private readonly out: number[] = [];

  /** Raw bytes. */
  raw(bytes: Iterable<number>): this {
    for (const b of bytes) this.out.push(b & 0xff);
    return this;
  }

  /** One opcode. */
  op(code: number): this {
    this.out.push(code);
    return this;
  }

  /** PUSH of `value` (mod 2^256) in the fewest bytes; PUSH1 0 for zero unless `push0` is allowed. */
  push(value: bigint, push0 = false): this {
    let v = BigInt.asUintN(256, value);
    if (v === 0n && push0) return this.op(OP.PUSH0);
    const bytes: number[] = [];
    do {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    } while (v > 0n);
    return this.op(OP.PUSH1 + bytes.length - 1).raw(bytes);
  }

  /** PUSH with an explicit width (1..32), the value truncated to fit. */
  pushN(value: bigint, width: number): this {
    const bytes: number[] = [];
    let v = BigInt.asUintN(width * 8, value);
    for (let i = 0; i < width; i++) {
      bytes.unshift(Number(v & 0xffn));
      v >>= 8n;
    }
    return this.op(OP.PUSH1 + width - 1).raw(bytes);
  }

  /** Pushes the arguments so that `args[0]` ends on top of the stack (the order opcodes read them). */
  args(args: readonly bigint[], push0 = false): this {
    for (let i = args.length - 1; i >= 0; i--) this.push(args[i], push0);
    return this;
  }

  /** Writes `data` to memory at `offset` with MSTOREs (the last word is padded, memory beyond it changes too). */
  mstoreBytes(offset: number, data: Uint8Array): this {
    for (let i = 0; i < data.length; i += 32) {
      let word = 0n;
      for (let j = 0; j < 32; j++) word = (word << 8n) | BigInt(data[i + j] ?? 0);
      this.push(word).push(BigInt(offset + i)).op(OP.MSTORE);
    }
    return this;
  }

  /** A forward jump over `skipped` (PC-relative, so it stays valid wherever the piece lands). */
  jumpOver(skipped: Uint8Array, conditional: boolean): this {
    // PC PUSH2 k ADD JUMP(I) <skipped> JUMPDEST: PC pushes its own position, the JUMPDEST is 6 + skipped on.
    // JUMPI's condition is whatever the caller left below.
    this.op(OP.PC).pushN(BigInt(6 + skipped.length), 2).op(OP.ADD);
    if (conditional) this.op(OP.JUMPI);
    else this.op(OP.JUMP);
    return this.raw(skipped).op(OP.JUMPDEST);
  }

  /** The bytes so far. */
  code(): Uint8Array {
    return Uint8Array.from(this.out);
  }
}

/** Concatenates byte arrays. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
