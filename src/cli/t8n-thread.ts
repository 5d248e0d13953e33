/**
 * The thread `evmkit t8n` runs transitions in: a worker with a 256 MB stack, as the test runners use, so
 * that 1024-deep call chains (the interpreter recurses per call) do not overflow the main thread's stack.
 */
import { Worker } from 'node:worker_threads';
import { T8nError } from '../t8n/errors.js';
import type { T8nInput, T8nOptions, T8nOutput } from '../t8n/transition.js';
import type { TraceContent } from './t8n-trace.js';

/** Trace files to write, and where. */
export interface TraceRequest {
  readonly basedir: string;
  readonly content: TraceContent;
}

/** A message to the worker. */
export type ThreadRequest =
  | { readonly kind: 'once'; readonly input: T8nInput; readonly options: Omit<T8nOptions, 'tracing'>; readonly trace?: TraceRequest }
  | { readonly kind: 'batch'; readonly line: string; readonly defaults: Omit<T8nOptions, 'tracing'> };

/** The worker's answer. */
export type ThreadAnswer =
  | { readonly output: T8nOutput }
  | { readonly answer: string }
  | { readonly error: { readonly exitCode: number; readonly message: string } }
  | { readonly internal: string };

/** One worker thread, asked one request at a time. */
export class T8nThread {
  private readonly worker = new Worker(new URL('./t8n-worker.js', import.meta.url), { resourceLimits: { stackSizeMb: 256 } });

  /** Runs one transition; rejects with its T8nError, or an Error for a bug. */
  async once(input: T8nInput, options: Omit<T8nOptions, 'tracing'>, trace?: TraceRequest): Promise<T8nOutput> {
    const a = await this.ask({ kind: 'once', input, options, trace });
    if ('output' in a) return a.output;
    throw this.failure(a);
  }

  /** Answers one `--batch` request line with its answer line. */
  async batch(line: string, defaults: Omit<T8nOptions, 'tracing'>): Promise<string> {
    const a = await this.ask({ kind: 'batch', line, defaults });
    if ('answer' in a) return a.answer;
    throw this.failure(a);
  }

  /** Stops the thread. */
  async close(): Promise<void> {
    await this.worker.terminate();
  }

  private failure(a: ThreadAnswer): Error {
    if ('error' in a) return new T8nError(a.error.exitCode, a.error.message);
    return new Error('internal' in a ? a.internal : 'unexpected answer from the t8n thread');
  }

  private ask(request: ThreadRequest): Promise<ThreadAnswer> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => {
        this.worker.off('message', onMessage);
        reject(e);
      };
      const onMessage = (a: ThreadAnswer) => {
        this.worker.off('error', onError);
        resolve(a);
      };
      this.worker.once('message', onMessage);
      this.worker.once('error', onError);
      this.worker.postMessage(request);
    });
  }
}
