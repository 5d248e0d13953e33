/**
 * The oracle: a state test executed by @ethereumjs/vm, an EVM written independently of evmkit. This is the
 * only module of the fuzzer that imports @ethereumjs/* (a devDependency, never a runtime one). It reads the
 * state-test JSON itself, so that evmkit's loader is not shared between the two sides.
 */
import { createBlock } from '@ethereumjs/block';
import { Common, Mainnet } from '@ethereumjs/common';
import { RLP } from '@ethereumjs/rlp';
import { MerkleStateManager } from '@ethereumjs/statemanager';
import { createTx } from '@ethereumjs/tx';
import { Account, Address, bigIntToBytes, bigIntToUnpaddedBytes, bytesToHex, hexToBytes, setLengthLeft } from '@ethereumjs/util';
import { createVM, runTx } from '@ethereumjs/vm';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { DasContextJs } from '@crate-crypto/node-eth-kzg';
import type { Dump, DumpAccount, Outcome, TraceStep } from './outcome.js';
import type { StateTestJson } from './statetest.js';

/** Fixture fork name → ethereumjs hardfork name. */
const HARDFORKS: Readonly<Record<string, string>> = {
  Frontier: 'chainstart',
  Homestead: 'homestead',
  EIP150: 'tangerineWhistle',
  EIP158: 'spuriousDragon',
  Byzantium: 'byzantium',
  Constantinople: 'constantinople',
  ConstantinopleFix: 'petersburg',
  Istanbul: 'istanbul',
  Berlin: 'berlin',
  London: 'london',
  Paris: 'paris',
  Shanghai: 'shanghai',
  Cancun: 'cancun',
  Prague: 'prague',
  Osaka: 'osaka',
};

/** True when the oracle knows the fork. */
export function oracleSupports(forkName: string): boolean {
  return Object.hasOwn(HARDFORKS, forkName);
}

/** What the oracle adds on request: a post-state dump and an EIP-3155-like trace. */
export interface OracleOptions {
  readonly trace?: boolean;
  readonly dump?: boolean;
}

/** The oracle's outcome, with the extras asked for. */
export interface OracleResult {
  readonly outcome: Outcome;
  readonly dump?: Dump;
  readonly trace?: TraceStep[];
}

let kzgContext: DasContextJs | undefined;

/**
 * KZG for the point-evaluation precompile and blob transactions: rust-eth-kzg (@crate-crypto/node-eth-kzg),
 * an implementation independent of the one evmkit uses. Its setup takes seconds, so it is built on first use.
 */
const kzg = {
  verifyProof(commitment: string, z: string, y: string, proof: string): boolean {
    kzgContext ??= DasContextJs.create({ usePrecomp: false });
    return kzgContext.verifyKzgProof(hexToBytes(commitment as `0x${string}`), hexToBytes(z as `0x${string}`), hexToBytes(y as `0x${string}`), hexToBytes(proof as `0x${string}`));
  },
};

const encoder = new TextEncoder();

/** BLOCKHASH as state tests define it (keccak256 of the decimal block number), served as a blockchain. */
const stateTestChain = {
  async getBlock(number: number | bigint) {
    const hash = keccak_256(encoder.encode(BigInt(number).toString(10)));
    return { hash: () => hash };
  },
  async putBlock() {},
  shallowCopy() {
    return this;
  },
};

const hex = (v: unknown): string => (typeof v === 'string' ? v : '0x0');
const big = (v: unknown): bigint => (v === undefined || v === '' || v === '0x' ? 0n : BigInt(hex(v)));
const addr = (v: string): Address => new Address(hexToBytes(v.toLowerCase().padEnd(42, '0') as `0x${string}`));
const bytes = (v: unknown): Uint8Array => {
  const s = hex(v);
  return hexToBytes((s.length % 2 === 1 ? '0x0' + s.slice(2) : s) as `0x${string}`);
};

