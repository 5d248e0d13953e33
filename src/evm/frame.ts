/** The state of one executing frame: stack, memory, gas, pc, return data, and what it runs on. */
import type { Address } from '../primitives/address.js';
import { EMPTY_BYTES } from '../primitives/bytes.js';
import { readWordAt, toSmallNumber, writeWordAt } from '../primitives/word.js';
import type { GasSchedule } from '../forks/gas.js';
import type { Fork } from '../forks/fork.js';
import type { AnalyzedCode } from './analysis.js';
import { CallKind, type FrameInput, type Host, type Message } from './host.js';
import type { InstructionSet } from './instruction-set.js';
import { Status } from './status.js';
import type { Tracer } from './tracer.js';

/** Maximum stack height. */
export const STACK_LIMIT = 1024;

/** Memory beyond this many bytes is never affordable with gas below 2^53; treated as out of gas. */
const MEMORY_LIMIT = 0x100000000;
const MEMORY_LIMIT_BIG = BigInt(MEMORY_LIMIT);
/** geth's bounds (core/vm/memory_table.go, gas.go): a range must end within 64 bits, rounded up to words. */
const RANGE_LIMIT = (1n << 64n) - 32n;
/** geth prices no memory larger than this (memoryGasCost); beyond, it reports 'gas uint64 overflow'. */
const PRICED_LIMIT = 0x1fffffffe0n;
const EMPTY_VIEW = new DataView(new ArrayBuffer(0));
/** Where the word handlers assemble a word of a resizable memory (see fastSize). */
const SCRATCH = new Uint8Array(32);
const SCRATCH_VIEW = new DataView(SCRATCH.buffer);

/**
 * Gas lives in a plain number for speed. A few fixtures give a transaction close to 2^63 gas, more than a
 * number holds exactly, so the excess waits in `reserve` (a bigint, normally 0n) and moves into `gas` in
 * chunks of 2^52 when `gas` runs short. Only GAS and the call/create handlers look at the total.
 */
const GAS_CHUNK = 2 ** 52;
const GAS_CHUNK_BIG = 1n << 52n;
const MAX_EXACT = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Stacks and memory buffers of ended frames, by call depth, for the next frame at that depth: allocating a
 * 1024-slot stack and growing memory from nothing was ~20% of a short call's time (docs/PERFORMANCE.md).
 */
const stackPool: (bigint[] | undefined)[] = [];
const memoryPool: (Uint8Array | undefined)[] = [];
const largeMemoryPool: (ArrayBuffer | undefined)[] = [];

/**
 * Memory up to this size lives in a plain ArrayBuffer, grown by doubling. Beyond it, memory is a resizable
 * ArrayBuffer reserved up to MEMORY_LIMIT, which grows in place. A DataView of a resizable buffer is several
 * times slower to read (V8 compiles no fast path for it): snailtracer's memory reaches 8 MB and
 * structarray_alloc's 750 KB, and with a 64 KB limit they ran 1.4× and 2× slower (docs/PERFORMANCE.md,
 * Session 4). A block's gas buys about 4 MB. A plain buffer's pages are committed only when written
 * (calloc maps them): 1024 nested frames with 1 MB of memory each (static_Call1MB1024Calldepth) peak at
 * 129–136 MB, against 123 MB with resizable buffers from 64 KB on. Their pages stay resident until V8
 * collects them.
 */
const PLAIN_MEMORY = 1 << 24;
/**
 * Plain buffers up to POOLED_MEMORY go back to the pool (zeroed) when their frame ends. Larger ones do while
 * the pooled ones above POOLED_MEMORY hold at most LARGE_POOL_BYTES in all, so a pool of deep frames never
 * keeps more than that committed: a program that uses megabytes of memory and runs again and again
 * (snailtracer, 8 MB) otherwise grew its buffer afresh through 17 doublings each run, 19 MB allocated,
 * zeroed and copied, and left it to the collector.
 */
const POOLED_MEMORY = 1 << 16;
const LARGE_POOL_BYTES = 1 << 24;
let largePooled = 0;

