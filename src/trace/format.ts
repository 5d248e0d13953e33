/** The trace formats by name, and the tracer for each. */
import { Eip3155Tracer } from './eip3155.js';
import { MarkdownTracer } from './markdown.js';
import type { StepTracer, StepTracerOptions } from './steps.js';

/** A trace format: EIP-3155 JSON lines or a Markdown table. */
export type TraceFormat = 'json' | 'md';

/** The format a name stands for (`markdown` is `md`, as in geth), or undefined. */
export function knownFormat(name: string): TraceFormat | undefined {
  if (name === 'json') return 'json';
  if (name === 'md' || name === 'markdown') return 'md';
  return undefined;
}

/** A tracer writing `format`. */
export function createTracer(format: TraceFormat, options: StepTracerOptions): StepTracer {
  return format === 'md' ? new MarkdownTracer(options) : new Eip3155Tracer(options);
}
