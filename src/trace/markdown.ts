/**
 * A trace as a Markdown table, for people rather than diff tools (geth's `--trace.format=md`): one row per
 * instruction with decimal gas, then the outcome. Rows are printed exactly when the JSON lines would be,
 * with the same costs and errors (trace/steps.ts).
 */
import type { Frame } from '../evm/frame.js';
import type { Message } from '../evm/host.js';
import { hexOf, StepTracer, type Step, type StepFormat, type StepTracerOptions, type TraceContent, type TraceSummary } from './steps.js';

/** Column order of the table: the optional columns are appended by `capture`. */
function header(content: Required<TraceContent>): string {
  const names = ['depth', 'pc', 'op', 'gas', 'cost', 'refund'];
  const align = ['--:', '--:', ':--', '--:', '--:', '--:'];
  if (content.stack) names.push('stack (bottom first)'), align.push(':--');
  if (content.memory) names.push('memory'), align.push(':--');
  if (content.returnData) names.push('return data'), align.push(':--');
  names.push('error');
  align.push(':--');
  return `| ${names.join(' | ')} |\n|${align.join('|')}|`;
}

/** The Markdown format; `content` fixes the columns of the header. */
function markdownFormat(content: Required<TraceContent>): StepFormat {
  return {
    capture(frame: Frame, c: Required<TraceContent>): string {
      let out = '';
      if (c.stack) out += ` | ${stackText(frame)}`;
      if (c.memory) out += ` | ${frame.memSize === 0 ? '' : hexOf(frame.memory, frame.memSize)}`;
      if (c.returnData) out += ` | ${frame.returnData.length === 0 ? '' : hexOf(frame.returnData, frame.returnData.length)}`;
      return out;
    },

    step(s: Step): string {
      return `| ${s.depth} | ${s.pc} | ${s.opName} | ${s.gas} | ${s.cost} | ${s.refund}${s.captured} | ${s.error ?? ''} |`;
    },

    summary(s: TraceSummary): string {
      const output = s.output.length === 0 ? '0x' : hexOf(s.output, s.output.length);
      return `\nOutput: \`${output}\`, gas used: ${s.gasUsed}, error: ${s.error === undefined || s.error === '' ? 'none' : s.error}`;
    },

    begin(message: Message): string {
      return `Gas: ${message.gas}, input: \`${message.input.length === 0 ? '0x' : hexOf(message.input, message.input.length)}\`\n\n${header(content)}`;
    },
  };
}

/** Writes the trace as a Markdown table; attach it as the interpreter's tracer. */
export class MarkdownTracer extends StepTracer {
  constructor(options: StepTracerOptions) {
    const content = { stack: options.stack ?? true, memory: options.memory ?? false, returnData: options.returnData ?? false };
    super(markdownFormat(content), options);
  }
}

/** The stack words in hex, bottom first, comma-separated. */
function stackText(frame: Frame): string {
  let out = '';
  for (let i = 0; i < frame.sp; i++) out += (i === 0 ? '0x' : ', 0x') + frame.stack[i].toString(16);
  return out;
}