/** Takes the pooled buffer of `depth`, if any. */
function takePooledMemory(depth: number): Uint8Array | undefined {
  const memory = memoryPool[depth];
  if (memory === undefined) return undefined;
  memoryPool[depth] = undefined;
  if (memory.length > POOLED_MEMORY) largePooled -= memory.length;
  return memory;
}

/** Zeroes the first `used` bytes of a plain buffer (the rest never was written) and pools it, within the bounds above. */
function poolMemory(depth: number, memory: Uint8Array, used: number): void {
  if (memory.length === 0 || memoryPool[depth] !== undefined) return;
  const large = memory.length > POOLED_MEMORY;
  if (large && largePooled + memory.length > LARGE_POOL_BYTES) return;
  memory.fill(0, 0, used);
  if (large) largePooled += memory.length;
  memoryPool[depth] = memory;
}

/** An executing frame. Handlers read and write its fields directly: it is the interpreter's register file. */
export class Frame {
  readonly stack: bigint[];
  /** Number of items on the stack; the top is stack[sp - 1]. */
  sp = 0;
  pc = 0;
  gas = 0;
  /** Gas beyond what `gas` holds exactly; 0n except for enormous gas limits. */
  reserve = 0n;
  memory: Uint8Array = EMPTY_BYTES;
  /** A DataView of `memory` (replaced with it), for the 64-bit loads and stores of MLOAD/MSTORE. */
  memView: DataView = EMPTY_VIEW;
  /** Active memory size in bytes (a multiple of 32). */
  memSize = 0;
  /**
   * memSize while memory is a plain buffer, 0 once it is a resizable one: the inline MLOAD/MSTORE use
   * memView only below it, and readWordAt/writeWordAt only ever see DataViews of plain buffers. V8 compiles a
   * DataView access for the one kind of buffer it has seen; after one resizable view, every later MLOAD of
   * the process took ~4× as long (memory_grow_mload/by16 when the limit was 64 KB: its last word landed past it).
   */
  fastSize = 0;
  /** Why the last charge or memory expansion failed: the status the handler returns (see expandMemory). */
  fault: Status = Status.OutOfGas;
  /** The gas that failed charge asked for, which traces add to gasCost as geth does. */
  unpaid: number | bigint = 0;
  /** Output of the last call made from this frame (RETURNDATASIZE/COPY). */
  returnData: Uint8Array = EMPTY_BYTES;
  /** This frame's own output (RETURN/REVERT data). */
  output: Uint8Array = EMPTY_BYTES;
  /** The message a CALL/CREATE-family instruction of this frame sent and waits for (see execute()). */
  pendingCall: Message | null = null;
  /** Where the pending call's output is copied in memory (CALL family; the size is already paid for). */
  returnOffset = 0;
  returnSize = 0;
  /** Gas before the suspended instruction, for the traced loop's onStepEnd when the frame resumes. */
  stepGas = 0;
  readonly address: Address;
  readonly fork: Fork;
  /** CALLDATA*: the message's input, except for initcode, which runs as code and sees none. */
  readonly callData: Uint8Array;

  constructor(
    readonly message: Message,
    readonly code: AnalyzedCode,
    readonly host: Host,
    readonly schedule: GasSchedule,
    readonly tracer: Tracer | null,
    /** The instruction set the frame runs (tracers read opcode names from it). */
    readonly instructions: InstructionSet,
    /** The frame whose call this frame runs (null for the outermost frame of execute()). */
    readonly parent: Frame | null = null,
    /** What the host's beginCall answered for this frame, handed back to endCall (null for the outermost). */
    readonly begun: FrameInput | null = null,
  ) {
    this.setTotalGas(message.gas);
    this.address = message.recipient;
    this.fork = host.context.fork;
    this.callData = message.kind === CallKind.Create || message.kind === CallKind.Create2 ? EMPTY_BYTES : message.input;
    const depth = message.depth;
    this.stack = stackPool[depth] ?? new Array<bigint>(STACK_LIMIT).fill(0n);
    stackPool[depth] = undefined;
    const memory = takePooledMemory(depth);
    if (memory !== undefined) {
      this.memory = memory;
      this.memView = new DataView(memory.buffer);
    }
  }

