/** An opcode counter: how many times each instruction ran, by name (geth's `opcountTracer`/unigram, by name). */
import type { Frame } from '../../evm/frame.js';
import { opcodeNameIn } from '../../evm/instruction-set.js';
import type { TransactionTracer } from '../../transition/execute.js';

/** Counts executed instructions (every frame, custom opcodes by their names). */
export class OpcodeCounter implements TransactionTracer {
  private readonly counts = new Map<string, number>();
  private total = 0;

  onStep(frame: Frame, op: number): void {
    const name = opcodeNameIn(frame.instructions, op);
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
    this.total++;
  }

  /** Name → count, most frequent first (ties by name). */
  result(): Record<string, number> {
    const entries = [...this.counts.entries()].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries);
  }

  /** Instructions executed in all. */
  get count(): number {
    return this.total;
  }
}

/** A new opcode counter. */
export function opcodeCounter(): OpcodeCounter {
  return new OpcodeCounter();
}
