/** A small bounded memo for pure conversions that see the same few keys again and again. */

/**
 * Returns `compute` memoized on its argument. The table is emptied when it reaches `limit` entries (cheaper
 * than tracking recency, and the working set of one transaction or fixture file is far smaller). Only for
 * functions whose results are never mutated by callers.
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const table = new Map<K, V>();
  return (key: K): V => {
    let value = table.get(key);
    if (value === undefined) {
      if (table.size >= limit) table.clear();
      value = compute(key);
      table.set(key, value);
    }
    return value;
  };
}
