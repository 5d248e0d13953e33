/**
 * Building a block on a state: the block-start changes (the DAO fork, the EIP-4788 and EIP-2935 system
 * calls), transactions one by one against the block's gas and blob gas left, each with its receipt, then
 * withdrawals, rewards and requests, and finally every root the header commits to. A t8n tool and a miner
 * use it directly; `applyBlock` uses it to check a block.
 */
import { maxBlobGasPerBlock } from '../forks/blob.js';
import { Fork } from '../forks/fork.js';
import { powRules } from '../forks/pow.js';
import { stateRoot } from '../state/root.js';
import type { WorldState } from '../state/world.js';
import type { Tracer } from '../evm/tracer.js';
import { executeTransaction } from '../transition/execute.js';
import { blobGasUsed, blobScheduleOf } from '../transition/gas.js';
import type { Address } from '../primitives/address.js';
import type { BlockEnv, Log, TxResult } from '../transition/types.js';
import { logsBloom, orBloom } from './bloom.js';
import { applyDaoFork } from './dao.js';
import { InvalidBlockError } from './errors.js';
import type { BlockHeader } from './header.js';
import type { Receipt } from './receipt.js';
import { DepositLayoutError, DEPOSIT_REQUEST_TYPE, depositRequests, typedRequest } from './requests.js';
import { receiptsRoot, requestsHash, transactionsRoot, withdrawalsRoot } from './roots.js';
import { type SystemContract, systemCall, systemContracts } from './system.js';
import { type SignedTransaction, signatureRejection } from './transaction.js';
import { GWEI, type Withdrawal } from './withdrawal.js';

/** The block being built: its fork, the environment its transactions see, and what the system calls read. */
export interface BlockContext {
  readonly fork: Fork;
  readonly env: BlockEnv;
  /** The parent's hash, which EIP-2935 (Prague on) stores; absent: no EIP-2935 call (a t8n tool given no block hashes). */
  readonly parentHash?: Uint8Array;
  /** EIP-4788 (Cancun on); absent: no EIP-4788 call (geth's t8n makes it only when given). */
  readonly parentBeaconBlockRoot?: Uint8Array;
  /** This is the DAO fork block: apply the irregular state change first. */
  readonly daoFork?: boolean;
  /**
   * false: no system calls (EIP-4788, EIP-2935, the EIP-7685 requests), as a t8n tool's `--state-test` runs a
   * state test's transaction (execution-specs' t8n). Default true.
   */
  readonly systemCalls?: boolean;
}

/** What adding a transaction gave: its receipt and result, or why it was rejected (the state is then unchanged). */
export type TxOutcome =
  | { readonly included: true; readonly receipt: Receipt; readonly result: TxResult }
  | { readonly included: false; readonly reason: string };

/** Everything a header commits to after its block has run. */
export interface BlockOutput {
  readonly stateRoot: Uint8Array;
  readonly transactionsRoot: Uint8Array;
  readonly receiptsRoot: Uint8Array;
  readonly logsBloom: Uint8Array;
  readonly gasUsed: bigint;
  /** EIP-4844 (Cancun on). */
  readonly blobGasUsed?: bigint;
  /** EIP-4895 (Shanghai on). */
  readonly withdrawalsRoot?: Uint8Array;
  /** EIP-7685 requests (Prague on), each its type byte then data; empty ones left out. */
  readonly requests?: readonly Uint8Array[];
  readonly requestsHash?: Uint8Array;
  readonly receipts: readonly Receipt[];
}

/** What the end of a block needs: withdrawals (Shanghai on) and uncles (their miners are rewarded). */
export interface BlockEnd {
  readonly withdrawals?: readonly Withdrawal[];
  /** The uncles (their number and miner are what the reward needs). */
  readonly ommers?: readonly Pick<BlockHeader, 'number' | 'coinbase'>[];
  /**
   * The block reward: absent, the fork's (before Paris); a value replaces it and is paid at any fork, touching
   * the miners even when 0 (a t8n tool's `--state.reward`); null: no reward step at all.
   */
  readonly blockReward?: bigint | null;
}

