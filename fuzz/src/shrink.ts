/**
 * Shrinking: a divergent case is reduced while it still diverges the same way (same kind): fewer accounts,
 * fewer code pieces, fewer storage slots, a simpler transaction. Greedy passes until nothing more goes, within
 * a budget of re-checks.
 */
import type { GenCase } from './generate/case.js';

/** Answers whether a candidate still shows the divergence. */
export type StillDiverges = (c: GenCase) => Promise<boolean>;

/** How much shrinking may cost. */
export interface ShrinkBudget {
  readonly checks: number;
  readonly ms: number;
}

/** The smallest case found that still diverges, and how many checks it took. */
export async function shrink(original: GenCase, still: StillDiverges, budget: ShrinkBudget): Promise<{ case: GenCase; checks: number }> {
  let best = original;
  let checks = 0;
  const deadline = Date.now() + budget.ms;
  const exhausted = () => checks >= budget.checks || Date.now() > deadline;
  /** Tries an edit on a copy; keeps it when the divergence survives. */
  const attempt = async (edit: (c: GenCase) => boolean): Promise<boolean> => {
    if (exhausted()) return false;
    const candidate = structuredClone(best);
    if (!edit(candidate)) return false;
    checks++;
    if (!(await still(candidate))) return false;
    best = candidate;
    return true;
  };
  let progress = true;
  while (progress && !exhausted()) {
    progress = false;
    // Whole accounts (never the sender: without it every transaction is invalid for another reason).
    for (let i = best.accounts.length - 1; i >= 0; i--) {
      if (best.accounts[i]?.address === best.sender) continue;
      if (await attempt((c) => c.accounts.splice(i, 1).length === 1)) progress = true;
    }
    // Code pieces, in halving chunks, per account.
    for (let a = 0; a < best.accounts.length; a++) {
      if (await removeChunks(best.accounts[a].code.length, (at, n) => attempt((c) => c.accounts[a].code.splice(at, n).length > 0))) progress = true;
    }
    for (let a = 0; a < best.accounts.length; a++) {
      for (let s = best.accounts[a].storage.length - 1; s >= 0; s--) {
        if (await attempt((c) => c.accounts[a].storage.splice(s, 1).length === 1)) progress = true;
      }
    }
    if (await simplifyTransaction(best, attempt)) progress = true;
  }
  return { case: best, checks };
}

/** ddmin-style removal of contiguous chunks, halving the chunk size down to one. */
async function removeChunks(length: number, remove: (at: number, n: number) => Promise<boolean>): Promise<boolean> {
  let any = false;
  for (let n = Math.max(1, Math.floor(length / 2)); n >= 1; n = Math.floor(n / 2)) {
    for (let at = length - n; at >= 0; at -= n) {
      if (await remove(at, n)) {
        any = true;
        length -= n;
      }
    }
    if (n === 1) break;
  }
  return any;
}

async function simplifyTransaction(best: GenCase, attempt: (edit: (c: GenCase) => boolean) => Promise<boolean>): Promise<boolean> {
  let any = false;
  const edits: ((c: GenCase) => boolean)[] = [
    (c) => c.tx.accessList.length > 0 && ((c.tx.accessList = []), true),
    (c) => c.tx.blobHashes.length > 1 && ((c.tx.blobHashes = c.tx.blobHashes.slice(0, 1)), true),
    (c) => c.tx.value !== 0n && ((c.tx.value = 0n), true),
    (c) => c.tx.to !== null && c.tx.data.some((d) => d.length > 0) && ((c.tx.data = [new Uint8Array(0)]), true),
  ];
  for (const edit of edits) if (await attempt(edit)) any = true;
  for (let i = best.tx.authorizations.length - 1; i >= 0; i--) {
    if (await attempt((c) => c.tx.authorizations.splice(i, 1).length === 1)) any = true;
  }
  if (best.tx.to === null) {
    if (await removeChunks(best.tx.data.length, (at, n) => attempt((c) => c.tx.data.splice(at, n).length > 0))) any = true;
  }
  return any;
}