/** Runs the single case of `test` (first post entry of its only fork). Never throws for a bad transaction. */
export async function runOracle(test: StateTestJson, forkName: string, options: OracleOptions = {}): Promise<OracleResult> {
  const hardfork = HARDFORKS[forkName];
  if (hardfork === undefined) throw new Error(`oracle: fork ${forkName} not supported`);
  const common = new Common({ chain: Mainnet, hardfork, customCrypto: { kzg: kzg as never } });
  const stateManager = new MerkleStateManager({ common });
  const vm = await createVM({ common, stateManager, blockchain: stateTestChain as never });
  await loadPre(stateManager, test.pre);

  const trace: TraceStep[] = [];
  if (options.trace === true) {
    vm.evm.events!.on('step', (s) => {
      trace.push({ pc: s.pc, op: s.opcode.code, gas: s.gasLeft, stack: s.stack.map((w) => '0x' + w.toString(16)), depth: s.depth + 1 });
    });
  }
  const coinbase = addr(test.env.currentCoinbase);
  const touched = new Set<string>([...Object.keys(test.pre).map((a) => a.toLowerCase()), coinbase.toString()]);
  let outcome: Omit<Outcome, 'stateRoot'>;
  try {
    const tx = buildTx(test, common);
    const block = buildBlock(test, common);
    const r = await runTx(vm, { tx, block, reportPreimages: options.dump === true });
    for (const a of r.preimages?.values() ?? []) touched.add(bytesToHex(a));
    const status = r.execResult.exceptionError === undefined ? 'success' : r.execResult.exceptionError.error === 'revert' ? 'revert' : 'halt';
    // ethereumjs labels Frontier's unpaid code deposit an error, but before Homestead the creation succeeds
    // with empty code and keeps its logs (execution-specs frontier/vm/interpreter.py, process_create_message).
    const frontierDeposit = forkName === 'Frontier' && r.execResult.exceptionError?.error === 'code store out of gas';
    const logs = status === 'success' || frontierDeposit ? (r.execResult.logs ?? []) : [];
    outcome = { status, error: r.execResult.exceptionError?.error, gasUsed: r.totalGasSpent, logsHash: bytesToHex(keccak_256(RLP.encode(logs as never))) };
  } catch (e) {
    outcome = { status: 'invalid', error: e instanceof Error ? e.message.split('\n')[0].split(' (vm hf=')[0] : String(e), gasUsed: 0n, logsHash: bytesToHex(keccak_256(RLP.encode([]))) };
  }
  if (outcome.status === 'invalid') {
    // The state-test convention (geth's runner, and the tools that filled the official suites): a rejected
    // transaction still gets the coinbase's 0-value credit, and so its touch; from EIP-158 on an empty
    // touched coinbase is deleted, before it an absent one comes into existence as an empty account. A valid
    // transaction needs nothing here: runTx has credited (and touched) the coinbase before it deleted the
    // self-destructed accounts, in the specification's order; touching again now would revive a coinbase
    // that destroyed itself.
    const account = await stateManager.getAccount(coinbase);
    await vm.evm.journal.putAccount(coinbase, account ?? new Account());
    await vm.evm.journal.cleanup();
  }
  const stateRoot = bytesToHex(await stateManager.getStateRoot());
  const result: OracleResult = { outcome: { ...outcome, stateRoot } };
  return {
    ...result,
    ...(options.trace === true ? { trace } : {}),
    ...(options.dump === true ? { dump: await dumpAccounts(stateManager, touched) } : {}),
  };
}

async function loadPre(sm: MerkleStateManager, pre: StateTestJson['pre']): Promise<void> {
  await sm.checkpoint();
  for (const [address, a] of Object.entries(pre)) {
    const at = addr(address);
    await sm.putAccount(at, new Account(big(a.nonce), big(a.balance)));
    const code = bytes(a.code);
    if (code.length > 0) await sm.putCode(at, code);
    for (const [k, v] of Object.entries(a.storage ?? {})) {
      const value = big(v);
      if (value !== 0n) await sm.putStorage(at, setLengthLeft(bigIntToBytes(big(k)), 32), bigIntToBytes(value));
    }
  }
  await sm.commit();
  await sm.flush();
}