/** Options of a block builder. */
export interface BuilderOptions {
  /** A tracer per transaction (EIP-3155), by its index among the included transactions. */
  readonly tracerFor?: (index: number, state: WorldState, signed: SignedTransaction) => Tracer | null;
}

/** Builds one block on `state` (which it changes). */
export class BlockBuilder {
  private readonly receiptList: Receipt[] = [];
  private readonly raws: Uint8Array[] = [];
  private readonly logs: Log[] = [];
  private gasUsed = 0n;
  private blobGas = 0n;

  /** Runs the block-start changes. Throws InvalidBlockError only for rules of the block itself. */
  constructor(
    readonly state: WorldState,
    readonly context: BlockContext,
    private readonly options: BuilderOptions = {},
  ) {
    if (context.daoFork === true) applyDaoFork(state);
    if (context.systemCalls === false) return;
    for (const contract of systemContracts(context.fork, 'pre')) {
      if (this.input(contract) !== undefined) this.call(contract);
    }
  }

  /** The receipts so far. */
  get receipts(): readonly Receipt[] {
    return this.receiptList;
  }

  /** Gas used so far. */
  get cumulativeGasUsed(): bigint {
    return this.gasUsed;
  }

  /**
   * Runs one transaction if the block can include it: its signature and chain id suit the fork, its gas
   * limit fits the block's gas left and its blobs the blob gas left, and it is valid against the state.
   */
  addTransaction(signed: SignedTransaction): TxOutcome {
    const { fork, env } = this.context;
    const tx = signed.tx;
    const bad = signatureRejection(signed, fork, env.chainId);
    if (bad !== undefined) return { included: false, reason: bad };
    if (tx.gasLimit > env.gasLimit - this.gasUsed) {
      return { included: false, reason: `GAS_ALLOWANCE_EXCEEDED: gas limit ${tx.gasLimit} above the block's gas left ${env.gasLimit - this.gasUsed}` };
    }
    const schedule = blobScheduleOf(env, fork);
    const blobs = blobGasUsed(tx);
    if (schedule !== undefined && blobs > 0n && this.blobGas + blobs > maxBlobGasPerBlock(schedule)) {
      return { included: false, reason: `TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED: blob gas ${blobs} above the block's blob gas left ${maxBlobGasPerBlock(schedule) - this.blobGas}` };
    }
    const index = this.raws.length;
    const result = executeTransaction(this.state, env, tx, fork, { tracer: this.options.tracerFor?.(index, this.state, signed) ?? null });
    if (result.status === 'invalid') return { included: false, reason: result.error ?? 'invalid transaction' };
    this.gasUsed += result.gasUsed;
    this.blobGas += blobs;
    this.raws.push(signed.raw);
    this.logs.push(...result.logs);
    const receipt: Receipt = {
      type: tx.type,
      // EIP-658 (Byzantium): a status instead of the intermediate state root.
      ...(fork >= Fork.Byzantium ? { status: result.status === 'success' } : { postState: stateRoot(this.state) }),
      cumulativeGasUsed: this.gasUsed,
      gasUsed: result.gasUsed,
      logsBloom: logsBloom(result.logs),
      logs: result.logs,
    };
    this.receiptList.push(receipt);
    return { included: true, receipt, result };
  }

