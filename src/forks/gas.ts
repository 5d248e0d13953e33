/**
 * The typed gas schedule: one object per fork with named fields, each fork built as a delta from the
 * previous one (so that this file reads as the changelog of gas rules).
 */
import { perFork } from './deltas.js';
import { Fork } from './fork.js';

/** Gas constants that vary by fork or that the interpreter and transaction code share. */
export interface GasSchedule {
  readonly txBase: number; // G_transaction
  readonly txCreate: number; // extra for contract-creating transactions (EIP-2, Homestead)
  readonly txDataZero: number;
  readonly txDataNonZero: number; // 68, then 16 (EIP-2028)
  /** EIP-7623 calldata floor per token (a zero byte is 1 token, any other 4); 0: no floor (before Prague). */
  readonly txFloorPerToken: number;
  readonly accessListAddress: number; // EIP-2930
  readonly accessListStorageKey: number;
  readonly initcodeWord: number; // EIP-3860, 0 before Shanghai
  readonly expByte: number; // 10, then 50 (EIP-160)
  readonly callValueTransfer: number;
  readonly callStipend: number;
  readonly newAccount: number;
  readonly selfdestructRefund: number; // 24000, removed by EIP-3529
  readonly coldAccountAccess: number; // EIP-2929, 0 before Berlin
  readonly coldSload: number;
  readonly warmStorageRead: number;
  readonly sstoreSet: number;
  readonly sstoreReset: number; // 5000, or 5000 - cold sload (EIP-2929)
  readonly sstoreClearRefund: number; // 15000, then 4800 (EIP-3529)
  readonly maxRefundQuotient: number; // refund ≤ gasUsed / quotient: 2, then 5 (EIP-3529)
  readonly maxCodeSize: number; // EIP-170, Infinity before Spurious Dragon
  readonly maxInitcodeSize: number; // EIP-3860, Infinity before Shanghai
}

const FRONTIER: GasSchedule = {
  txBase: 21000,
  txCreate: 0,
  txDataZero: 4,
  txDataNonZero: 68,
  txFloorPerToken: 0,
  accessListAddress: 0,
  accessListStorageKey: 0,
  initcodeWord: 0,
  expByte: 10,
  callValueTransfer: 9000,
  callStipend: 2300,
  newAccount: 25000,
  selfdestructRefund: 24000,
  coldAccountAccess: 0,
  coldSload: 0,
  warmStorageRead: 0,
  sstoreSet: 20000,
  sstoreReset: 5000,
  sstoreClearRefund: 15000,
  maxRefundQuotient: 2,
  maxCodeSize: Infinity,
  maxInitcodeSize: Infinity,
};

const CHANGES: Partial<Record<Fork, Partial<GasSchedule>>> = {
  [Fork.Homestead]: { txCreate: 32000 }, // EIP-2
  [Fork.SpuriousDragon]: { expByte: 50, maxCodeSize: 24576 }, // EIP-160, EIP-170
  [Fork.Constantinople]: { warmStorageRead: 200 }, // EIP-1283 "SLOAD_GAS" of the net-metering rules
  [Fork.Petersburg]: { warmStorageRead: 0 }, // EIP-1283 removed
  [Fork.Istanbul]: { txDataNonZero: 16, warmStorageRead: 800 }, // EIP-2028, EIP-2200
  [Fork.Berlin]: {
    // EIP-2929, EIP-2930
    accessListAddress: 2400,
    accessListStorageKey: 1900,
    coldAccountAccess: 2600,
    coldSload: 2100,
    warmStorageRead: 100,
    sstoreReset: 5000 - 2100,
  },
  [Fork.London]: { selfdestructRefund: 0, sstoreClearRefund: 4800, maxRefundQuotient: 5 }, // EIP-3529
  [Fork.Shanghai]: { initcodeWord: 2, maxInitcodeSize: 2 * 24576 }, // EIP-3860
  [Fork.Prague]: { txFloorPerToken: 10 }, // EIP-7623
};

const SCHEDULES = perFork(FRONTIER, CHANGES);

/** The gas schedule in force in `fork`. */
export function gasSchedule(fork: Fork): GasSchedule {
  return SCHEDULES[fork];
}