  /**
   * Gives the stack and the memory buffer back for the next frame at this depth (execute() calls it when the
   * frame has ended; the frame must not be used afterwards). Memory is zeroed here, so a reused buffer is
   * as fresh as a new one. Frames at the same depth never overlap in time, so one slot per depth suffices.
   */
  release(): void {
    const depth = this.message.depth;
    stackPool[depth] = this.stack;
    const buffer = this.memory.buffer as ArrayBuffer;
    if (buffer.resizable) {
      buffer.resize(0); // gives the pages back; a later resize starts from zeros
      largeMemoryPool[depth] = buffer;
    } else {
      poolMemory(depth, this.memory, this.memSize);
    }
    this.memory = EMPTY_BYTES;
    this.memView = EMPTY_VIEW;
    this.memSize = 0;
    this.fastSize = 0;
  }

  /** Charges gas; false (and no charge) when not enough is left. */
  charge(amount: number): boolean {
    if (this.gas < amount && !this.refill(amount)) return this.cannotPay(amount, Status.OutOfGas);
    this.gas -= amount;
    return true;
  }

  /** Records why a charge failed (the cold path): `fault` for the handler to return, `unpaid` for traces. */
  private cannotPay(amount: number | bigint, fault: Status): false {
    this.unpaid = amount;
    this.fault = fault;
    return false;
  }

  /** Moves reserve gas into `gas` so that `amount` can be paid; false when the total is short. */
  refill(amount: number): boolean {
    if (this.reserve === 0n) return false;
    this.setTotalGas(this.totalGas());
    return this.gas >= amount;
  }

  /** All gas left, exactly. */
  totalGas(): bigint {
    return this.reserve === 0n ? BigInt(this.gas) : BigInt(this.gas) + this.reserve;
  }

  /** Sets the gas left to `total`. */
  setTotalGas(total: bigint): void {
    if (total <= MAX_EXACT) {
      this.gas = Number(total);
      this.reserve = 0n;
    } else {
      this.gas = GAS_CHUNK;
      this.reserve = total - GAS_CHUNK_BIG;
    }
  }

  /**
   * Expands memory to cover [offset, offset + size) and charges for it together with the instruction's own
   * price of the bytes, `perWord` per 32-byte word and `perByte` per byte (one charge, as the specs make
   * it). Returns false when that cannot be paid, with `fault` saying why: OutOfGas, or geth's
   * GasUintOverflow (the range ends beyond 64 bits) and MemoryGasOverflow (no price for that size). A zero
   * size never expands, whatever the offset (Yellow Paper M function).
   */
  expandMemory(offset: bigint, size: bigint, perWord = 0, perByte = 0): boolean {
    if (size === 0n) return true;
    // Compared before converting: no bigint is allocated on this path.
    if (offset > MEMORY_LIMIT_BIG || size > MEMORY_LIMIT_BIG) return this.hugeMemory(offset, size, perWord, perByte);
    const n = toSmallNumber(size);
    return this.expandTo(toSmallNumber(offset) + n, perWord * Math.ceil(n / 32) + perByte * n);
  }

  /** expandMemory for offsets already known to be small numbers; `extra` is charged with the expansion. */
  expandTo(end: number, extra = 0): boolean {
    if (end <= this.memSize) return extra === 0 || this.charge(extra);
    if (end > MEMORY_LIMIT) return this.hugeMemory(BigInt(end), 0n, 0, 0, extra);
    const newWords = Math.ceil(end / 32);
    const oldWords = this.memSize / 32;
    if (!this.charge(memoryCost(newWords) - memoryCost(oldWords) + extra)) return false;
    const newSize = newWords * 32;
    if (newSize > this.memory.length) this.growMemory(Math.max(newSize, Math.min(this.memory.length * 2, MEMORY_LIMIT)));
    this.setSize(newSize);
    return true;
  }

  private setSize(size: number): void {
    this.memSize = size;
    this.fastSize = this.memory.length <= PLAIN_MEMORY ? size : 0;
  }

