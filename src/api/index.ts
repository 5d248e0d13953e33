/** The everyday API: createEvm and its results, ready tracers, revert decoding (block environments: transition/env.ts, exported by the entry). */
export { createEvm, Evm, type EvmOptions, type RunOptions, type DeployRequest, type AccessListResult, type CustomPrecompile } from './evm.js';
export type { CallRequest, AccessListInput, BytesLike } from './request.js';
export { type ExecutionResult, type SendResult, type DeployResult, type HexLog, hexLog, TransactionRejectedError, ExecutionFailedError } from './result.js';
export { type RevertReason, decodeRevert, describeRevert, ERROR_SELECTOR, PANIC_SELECTOR } from './revert.js';
export type { EstimateOptions } from './estimate.js';
export { AccessListTracer } from './access-list.js';
export { callTracer, CallTracer, type CallTracerOptions, type CallFrameJson, type CallLogJson } from './tracers/call.js';
export { prestateTracer, PrestateTracer, type PrestateTracerOptions, type PrestateJson, type PrestateAccountJson } from './tracers/prestate.js';
export { opcodeCounter, OpcodeCounter } from './tracers/opcodes.js';
export type { CustomOpcode, InstructionSet } from '../evm/instruction-set.js';
export { defaultInstructionSet, buildInstructionSet } from '../evm/instruction-set.js';
export { disassemble } from '../evm/disassemble.js';
export type { TransactionTracer } from '../transition/execute.js';
export type { TracedLog } from '../evm/tracer.js';
export type { PrecompileResult } from '../precompiles/index.js';
