/**
 * `evmkit t8n --trace`: one file `trace-<txIndex>-<txHash>.jsonl` per included transaction (txIndex counts
 * the included ones, as the receipts do), EIP-3155 lines streamed into it while the transaction runs, then
 * geth's summary line `{"output","gasUsed"[,"error"]}` of the transaction's own frame.
 */
import { closeSync, openSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { SignedTransaction } from '../block/transaction.js';
import { bytesToHex } from '../primitives/bytes.js';
import type { WorldState } from '../state/world.js';
import { T8nError, T8nExit } from '../t8n/errors.js';
import type { T8nTracing } from '../t8n/transition.js';
import { Eip3155Tracer } from '../trace/eip3155.js';

/** What the trace lines show besides the standard fields. */
export interface TraceContent {
  readonly memory: boolean;
  readonly returnData: boolean;
  readonly stack: boolean;
}

/** Writes the trace files of a run into `basedir` (the current directory when ''). */
export class TraceFiles implements T8nTracing {
  private current: { fd: number; path: string; tracer: Eip3155Tracer } | undefined;

  constructor(
    private readonly basedir: string,
    private readonly content: TraceContent,
  ) {}

  open(index: number, signed: SignedTransaction, state: WorldState): Eip3155Tracer {
    const path = join(this.basedir, `trace-${index}-${bytesToHex(signed.hash)}.jsonl`);
    let fd: number;
    try {
      fd = openSync(path, 'w');
    } catch (e) {
      throw new T8nError(T8nExit.io, `--trace: cannot create ${path}: ${(e as Error).message}`);
    }
    const write = (text: string) => {
      try {
        writeSync(fd, text);
      } catch (e) {
        throw new T8nError(T8nExit.io, `--trace: cannot write ${path}: ${(e as Error).message}`);
      }
    };
    const tracer = new Eip3155Tracer({ write, refund: () => state.refund, ...this.content });
    this.current = { fd, path, tracer };
    return tracer;
  }

  /** Ends the transaction's file: its summary for an included one; a rejected one (it ran no frame) leaves none. */
  close(included: boolean): void {
    const c = this.current;
    if (c === undefined) return;
    this.current = undefined;
    if (included && c.tracer.topLevel !== undefined) c.tracer.summary(c.tracer.topLevel);
    c.tracer.flush();
    closeSync(c.fd);
    if (!included) unlinkSync(c.path);
  }

  /** Closes a file left open by a run that failed midway. */
  abandon(): void {
    if (this.current !== undefined) closeSync(this.current.fd);
    this.current = undefined;
  }
}
