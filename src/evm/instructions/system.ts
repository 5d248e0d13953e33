/**
 * System operations: CREATE, CREATE2, CALL, CALLCODE, DELEGATECALL, STATICCALL, SELFDESTRUCT.
 *
 * A CALL/CREATE-family instruction runs in two halves around its child frame, so that nested calls never
 * recurse in JavaScript: the handler does everything up to the child's message (operands, memory, gas, the
 * 63/64 rule), leaves the message in `frame.pendingCall` and returns Status.Suspend; execute() runs the
 * child, and `resumeCall` takes its result back (gas, return data, the pushed word, output to memory).
 */
import type { Frame } from '../frame.js';
import { Status, isSuccess } from '../status.js';
import { CallKind, type CallResult } from '../host.js';
import { Fork } from '../../forks/fork.js';
import { addressFromWord, addressToWord } from '../../primitives/address.js';
import { EMPTY_BYTES } from '../../primitives/bytes.js';
import { toSmallNumber } from '../../primitives/word.js';
import { WARM_ACCESS } from '../opcodes.js';
import { delegateOf, delegatedAccessCost } from '../delegation.js';
import { words } from './util.js';

/** EIP-150: a call may forward at most all but one 64th of the gas left. */
function allButOne64th(gas: bigint): bigint {
  return gas - gas / 64n;
}

/** Reads memory[offset, offset+size) into a fresh array (after expandMemory succeeded). */
function memorySlice(f: Frame, offset: bigint, size: bigint): Uint8Array {
  if (size === 0n) return EMPTY_BYTES;
  const start = toSmallNumber(offset);
  return f.memory.slice(start, start + toSmallNumber(size));
}

/**
 * A view of memory[offset, offset+size), for call data: the caller's memory cannot change while the callee
 * runs, and copying would cost a callee's whole input per call (1024 nested calls with 1 MB of input each
 * would hold 1 GB). Message.input documents that it is valid only during the call.
 */
function memoryView(f: Frame, offset: bigint, size: bigint): Uint8Array {
  if (size === 0n) return EMPTY_BYTES;
  const start = toSmallNumber(offset);
  return f.memory.subarray(start, start + toSmallNumber(size));
}

/** Creates a CALL-family handler; `kind` decides the operands and the message's context. */
function makeCall(kind: CallKind): (f: Frame) => Status {
  const hasValue = kind === CallKind.Call || kind === CallKind.CallCode;
  return (f: Frame): Status => {
    const s = f.stack;
    let sp = f.sp;
    const requestedGas = s[--sp];
    const to = addressFromWord(s[--sp]);
    const value = hasValue ? s[--sp] : 0n;
    const inOffset = s[--sp];
    const inSize = s[--sp];
    const outOffset = s[--sp];
    const outSize = s[--sp];
    f.sp = sp + 1; // the result goes where the last operand was
    if (!f.expandMemory(inOffset, inSize) || !f.expandMemory(outOffset, outSize)) return f.fault;

    const host = f.host;
    const fork = f.fork;
    let extra = 0;
    if (fork >= Fork.Berlin && host.accessAccount(to)) extra += f.schedule.coldAccountAccess - WARM_ACCESS;
    const delegate = fork >= Fork.Prague ? delegateOf(host.getCode(to)) : null; // EIP-7702: one level
    if (delegate !== null) extra += delegatedAccessCost(host, delegate, f.schedule);
    if (hasValue && value !== 0n) extra += f.schedule.callValueTransfer;
    if (kind === CallKind.Call) {
      // EIP-161: only a value transfer to a dead account creates it; before, any call to a missing one.
      const createsAccount = fork >= Fork.SpuriousDragon ? value !== 0n && host.isDead(to) : !host.accountExists(to);
      if (createsAccount) extra += f.schedule.newAccount;
    }
    if (!f.charge(extra)) return Status.OutOfGas;
    const available = f.totalGas();
    let callGas = requestedGas;
    if (fork >= Fork.TangerineWhistle) {
      const cap = allButOne64th(available);
      if (cap < callGas) callGas = cap;
    } else if (callGas > available) {
      return Status.OutOfGas;
    }
    f.setTotalGas(available - callGas);
    if (kind === CallKind.Call && value !== 0n && f.message.isStatic) {
      f.sp = sp; // refused with its seven operands popped, as geth leaves the stack
      return Status.StaticViolation;
    }
    if (hasValue && value !== 0n) callGas += BigInt(f.schedule.callStipend);

    const m = f.message;
    f.pendingCall = {
      kind,
      caller: kind === CallKind.DelegateCall ? m.caller : f.address,
      recipient: kind === CallKind.Call || kind === CallKind.StaticCall ? to : f.address,
      codeAddress: delegate ?? to,
      delegated: delegate !== null,
      value: kind === CallKind.DelegateCall ? m.value : value,
      input: memoryView(f, inOffset, inSize),
      gas: callGas,
      depth: m.depth + 1,
      isStatic: m.isStatic || kind === CallKind.StaticCall,
    };
    // Both are small numbers whenever outSize is not 0 (the memory expansion above succeeded).
    f.returnOffset = Number(outOffset);
    f.returnSize = Number(outSize);
    return Status.Suspend;
  };
}

