/** Wires every handler into the 256-entry dispatch table, by opcode name from the opcode table. */
import type { Frame } from '../frame.js';
import { OPCODES } from '../opcodes.js';
import { Status } from '../status.js';
import * as arithmetic from './arithmetic.js';
import * as bitwise from './bitwise.js';
import * as keccak from './keccak.js';
import * as environment from './environment.js';
import * as block from './block.js';
import * as stack from './stack.js';
import * as memory from './memory.js';
import * as storage from './storage.js';
import * as control from './control.js';
import * as system from './system.js';
import { makeLog } from './log.js';

/** An instruction handler: does the work, charges dynamic gas, returns Continue or how the frame ends. */
export type Handler = (f: Frame) => Status;

const NAMED: Record<string, Handler> = {
  ...arithmetic,
  ...bitwise,
  ...keccak,
  ...environment,
  ...block,
  ...storage,
  ...control,
  // system.ts also exports resumeCall, the second half of the call instructions (not a handler).
  CALL: system.CALL,
  CALLCODE: system.CALLCODE,
  DELEGATECALL: system.DELEGATECALL,
  STATICCALL: system.STATICCALL,
  CREATE: system.CREATE,
  CREATE2: system.CREATE2,
  SELFDESTRUCT: system.SELFDESTRUCT,
  POP: stack.POP,
  PUSH0: stack.PUSH0,
  MLOAD: memory.MLOAD,
  MSTORE: memory.MSTORE,
  MSTORE8: memory.MSTORE8,
  MSIZE: memory.MSIZE,
  MCOPY: memory.MCOPY,
};
for (let n = 1; n <= 32; n++) NAMED[`PUSH${n}`] = stack.makePush(n);
for (let n = 1; n <= 16; n++) NAMED[`DUP${n}`] = stack.makeDup(n);
for (let n = 1; n <= 16; n++) NAMED[`SWAP${n}`] = stack.makeSwap(n);
for (let n = 0; n <= 4; n++) NAMED[`LOG${n}`] = makeLog(n);

/** Never reached: the loop rejects opcodes the fork does not define before dispatching. */
const undefinedOpcode: Handler = () => Status.UndefinedInstruction;

/** handlers[opcode]. */
export const HANDLERS: Handler[] = OPCODES.map((info) => {
  if (info === undefined) return undefinedOpcode;
  const handler = NAMED[info.name];
  if (handler === undefined) throw new Error(`no handler for ${info.name}`);
  return handler;
});
