/** The `pre` section of a state test: the accounts before the transaction. */
import { parseAlloc, type Alloc } from '../state/alloc.js';

/**
 * Parses `pre` into an allocation (state/alloc.ts). Fixture addresses are read without checksum rules: the
 * fillers wrote some in mixed case that is no EIP-55 checksum.
 */
export function parsePre(value: unknown): Alloc {
  return parseAlloc(value, { where: 'pre', checksum: 'ignore' });
}
