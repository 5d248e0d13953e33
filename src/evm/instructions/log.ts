/**
 * LOG0 … LOG4. The base gas (375 per topic plus 375) comes from the table; data costs 8 per byte. As in the
 * specs, gas is charged before a static frame is refused (traces show the cost, as geth's do).
 */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { toSmallNumber } from '../../primitives/word.js';

/** LOGn */
export function makeLog(topicCount: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    const s = f.stack;
    const top = f.sp - 1;
    const offset = s[top];
    const size = s[top - 1];
    if (!f.expandMemory(offset, size, 0, 8)) return f.fault;
    if (f.message.isStatic) return Status.StaticViolation;
    const n = toSmallNumber(size);
    const topics: bigint[] = [];
    for (let i = 0; i < topicCount; i++) topics.push(s[top - 2 - i]);
    f.sp -= 2 + topicCount;
    const start = n === 0 ? 0 : toSmallNumber(offset);
    f.host.emitLog(f.address, topics, f.memory.slice(start, start + n));
    return Status.Continue;
  };
}
