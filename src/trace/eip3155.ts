/**
 * EIP-3155 JSON lines, in geth's field order and formatting:
 * `pc, op, gas, gasCost, [memory,] memSize, stack, [returnData,] depth, refund, opName[, error]`, and a
 * closing summary `{"output","gasUsed"[,"error"]}`. As geth's StructLog marshals them, an empty `memory` or
 * `returnData` is left out, and a stack turned off (--trace.nostack) prints as `"stack":null`.
 */
import type { Frame } from '../evm/frame.js';
import { hexOf, StepTracer, type Step, type StepFormat, type StepTracerOptions, type TraceContent, type TraceSummary } from './steps.js';

export type { TraceSummary } from './steps.js';

/** How an Eip3155Tracer writes and what it adds to each line. */
export type Eip3155Options = StepTracerOptions;

/** The JSON-lines format. */
export const EIP3155_FORMAT: StepFormat = {
  capture(frame: Frame, content: Required<TraceContent>): string {
    let out = '';
    if (content.memory && frame.memSize > 0) out += `"memory":"${hexOf(frame.memory, frame.memSize)}",`;
    out += `"memSize":${frame.memSize},"stack":${content.stack ? stackJson(frame) : 'null'}`;
    if (content.returnData && frame.returnData.length > 0) out += `,"returnData":"${hexOf(frame.returnData, frame.returnData.length)}"`;
    return out;
  },

  step(s: Step): string {
    let line = `{"pc":${s.pc},"op":${s.op},"gas":"0x${s.gas.toString(16)}","gasCost":"0x${s.cost.toString(16)}",${s.captured},"depth":${s.depth},"refund":${s.refund},"opName":"${s.opName}"`;
    if (s.error !== undefined) line += `,"error":${JSON.stringify(s.error)}`;
    return line + '}';
  },

  summary(s: TraceSummary): string {
    let line = `{"output":"${hexOf(s.output, s.output.length).slice(2)}","gasUsed":"0x${s.gasUsed.toString(16)}"`;
    if (s.error !== undefined && s.error !== '') line += `,"error":${JSON.stringify(s.error)}`;
    return line + '}';
  },

  begin(): string {
    return '';
  },
};

/** Writes EIP-3155 JSON lines; attach it as the interpreter's tracer. Call `flush()` (or `summary()`) at the end. */
export class Eip3155Tracer extends StepTracer {
  constructor(options: Eip3155Options) {
    super(EIP3155_FORMAT, options);
  }
}

/** The stack as a JSON array of minimal hex words, bottom first. */
function stackJson(frame: Frame): string {
  const sp = frame.sp;
  if (sp === 0) return '[]';
  const s = frame.stack;
  let out = '["0x' + s[0].toString(16);
  for (let i = 1; i < sp; i++) out += '","0x' + s[i].toString(16);
  return out + '"]';
}
