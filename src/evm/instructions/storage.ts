/** Storage: SLOAD, SSTORE (with every fork's metering), TLOAD, TSTORE (EIP-1153). */
import type { Frame } from '../frame.js';
import { Status } from '../status.js';
import { Fork } from '../../forks/fork.js';
import type { GasSchedule } from '../../forks/gas.js';
import { WARM_ACCESS } from '../opcodes.js';

export function SLOAD(f: Frame): Status {
  const s = f.stack;
  const key = s[f.sp - 1];
  // EIP-2929: the base gas is the warm price; a cold slot costs the difference on top.
  if (f.fork >= Fork.Berlin && f.host.accessSlot(f.address, key)) {
    if (!f.charge(f.schedule.coldSload - WARM_ACCESS)) return Status.OutOfGas;
  }
  s[f.sp - 1] = f.host.getStorage(f.address, key);
  return Status.Continue;
}

/** Gas and refund change of one SSTORE. */
interface SstoreCost {
  gas: number;
  refund: number;
}

/** Frontier … Byzantium and Petersburg: set 20000, otherwise 5000; clearing refunds 15000. */
function legacyCost(g: GasSchedule, current: bigint, value: bigint): SstoreCost {
  if (current === 0n && value !== 0n) return { gas: g.sstoreSet, refund: 0 };
  return { gas: g.sstoreReset, refund: current !== 0n && value === 0n ? g.sstoreClearRefund : 0 };
}

/** Net gas metering: EIP-1283 (Constantinople), EIP-2200 (Istanbul), with EIP-2929/3529 prices later. */
function netMeteredCost(g: GasSchedule, original: bigint, current: bigint, value: bigint): SstoreCost {
  if (value === current) return { gas: g.warmStorageRead, refund: 0 };
  if (original === current) {
    if (original === 0n) return { gas: g.sstoreSet, refund: 0 };
    return { gas: g.sstoreReset, refund: value === 0n ? g.sstoreClearRefund : 0 };
  }
  let refund = 0;
  if (original !== 0n) {
    if (current === 0n) refund -= g.sstoreClearRefund;
    else if (value === 0n) refund += g.sstoreClearRefund;
  }
  if (original === value) refund += (original === 0n ? g.sstoreSet : g.sstoreReset) - g.warmStorageRead;
  return { gas: g.warmStorageRead, refund };
}

/**
 * SSTORE in the specs' order: the stipend check, then the whole price (cold slot surcharge included) in
 * one charge and the refund, and only then the refusal in a static frame, with the stack still as it
 * was (as geth leaves it), so that a trace shows what geth's shows.
 */
export function SSTORE(f: Frame): Status {
  const fork = f.fork;
  // EIP-2200: SSTORE must not be possible with only the call stipend left.
  if (fork >= Fork.Istanbul && f.gas <= f.schedule.callStipend && f.reserve === 0n) return Status.ReentrancySentry;
  const s = f.stack;
  const key = s[f.sp - 1];
  const value = s[f.sp - 2];
  const host = f.host;
  const cold = fork >= Fork.Berlin && host.accessSlot(f.address, key) ? f.schedule.coldSload : 0;
  const current = host.getStorage(f.address, key);
  const netMetering = fork >= Fork.Istanbul || fork === Fork.Constantinople;
  const cost = netMetering
    ? netMeteredCost(f.schedule, host.getOriginalStorage(f.address, key), current, value)
    : legacyCost(f.schedule, current, value);
  if (!f.charge(cold + cost.gas)) return Status.OutOfGas;
  if (cost.refund !== 0) host.addRefund(cost.refund);
  if (f.message.isStatic) return Status.StaticViolation;
  f.sp -= 2;
  if (value !== current) host.setStorage(f.address, key, value);
  return Status.Continue;
}

/** EIP-1153 */
export function TLOAD(f: Frame): Status {
  const s = f.stack;
  s[f.sp - 1] = f.host.getTransient(f.address, s[f.sp - 1]);
  return Status.Continue;
}

/** EIP-1153 */
export function TSTORE(f: Frame): Status {
  if (f.message.isStatic) return Status.StaticViolation;
  const s = f.stack;
  const sp = (f.sp -= 2);
  f.host.setTransient(f.address, s[sp + 1], s[sp]);
  return Status.Continue;
}
