/**
 * The EVM stack of one block as the translator models it (translate/emit.ts): which positions hold values
 * known only as JavaScript locals or literals, and which the stack array already holds. Emitting code asks
 * it for operands and tells it about results; it writes the array only where the block needs it.
 */

export /** A value on the modelled stack: a local or a literal; `dirty` when the array does not hold it yet. */
interface Entry {
  readonly e: string;
  dirty: boolean;
  /** The value, when known at translation time (PUSH, PC): a jump to it is static. */
  readonly lit?: bigint;
  /** A boolean local equivalent to `e !== 0n` (comparison results), for JUMPI and ISZERO. */
  readonly bool?: string;
  /**
   * The array position the value was read from, and that position's write count then: while the count is
   * unchanged the array still holds the value there, and spilling it back there writes nothing.
   */
  readonly home?: number;
  readonly homeWrites?: number;
}

/** The statements of one block and its stack model, positions relative to the stack height at its entry. */
export class BlockWriter {
  readonly lines: string[] = [];
  private readonly slots = new Map<number, Entry>();
  /** Writes to each array position so far (in any branch): a home is valid only while this is unchanged. */
  private readonly writes = new Map<number, number>();
  /** Stack height relative to the block's entry (the local `sp`). */
  h = 0;
  constructor(private readonly counter: { n: number }) {}

  fresh(): string {
    return `t${this.counter.n++}`;
  }

  at(pos: number): string {
    return pos === 0 ? 'stack[sp]' : pos > 0 ? `stack[sp + ${pos}]` : `stack[sp - ${-pos}]`;
  }

  /** The entry at `pos`, reading the array into a local the first time. */
  slot(pos: number): Entry {
    let entry = this.slots.get(pos);
    if (entry === undefined) {
      const t = this.fresh();
      this.lines.push(`const ${t} = ${this.at(pos)};`);
      entry = { e: t, dirty: false, home: pos, homeWrites: this.writes.get(pos) ?? 0 };
      this.slots.set(pos, entry);
    }
    return entry;
  }

  pop(): Entry {
    const pos = --this.h;
    const entry = this.slot(pos);
    this.slots.delete(pos);
    return entry;
  }

  peek(n: number): Entry {
    return this.slot(this.h - n);
  }

  push(entry: Entry): void {
    this.slots.set(this.h++, entry);
  }

  /** Pushes the result of statements that assign R (renamed to a fresh local). */
  pushResult(statements: string, bool?: boolean): void {
    const t = this.fresh();
    this.lines.push(statements.replace(/\bR\b/g, t));
    this.push(bool === true ? { e: `(${t} ? 1n : 0n)`, dirty: true, bool: t } : { e: t, dirty: true });
  }

  swap(n: number): void {
    const a = this.slot(this.h - 1);
    const b = this.slot(this.h - 1 - n);
    this.slots.set(this.h - 1, { ...b, dirty: true });
    this.slots.set(this.h - 1 - n, { ...a, dirty: true });
  }

  /** Writes the values the array lacks; `clean` records that it now holds them (not inside a branch). */
  spill(clean: boolean): void {
    for (const [pos, entry] of this.slots) {
      if (!entry.dirty || pos >= this.h) continue;
      if (entry.home !== pos || entry.homeWrites !== (this.writes.get(pos) ?? 0)) {
        this.lines.push(`${this.at(pos)} = ${entry.e};`);
        this.wrote(pos);
      }
      if (clean) entry.dirty = false;
    }
  }

  /** Records a write to array position `pos` (a spill, or a handler's result). */
  wrote(pos: number): void {
    this.writes.set(pos, (this.writes.get(pos) ?? 0) + 1);
  }

  /** After a handler took `stackIn` items and left `stackOut`: those positions are the array's now. */
  handled(stackIn: number, stackOut: number): void {
    for (const pos of [...this.slots.keys()]) if (pos >= this.h - stackIn) this.slots.delete(pos);
    this.h += stackOut - stackIn;
  }

  /** Ends the block's stack work: the array holds the stack, `sp` is its height. */
  settle(): void {
    this.spill(true);
    if (this.h !== 0) this.lines.push(`sp += ${this.h};`);
    this.slots.clear();
    this.h = 0;
  }
}