/** The transaction of the case's single (data, gas, value) index, typed by the fields present, signed. */
function buildTx(test: StateTestJson, common: Common) {
  const t = test.transaction;
  const accessList = t.accessLists?.[0] ?? undefined;
  const type =
    t.authorizationList !== undefined ? 4
    : t.blobVersionedHashes !== undefined || t.maxFeePerBlobGas !== undefined ? 3
    : t.maxFeePerGas !== undefined ? 2
    : accessList !== undefined && accessList !== null ? 1
    : 0;
  const data = {
    type,
    nonce: big(t.nonce),
    gasLimit: big(t.gasLimit[0]),
    value: big(t.value[0]),
    data: bytes(t.data[0]),
    to: t.to === '' ? undefined : t.to,
    chainId: 1n,
    ...(type < 2 ? { gasPrice: big(t.gasPrice) } : { maxFeePerGas: big(t.maxFeePerGas), maxPriorityFeePerGas: big(t.maxPriorityFeePerGas) }),
    ...(type >= 1 ? { accessList: (accessList ?? []).map((e) => ({ address: e.address, storageKeys: e.storageKeys.map(pad32) })) } : {}),
    ...(type === 3 ? { maxFeePerBlobGas: big(t.maxFeePerBlobGas), blobVersionedHashes: t.blobVersionedHashes ?? [] } : {}),
    ...(type === 4 ? { authorizationList: (t.authorizationList ?? []).map(authorization) } : {}),
  };
  return createTx(data as never, { common }).sign(bytes(t.secretKey));
}

function pad32(key: string): `0x${string}` {
  return bytesToHex(setLengthLeft(bytes(key), 32));
}

/** An EIP-7702 authorization tuple in ethereumjs's input form. */
function authorization(a: NonNullable<StateTestJson['transaction']['authorizationList']>[number]) {
  const q = (v: string) => bytesToHex(bigIntToUnpaddedBytes(big(v)));
  return { chainId: q(a.chainId), address: a.address, nonce: q(a.nonce), yParity: q(a.v ?? a.yParity ?? '0x0'), r: q(a.r), s: q(a.s) };
}

function buildBlock(test: StateTestJson, common: Common) {
  const e = test.env;
  const london = common.gteHardfork('london');
  const paris = common.gteHardfork('paris');
  const cancun = common.gteHardfork('cancun');
  const header = {
    number: big(e.currentNumber),
    coinbase: addr(e.currentCoinbase),
    timestamp: big(e.currentTimestamp),
    gasLimit: big(e.currentGasLimit),
    difficulty: paris ? 0n : big(e.currentDifficulty),
    ...(paris ? { mixHash: pad32(e.currentRandom ?? '0x0') } : {}),
    ...(london ? { baseFeePerGas: big(e.currentBaseFee) } : {}),
    ...(cancun ? { excessBlobGas: big(e.currentExcessBlobGas), blobGasUsed: 0n, parentBeaconBlockRoot: new Uint8Array(32) } : {}),
    ...(common.gteHardfork('prague') ? { requestsHash: new Uint8Array(32) } : {}),
  };
  return createBlock({ header }, { common, skipConsensusFormatValidation: true });
}

/** The accounts at `addresses` (those absent are left out), storage keyed by hashed slot. */
async function dumpAccounts(sm: MerkleStateManager, addresses: Iterable<string>): Promise<Dump> {
  const out = new Map<string, DumpAccount>();
  for (const a of addresses) {
    const at = addr(a);
    const account = await sm.getAccount(at);
    if (account === undefined) continue;
    const storage = new Map<string, bigint>();
    for (const [k, v] of Object.entries(await sm.dumpStorage(at))) {
      const decoded = RLP.decode(hexToBytes(('0x' + v.replace(/^0x/, '')) as `0x${string}`)) as Uint8Array;
      storage.set(k.startsWith('0x') ? k : '0x' + k, BigInt(bytesToHex(decoded) === '0x' ? 0 : bytesToHex(decoded)));
    }
    out.set(at.toString(), { balance: account.balance, nonce: account.nonce, codeHash: bytesToHex(account.codeHash), storage });
  }
  return out;
}