  /** Ends the block: withdrawals, rewards, requests, then the roots. Throws InvalidBlockError. */
  finish(end: BlockEnd = {}): BlockOutput {
    const { fork } = this.context;
    if (fork >= Fork.Shanghai) this.withdraw(end.withdrawals ?? []);
    if (end.blockReward !== undefined ? end.blockReward !== null : fork < Fork.Paris) this.reward(end.blockReward ?? powRules(fork).blockReward, end.ommers ?? []);
    const requests = fork >= Fork.Prague && this.context.systemCalls !== false ? this.requests() : undefined;
    const bloom = new Uint8Array(256);
    for (const r of this.receiptList) orBloom(bloom, r.logsBloom);
    return {
      stateRoot: stateRoot(this.state),
      transactionsRoot: transactionsRoot(this.raws),
      receiptsRoot: receiptsRoot(this.receiptList),
      logsBloom: bloom,
      gasUsed: this.gasUsed,
      ...(fork >= Fork.Cancun ? { blobGasUsed: this.blobGas } : {}),
      ...(fork >= Fork.Shanghai ? { withdrawalsRoot: withdrawalsRoot(end.withdrawals ?? []) } : {}),
      ...(requests === undefined ? {} : { requests, requestsHash: requestsHash(requests) }),
      receipts: this.receiptList,
    };
  }

  /** EIP-4895: credits each withdrawal (Gwei); one to an empty account leaves none (EIP-161). */
  private withdraw(withdrawals: readonly Withdrawal[]): void {
    for (const w of withdrawals) {
      this.state.addBalance(w.address, w.amount * GWEI);
      this.state.touch(w.address);
    }
    this.state.finalizeTransaction(true);
  }

  /**
   * The miner's reward, 1/32 of it more per uncle, and each uncle's miner (8 + uncle − block)/8 of it. Each
   * credit touches its account, so a 0 reward deletes an empty miner from EIP-158 on (and creates one before).
   */
  private reward(reward: bigint, ommers: readonly Pick<BlockHeader, 'number' | 'coinbase'>[]): void {
    const { fork, env } = this.context;
    const credit = (address: Address, amount: bigint) => {
      this.state.addBalance(address, amount);
      this.state.touch(address);
    };
    for (const o of ommers) credit(o.coinbase, ((8n + o.number - env.number) * reward) / 8n);
    credit(env.coinbase, reward + (reward * BigInt(ommers.length)) / 32n);
    this.state.finalizeTransaction(fork >= Fork.SpuriousDragon);
  }

  /** EIP-7685: deposits (EIP-6110) from the logs, then the requests the system contracts return. */
  private requests(): Uint8Array[] {
    const out: Uint8Array[] = [];
    let deposits: Uint8Array;
    try {
      deposits = depositRequests(this.logs);
    } catch (e) {
      if (e instanceof DepositLayoutError) throw new InvalidBlockError('INVALID_DEPOSIT_EVENT_LAYOUT', e.message);
      throw e;
    }
    if (deposits.length > 0) out.push(typedRequest(DEPOSIT_REQUEST_TYPE, deposits));
    for (const contract of systemContracts(this.context.fork, 'post')) {
      const output = this.call(contract);
      if (output.length > 0) out.push(typedRequest(contract.requestType!, output));
    }
    return out;
  }

  /** What a system call sends; undefined when the context lacks it (the call is then not made). */
  private input(contract: SystemContract): Uint8Array | undefined {
    const { parentHash, parentBeaconBlockRoot } = this.context;
    return contract.input === 'parentHash' ? parentHash : contract.input === 'parentBeaconBlockRoot' ? parentBeaconBlockRoot : new Uint8Array(0);
  }

  /** One system call; a requests contract must exist and succeed (EIP-7002, EIP-7251). */
  private call(contract: SystemContract): Uint8Array {
    const { env, fork } = this.context;
    const result = systemCall(this.state, env, fork, contract, this.input(contract) ?? new Uint8Array(0));
    if (contract.requestType !== undefined) {
      if (!result.hasCode) throw new InvalidBlockError('SYSTEM_CONTRACT_EMPTY', `${contract.eip} system contract ${contract.address} has no code`);
      if (!result.success) throw new InvalidBlockError('SYSTEM_CONTRACT_CALL_FAILED', `${contract.eip} system call to ${contract.address} failed`);
    }
    return result.output;
  }
}