  /** The word at `offset` (memory holds it): MLOAD's read, for plain and resizable memory alike. */
  loadWord(offset: number): bigint {
    if (offset + 32 <= this.fastSize) return readWordAt(this.memView, offset);
    SCRATCH.set(this.memory.subarray(offset, offset + 32));
    return readWordAt(SCRATCH_VIEW, 0);
  }

  /** Writes `value` as the word at `offset` (memory holds it): MSTORE's write. */
  storeWord(offset: number, value: bigint): void {
    if (offset + 32 <= this.fastSize) return writeWordAt(this.memView, offset, value);
    writeWordAt(SCRATCH_VIEW, 0, value);
    this.memory.set(SCRATCH, offset);
  }

  /**
   * The inline MLOAD/MSTORE's expansion (interpreter and translated code): memory grows to cover `end` when
   * the buffer already holds it (else -1: the handler grows it), paid from `gas`, the caller's local gas
   * (else -1: the handler refills from the reserve and reports a failure exactly). Returns the gas left.
   * `end` is at most 2^32 + 32.
   */
  growWithin(end: number, gas: number): number {
    const size = this.memSize;
    if (end <= size) return gas;
    if (end > this.memory.length) return -1;
    const words = Math.ceil(end / 32);
    const cost = memoryCost(words) - memoryCost(size / 32);
    if (cost > gas) return -1;
    this.setSize(words * 32);
    return gas - cost;
  }

  /**
   * A memory range beyond MEMORY_LIMIT, never affordable: fails with the reason and price geth gives it
   * (computed exactly, in bigints: this is the cold path).
   */
  private hugeMemory(offset: bigint, size: bigint, perWord: number, perByte: number, extra = 0): false {
    const end = offset + size;
    if (offset >= 1n << 64n || size >= 1n << 64n || end > RANGE_LIMIT) return this.cannotPay(0, Status.GasUintOverflow);
    if (end > PRICED_LIMIT) return this.cannotPay(0, Status.MemoryGasOverflow);
    const words = (end + 31n) / 32n;
    const old = BigInt(this.memSize / 32);
    const memory = 3n * words + (words * words) / 512n - (3n * old + (old * old) / 512n);
    const bytes = BigInt(perWord) * ((size + 31n) / 32n) + BigInt(perByte) * size + BigInt(extra);
    return this.cannotPay(memory + bytes, Status.OutOfGas);
  }

  /** Gives memory room for `capacity` bytes, keeping its contents (see PLAIN_MEMORY). */
  private growMemory(capacity: number): void {
    let buffer = this.memory.buffer as ArrayBuffer;
    if (capacity <= PLAIN_MEMORY) {
      const grown = new Uint8Array(capacity);
      grown.set(this.memory.subarray(0, this.memSize));
      buffer = grown.buffer;
    } else if (buffer.resizable) {
      buffer.resize(capacity);
    } else {
      const depth = this.message.depth;
      const large = largeMemoryPool[depth] ?? new ArrayBuffer(0, { maxByteLength: MEMORY_LIMIT });
      largeMemoryPool[depth] = undefined;
      large.resize(capacity);
      new Uint8Array(large).set(this.memory.subarray(0, this.memSize));
      poolMemory(depth, this.memory, this.memSize); // the plain buffer goes back to this depth's pool
      buffer = large;
    }
    // Fixed-length views: V8 reads them faster than length-tracking ones.
    this.memory = new Uint8Array(buffer, 0, capacity);
    this.memView = new DataView(buffer, 0, capacity);
  }

  /** Pops the top of the stack. The loop has checked the height. */
  pop(): bigint {
    return this.stack[--this.sp];
  }

  /** Pushes a word. The loop has checked the height. */
  push(value: bigint): void {
    this.stack[this.sp++] = value;
  }

  /** Sets the frame's output and returns the status, for RETURN/REVERT-style endings. */
  finish(status: Status, output: Uint8Array): Status {
    this.output = output;
    return status;
  }
}

/** Total gas for `words` words of memory: 3·words + words²/512. */
export function memoryCost(words: number): number {
  return 3 * words + Math.floor((words * words) / 512);
}

/** Gas for copying `size` bytes: 3 per 32-byte word. `size` is known to be affordable-small. */
export function copyCost(size: number): number {
  return 3 * Math.ceil(size / 32);
}
