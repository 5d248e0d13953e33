/** LOG0 … LOG4. The base gas (375 per topic plus 375) comes from the table; data costs 8 per byte. */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';

/** LOGn */
export function makeLog(topicCount: number): (f: Frame) => Status {
  return (f: Frame): Status => {
    if (f.message.isStatic) return Status.StaticViolation;
    const s = f.stack;
    const top = f.sp - 1;
    const offset = s[top];
    const size = s[top - 1];
    if (!f.expandMemory(offset, size)) return Status.OutOfGas;
    const n = Number(size);
    if (!f.charge(8 * n)) return Status.OutOfGas;
    const topics: bigint[] = [];
    for (let i = 0; i < topicCount; i++) topics.push(s[top - 2 - i]);
    f.sp -= 2 + topicCount;
    const start = n === 0 ? 0 : Number(offset);
    f.host.emitLog(f.address, topics, f.memory.slice(start, start + n));
    return Status.Continue;
  };
}
