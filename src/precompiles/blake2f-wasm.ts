/**
 * BLAKE2b F compression (EIP-152) in WebAssembly, for round counts far too large for JS (up to 2^32-1).
 *
 * There is no wat toolchain, so this file is a tiny wasm binary encoder. It emits a module whose
 * `rounds` function keeps the whole working state in locals and runs an unrolled 10-round body
 * (SIGMA has period 10), then the 0..9 leftover rounds one at a time. Two variants:
 *  - SIMD (preferred): the state as 8 i64x2 vectors (each row of the 4×4 state a lo/hi pair), two
 *    G columns per instruction, as in the SSE code of the BLAKE2 reference (~11 vs ~15-18 ns/round
 *    for scalar with V8 on x64).
 *  - scalar: 16 i64 working words and 16 message words in i64 locals, for engines without SIMD.
 * The module is built and compiled synchronously on first use. Memory layout (little-endian, which
 * matches EIP-152's word encoding):
 *
 *   0..63 h[8] | 64..191 m[16] | 192..207 t0, t1 | 208..215 f (0 or 1) | 256..383 v[16]
 *   512..1791 per-round message vectors: for round r, 8 pairs (m[σ_r[i]], m[σ_r[j]]) (SIMD only)
 */

// Byte offsets in linear memory. H..F is exactly the precompile input after the 4-byte rounds field.
const H = 0;
const M = 64;
const T = 192;
const F = 208;
const V = 256;
const MV = 512;

/** Bytes of the input after the rounds field: h ‖ m ‖ t ‖ f. */
export const BLAKE2F_PARAMS_LENGTH = 209;

/** F(h, m, t, f, rounds) over `params` (h ‖ m ‖ t ‖ f, 209 bytes, f already validated); returns the new h (64 bytes). */
export type Blake2fCompress = (rounds: number, params: Uint8Array) => Uint8Array;

// ---------------------------------------------------------------------------------------------
// Encoder

// Opcodes (WebAssembly core spec §5.4), only the ones used here.
const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_END = 0x0b;
const OP_BR = 0x0c;
const OP_BR_IF = 0x0d;
const OP_LOCAL_GET = 0x20;
const OP_LOCAL_SET = 0x21;
const OP_LOCAL_TEE = 0x22;
const OP_I64_LOAD = 0x29;
const OP_I64_STORE = 0x37;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_I32_LT_U = 0x49;
const OP_I32_LE_U = 0x4d;
const OP_I32_SUB = 0x6b;
const OP_I64_ADD = 0x7c;
const OP_I64_SUB = 0x7d;
const OP_I64_XOR = 0x85;
const OP_I64_ROTR = 0x8a;
// SIMD instructions are the 0xfd prefix followed by a LEB128 sub-opcode.
const OP_SIMD = 0xfd;
const SIMD_V128_LOAD = 0x00;
const SIMD_V128_STORE = 0x0b;
const SIMD_V128_CONST = 0x0c;
const SIMD_I8X16_SHUFFLE = 0x0d;
const SIMD_I8X16_SWIZZLE = 0x0e;
const SIMD_V128_XOR = 0x51;
const SIMD_I64X2_SHR_U = 0xcd;
const SIMD_I64X2_ADD = 0xce;

const BLOCKTYPE_EMPTY = 0x40;
const TYPE_I32 = 0x7f;
const TYPE_I64 = 0x7e;
const TYPE_V128 = 0x7b;
const TYPE_FUNC = 0x60;
const EXPORT_FUNC = 0x00;
const EXPORT_MEMORY = 0x02;
const ALIGN_8 = 3; // log2 of the natural alignment of an i64 access
const ALIGN_16 = 4; // ... and of a v128 access

const SECTION_TYPE = 1;
const SECTION_FUNCTION = 3;
const SECTION_MEMORY = 5;
const SECTION_EXPORT = 7;
const SECTION_CODE = 10;

/**
 * Code is built as nested arrays of bytes (cheap to compose without copying) and flattened once
 * per function body / module; spreading every instruction into flat arrays made the build ~50 ms.
 */
type Code = number | readonly Code[];

/** Depth-first bytes of `code`. */
function flatten(code: Code, out: number[] = []): number[] {
  if (typeof code === 'number') out.push(code);
  else for (const part of code) flatten(part, out);
  return out;
}