/** Creates the CREATE or CREATE2 handler. */
function makeCreate(kind: typeof CallKind.Create | typeof CallKind.Create2): (f: Frame) => Status {
  return (f: Frame): Status => {
    const s = f.stack;
    const height = f.sp;
    let sp = height;
    const value = s[--sp];
    const offset = s[--sp];
    const size = s[--sp];
    const salt = kind === CallKind.Create2 ? s[--sp] : undefined;
    f.sp = sp + 1;
    if (!f.expandMemory(offset, size)) return f.fault;
    const n = Number(size);
    // EIP-3860: initcode is metered per word and capped; EIP-1014: CREATE2 also pays for hashing it.
    let cost = f.schedule.initcodeWord * words(n);
    if (kind === CallKind.Create2) cost += 6 * words(n);
    if (!f.charge(cost)) return Status.OutOfGas;
    if (f.message.isStatic) {
      f.sp = height; // geth refuses a static frame before popping the operands
      return Status.StaticViolation;
    }
    if (n > f.schedule.maxInitcodeSize) return Status.InitcodeSizeExceeded; // exceptional: all gas goes

    const available = f.totalGas();
    const gas = f.fork >= Fork.TangerineWhistle ? allButOne64th(available) : available;
    f.setTotalGas(available - gas);
    f.pendingCall = {
      kind,
      caller: f.address,
      recipient: f.address, // the host replaces it with the new address
      codeAddress: f.address,
      value,
      input: memorySlice(f, offset, size),
      gas,
      depth: f.message.depth + 1,
      isStatic: false,
      salt,
    };
    return Status.Suspend;
  };
}

/**
 * The second half of the suspended CALL/CREATE-family instruction of `f`: `result` is what its message
 * came to (from the host at once, or after the child frame ran). Nothing here can fail: memory for the
 * output was expanded and paid for before the call.
 */
export function resumeCall(f: Frame, result: CallResult): void {
  const kind = f.pendingCall!.kind;
  f.pendingCall = null;
  f.setTotalGas(f.totalGas() + result.gasLeft);
  const slot = f.sp - 1; // reserved by the first half
  if (kind === CallKind.Create || kind === CallKind.Create2) {
    // Only a reverted creation leaves return data (EIP-211 semantics for creates).
    f.returnData = result.status === Status.Revert ? result.output : EMPTY_BYTES;
    f.stack[slot] = isSuccess(result.status) && result.createdAddress ? addressToWord(result.createdAddress) : 0n;
    return;
  }
  f.returnData = result.output;
  f.stack[slot] = isSuccess(result.status) ? 1n : 0n;
  const n = Math.min(f.returnSize, result.output.length);
  if (n > 0) f.memory.set(result.output.subarray(0, n), f.returnOffset);
}

export const CALL = makeCall(CallKind.Call);
export const CALLCODE = makeCall(CallKind.CallCode);
export const DELEGATECALL = makeCall(CallKind.DelegateCall);
export const STATICCALL = makeCall(CallKind.StaticCall);
export const CREATE = makeCreate(CallKind.Create);
export const CREATE2 = makeCreate(CallKind.Create2);

/** SELFDESTRUCT; like geth, a static frame is refused with the operand still on the stack (after the gas). */
export function SELFDESTRUCT(f: Frame): Status {
  const beneficiary = addressFromWord(f.stack[f.sp - 1]);
  const host = f.host;
  const fork = f.fork;
  let cost = 0;
  // EIP-2929: SELFDESTRUCT has no warm base price; a cold beneficiary costs the full cold access.
  if (fork >= Fork.Berlin && host.accessAccount(beneficiary)) cost += f.schedule.coldAccountAccess;
  if (fork >= Fork.SpuriousDragon) {
    // EIP-161: only moving a non-zero balance into a dead account creates it.
    if (host.isDead(beneficiary) && host.getBalance(f.address) !== 0n) cost += f.schedule.newAccount;
  } else if (fork >= Fork.TangerineWhistle) {
    if (!host.accountExists(beneficiary)) cost += f.schedule.newAccount; // EIP-150
  }
  if (!f.charge(cost)) return Status.OutOfGas;
  if (f.message.isStatic) return Status.StaticViolation;
  f.sp--;
  if (f.schedule.selfdestructRefund > 0 && !host.isDestructed(f.address)) host.addRefund(f.schedule.selfdestructRefund);
  host.selfDestruct(f.address, beneficiary);
  return Status.SelfDestruct;
}