/** Unsigned LEB128 of a non-negative integer < 2^32. */
function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of an integer in [-2^63, 2^64); values ≥ 2^63 are taken as their i64 bit pattern. */
function sleb(value: bigint): number[] {
  let n = BigInt.asIntN(64, value);
  const out: number[] = [];
  for (;;) {
    const byte = Number(n & 0x7fn);
    n >>= 7n; // arithmetic shift keeps the sign
    const done = (n === 0n && (byte & 0x40) === 0) || (n === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** A length-prefixed vector/section payload. */
function withLength(payload: Code): Code {
  const bytes = flatten(payload);
  return [uleb(bytes.length), bytes];
}

function section(id: number, payload: Code): Code {
  return [id, withLength(payload)];
}

function utf8Name(s: string): Code {
  return withLength([...new TextEncoder().encode(s)]);
}

/** One function body: locals declared as (count, type) runs, then code, then `end`. */
function funcBody(locals: [number, number][], code: Code): Code {
  const decl = [uleb(locals.length), locals.map(([count, type]) => [uleb(count), type])];
  return withLength([decl, code, OP_END]);
}

// Instruction helpers: each returns the bytes of one instruction (with its operands' code).
const get = (i: number) => [OP_LOCAL_GET, uleb(i)];
const set = (i: number) => [OP_LOCAL_SET, uleb(i)];
const tee = (i: number) => [OP_LOCAL_TEE, uleb(i)];
const i32 = (n: number) => [OP_I32_CONST, sleb(BigInt(n))];
const i64 = (n: bigint) => [OP_I64_CONST, sleb(n)];
const simd = (op: number) => [OP_SIMD, uleb(op)];
// Every access uses address 0 plus a constant offset, so the address operand is always `i32.const 0`.
const ADDR0 = i32(0);
const load64 = (offset: number) => [ADDR0, OP_I64_LOAD, ALIGN_8, uleb(offset)];
const store64 = (offset: number, value: Code) => [ADDR0, value, OP_I64_STORE, ALIGN_8, uleb(offset)];
const load128 = (offset: number) => [ADDR0, simd(SIMD_V128_LOAD), ALIGN_16, uleb(offset)];
const store128 = (offset: number, value: Code) => [ADDR0, value, simd(SIMD_V128_STORE), ALIGN_16, uleb(offset)];
/** i8x16.shuffle of the two stack operands a, b: result byte i = (a ‖ b)[lanes[i]]. */
const shuffle = (lanes: number[]) => [simd(SIMD_I8X16_SHUFFLE), lanes];

/** `while (n >= 10) { body(0..9); n -= 10 }` then the n < 10 leftover rounds, round s unless n <= s. */
function roundLoop(n: number, round: (s: number) => Code): Code {
  const code: Code[] = [OP_BLOCK, BLOCKTYPE_EMPTY, OP_LOOP, BLOCKTYPE_EMPTY];
  code.push(get(n), i32(10), OP_I32_LT_U, OP_BR_IF, 1);
  for (let s = 0; s < 10; s++) code.push(round(s));
  code.push(get(n), i32(10), OP_I32_SUB, set(n), OP_BR, 0, OP_END, OP_END);
  // The leftovers start at SIGMA[0] again since the loop ran a multiple of 10 rounds.
  code.push(OP_BLOCK, BLOCKTYPE_EMPTY);
  for (let s = 0; s < 10; s++) code.push(get(n), i32(s), OP_I32_LE_U, OP_BR_IF, 0, round(s));
  code.push(OP_END);
  return code;
}

// ---------------------------------------------------------------------------------------------
// The module

const IV = [
  0x6a09e667f3bcc908n, 0xbb67ae8584caa73bn, 0x3c6ef372fe94f82bn, 0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n, 0x9b05688c2b3e6c1fn, 0x1f83d9abfb41bd6bn, 0x5be0cd19137e2179n,
];

/** BLAKE2b message schedule: round i uses SIGMA[i mod 10] (EIP-152). Shared with the JS reference. */
export const SIGMA: readonly (readonly number[])[] = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

// Both `rounds(n: i32)` variants: param 0 is the round count.
const N = 0;

// --- scalar variant: locals v0..v15 then m0..m15 (i64) ---

const vLocal = (i: number) => 1 + i;
const mLocal = (i: number) => 17 + i;

/** `dst = rotr(x ^ y, bits)` on i64 locals. */
function xorRotr(dst: number, x: number, y: number, bits: number): Code {
  return [get(x), get(y), OP_I64_XOR, i64(BigInt(bits)), OP_I64_ROTR, set(dst)];
}

/** The mixing function G (RFC 7693 §3.1) on v locals a, b, c, d with message words x, y. */
function mix(a: number, b: number, c: number, d: number, x: number, y: number): Code {
  const [va, vb, vc, vd] = [a, b, c, d].map(vLocal);
  // a + m first: it does not depend on the just-computed b, so it is off the critical path.
  const addA = (w: number) => [get(va), get(mLocal(w)), OP_I64_ADD, get(vb), OP_I64_ADD, set(va)];
  return [
    addA(x),
    xorRotr(vd, vd, va, 32),
    get(vc), get(vd), OP_I64_ADD, set(vc),
    xorRotr(vb, vb, vc, 24),
    addA(y),
    xorRotr(vd, vd, va, 16),
    get(vc), get(vd), OP_I64_ADD, set(vc),
    xorRotr(vb, vb, vc, 63),
  ];
}

/** One scalar round with message schedule SIGMA[s]. */
function scalarRound(s: number): Code {
  const m = SIGMA[s];
  return [
    mix(0, 4, 8, 12, m[0], m[1]),
    mix(1, 5, 9, 13, m[2], m[3]),
    mix(2, 6, 10, 14, m[4], m[5]),
    mix(3, 7, 11, 15, m[6], m[7]),
    mix(0, 5, 10, 15, m[8], m[9]),
    mix(1, 6, 11, 12, m[10], m[11]),
    mix(2, 7, 8, 13, m[12], m[13]),
    mix(3, 4, 9, 14, m[14], m[15]),
  ];
}

/** Scalar `rounds(n)`: v, m from memory into locals; n rounds from SIGMA[0]; v back to memory. */
function scalarRoundsBody(): Code {
  const code: Code[] = [];
  for (let i = 0; i < 16; i++) code.push(load64(V + 8 * i), set(vLocal(i)));
  for (let i = 0; i < 16; i++) code.push(load64(M + 8 * i), set(mLocal(i)));
  code.push(roundLoop(N, scalarRound));
  for (let i = 0; i < 16; i++) code.push(store64(V + 8 * i, get(vLocal(i))));
  return funcBody([[32, TYPE_I64]], code);
}

// --- SIMD variant: rows of the 4×4 state as (low, high) i64x2 pairs, e.g. row 1 = (v0,v1), (v2,v3) ---

const ROW1 = [1, 2];
const ROW2 = [3, 4];
const ROW3 = [5, 6];
const ROW4 = [7, 8];

// Byte lanes of rotate-right within each 64-bit lane by 32, 24 and 16 bits (all < 16: x's own bytes).
const rotrLanes = (bytes: number) => [...Array(16).keys()].map((i) => (i & 8) + ((i + bytes) % 8));
const ROTR32 = rotrLanes(4);
const ROTR24 = rotrLanes(3);
const ROTR16 = rotrLanes(2);
// (a, b) -> (a.hi, b.lo): the palignr-style shuffle used to rotate a row by one column.
const ALIGN = [...Array(16).keys()].map((i) => i + 8);

/** `dst = rotr(x ^ y, bits)` per 64-bit lane on v128 locals. */
function xorRotrVec(dst: number, x: number, y: number, bits: 16 | 24 | 32 | 63): Code {
  const xor = [get(x), get(y), simd(SIMD_V128_XOR)];
  if (bits === 63) {
    // rotr 63 = (x << 1) | (x >>> 63), with x + x for the shift; the halves are disjoint so xor = or.
    const shifted = [get(dst), i32(63), simd(SIMD_I64X2_SHR_U)];
    return [xor, tee(dst), get(dst), simd(SIMD_I64X2_ADD), shifted, simd(SIMD_V128_XOR), set(dst)];
  }
  if (bits === 32) return [xor, tee(dst), get(dst), shuffle(ROTR32), set(dst)]; // V8: one pshufd
  // Byte rotations as a swizzle by a constant: V8 hoists the mask into a register and emits a bare
  // pshufb, whereas the equivalent i8x16.shuffle rebuilt its mask on every use (~20% slower overall).
  const mask = [simd(SIMD_V128_CONST), bits === 24 ? ROTR24 : ROTR16];
  return [xor, mask, simd(SIMD_I8X16_SWIZZLE), set(dst)];
}

/** G on all four columns at once: rows a..d as (lo, hi) local pairs, message vector offsets per half. */
function mixVec([a, b, c, d]: number[][], first: number[], second: number[]): Code {
  const code: Code[] = [];
  for (const half of [0, 1]) {
    const [va, vb, vc, vd] = [a[half], b[half], c[half], d[half]];
    // a + m first: it does not depend on the just-computed b, so it is off the critical path.
    const addA = (msg: number) => [get(va), load128(msg), simd(SIMD_I64X2_ADD), get(vb), simd(SIMD_I64X2_ADD), set(va)];
    const addC = [get(vc), get(vd), simd(SIMD_I64X2_ADD), set(vc)];
    code.push(addA(first[half]), xorRotrVec(vd, vd, va, 32), addC, xorRotrVec(vb, vb, vc, 24));
    code.push(addA(second[half]), xorRotrVec(vd, vd, va, 16), addC, xorRotrVec(vb, vb, vc, 63));
  }
  return code;
}

/** Rotate the row pair (lo, hi) left by `by` columns (1 or 3) through the two stack results. */
function rotateRow([lo, hi]: number[], by: 1 | 3): Code {
  const a = by === 1 ? lo : hi; // new lo = (a.hi, b.lo)
  const b = by === 1 ? hi : lo;
  return [get(a), get(b), shuffle(ALIGN), get(b), get(a), shuffle(ALIGN), set(hi), set(lo)];
}

const swap = ([lo, hi]: number[]) => [hi, lo];

/**
 * One SIMD round with message schedule SIGMA[s]: columns, diagonalise, diagonals, undiagonalise.
 * Diagonalising needs rows a..d rotated by x, x+1, x+2, x+3 columns; x = 3 leaves row b, which the
 * column step computes last, in place, and makes row d's rotation by 2 a mere swap of its locals'
 * roles, so only rows a and c (ready earlier) take a palignr, off the critical path.
 */
function simdRound(s: number): Code {
  const msg = (k: number) => MV + 128 * s + 16 * k;
  const diagonal = [ROW1, ROW2, ROW3, swap(ROW4)];
  return [
    mixVec([ROW1, ROW2, ROW3, ROW4], [msg(0), msg(1)], [msg(2), msg(3)]),
    rotateRow(ROW1, 3), rotateRow(ROW3, 1),
    mixVec(diagonal, [msg(4), msg(5)], [msg(6), msg(7)]),
    rotateRow(ROW1, 1), rotateRow(ROW3, 3),
  ];
}

/** SIMD `rounds(n)`: v from memory into 8 v128 locals; n rounds from SIGMA[0]; v back to memory. */
function simdRoundsBody(): Code {
  const rows = [ROW1, ROW2, ROW3, ROW4].flat();
  const code: Code[] = [];
  rows.forEach((local, i) => code.push(load128(V + 16 * i), set(local)));
  code.push(roundLoop(N, simdRound));
  rows.forEach((local, i) => code.push(store128(V + 16 * i, get(local))));
  return funcBody([[8, TYPE_V128]], code);
}

// Which SIGMA positions fill the two lanes of a round's message vectors 0..7, in simdRound's order:
// column step (lo, hi for the first adds, then the second), then the diagonal step, whose lanes hold
// the diagonals (v3,v4,v9,v14), (v0,v5,v10,v15) | (v1,v6,v11,v12), (v2,v7,v8,v13): G7, G4 | G5, G6.
const MV_LANES = [[0, 2], [4, 6], [1, 3], [5, 7], [14, 8], [10, 12], [15, 9], [11, 13]];

/** `init()`: v = h ‖ IV with v12 ^= t0, v13 ^= t1, v14 ^= -f (all ones when final); and the SIMD message vectors. */
function initBody(): Code {
  const code: Code[] = [];
  for (let i = 0; i < 8; i++) code.push(store64(V + 8 * i, load64(H + 8 * i)));
  for (let i = 0; i < 8; i++) {
    let value: Code = i64(IV[i]);
    if (i === 4) value = [value, load64(T), OP_I64_XOR];
    if (i === 5) value = [value, load64(T + 8), OP_I64_XOR];
    if (i === 6) value = [value, i64(0n), load64(F), OP_I64_SUB, OP_I64_XOR];
    code.push(store64(V + 64 + 8 * i, value));
  }
  for (let s = 0; s < 10; s++) {
    MV_LANES.forEach((lanes, k) =>
      lanes.forEach((j, lane) => code.push(store64(MV + 128 * s + 16 * k + 8 * lane, load64(M + 8 * SIGMA[s][j])))),
    );
  }
  return funcBody([], code);
}

/** `finish()`: h[i] ^= v[i] ^ v[i + 8]. */
function finishBody(): Code {
  const code: Code[] = [];
  for (let i = 0; i < 8; i++) {
    const value = [load64(H + 8 * i), load64(V + 8 * i), OP_I64_XOR, load64(V + 64 + 8 * i), OP_I64_XOR];
    code.push(store64(H + 8 * i, value));
  }
  return funcBody([], code);
}

/** The module bytes: memory "mem" (1 page) and functions init(), rounds(n: i32), finish(). */
export function buildBlake2fModule(useSimd: boolean): Uint8Array {
  const TYPE_VOID = 0; // () -> ()
  const TYPE_N = 1; // (i32) -> ()
  const types = section(SECTION_TYPE, [
    uleb(2),
    [TYPE_FUNC, uleb(0), uleb(0)],
    [TYPE_FUNC, uleb(1), TYPE_I32, uleb(0)],
  ]);
  // Function indices: 0 init, 1 rounds, 2 finish.
  const funcs = section(SECTION_FUNCTION, [uleb(3), TYPE_VOID, TYPE_N, TYPE_VOID]);
  const memory = section(SECTION_MEMORY, [uleb(1), 0x00 /* min only */, uleb(1)]);
  const exports = section(SECTION_EXPORT, [
    uleb(4),
    utf8Name('mem'), EXPORT_MEMORY, uleb(0),
    utf8Name('init'), EXPORT_FUNC, uleb(0),
    utf8Name('rounds'), EXPORT_FUNC, uleb(1),
    utf8Name('finish'), EXPORT_FUNC, uleb(2),
  ]);
  const rounds = useSimd ? simdRoundsBody() : scalarRoundsBody();
  const code = section(SECTION_CODE, [uleb(3), initBody(), rounds, finishBody()]);
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]; // "\0asm", version 1
  return Uint8Array.from(flatten([header, types, funcs, memory, exports, code]));
}

// ---------------------------------------------------------------------------------------------
// Instantiation

// Minimal typing of the WebAssembly JS API (the project's lib settings do not declare it).
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
}
interface Blake2fExports {
  mem: { buffer: ArrayBuffer };
  init: () => void;
  rounds: (n: number) => void;
  finish: () => void;
}

/**
 * Rounds per call into wasm (a multiple of 10, so every call starts at SIGMA[0]). V8 does not
 * tier up a running wasm call, so a single 2^32-round call would stay in baseline (Liftoff) code,
 * >10× slower; splitting lets later calls use the optimised (TurboFan) code at negligible cost.
 */
const CHUNK = 100_000;

/** Compile one variant; `null` if WebAssembly (or its SIMD proposal) is unavailable. */
function instantiate(useSimd: boolean): Blake2fCompress | null {
  const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    const instance = new wasm.Instance(new wasm.Module(buildBlake2fModule(useSimd)), {});
    const { mem, init, rounds, finish } = instance.exports as unknown as Blake2fExports;
    const bytes = new Uint8Array(mem.buffer); // the module never grows memory: the buffer never detaches
    return (count, params) => {
      bytes.set(params.subarray(0, BLAKE2F_PARAMS_LENGTH), H);
      bytes.fill(0, F + 1, F + 8); // f is the low byte of the u64 at F
      init();
      let left = count;
      while (left > CHUNK) {
        rounds(CHUNK);
        left -= CHUNK;
      }
      rounds(left);
      finish();
      return bytes.slice(H, H + 64);
    };
  } catch {
    return null;
  }
}

const cache = new Map<boolean, Blake2fCompress | null>();

/** The wasm F compression (SIMD variant by default), compiled on first call; `null` if WebAssembly is unavailable. */
export function blake2fWasm(useSimd = true): Blake2fCompress | null {
  let fn = cache.get(useSimd);
  if (fn === undefined) {
    fn = instantiate(useSimd) ?? (useSimd ? blake2fWasm(false) : null);
    cache.set(useSimd, fn);
  }
  return fn;
}
