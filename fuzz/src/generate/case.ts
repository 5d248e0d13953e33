/**
 * A generated case as structured data (accounts with code pieces, a transaction, a block), deterministic
 * per (seed, index), and its conversion to a plain state test. The shrinker edits the structure; both EVMs
 * only ever see the state test.
 */
import { Fork, bytesToHex, createAddress, keccak256, privateKeyToAddress, rlpEncode } from '../evmkit.js';
import type { ForkSpec } from '../forks.js';
import { Rng } from '../rng.js';
import { UNFILLED, type StateTestJson } from '../statetest.js';
import { concat } from './asm.js';
import { type CodeContext, initcodePieces, observe, pieces, value } from './code.js';
import { signSecp256k1, word } from './curves.js';

/** An account of the pre-state; `code` is a list of pieces. */
export interface GenAccount {
  readonly address: string;
  balance: bigint;
  nonce: bigint;
  code: Uint8Array[];
  storage: [bigint, bigint][];
}

/** An EIP-7702 authorization, signed when the case is written out. */
export interface GenAuth {
  chainId: bigint;
  address: string;
  nonce: bigint;
  readonly key: Uint8Array;
  /** Write a signature with s above n/2 (invalid by EIP-2). */
  badSignature: boolean;
}

/** The transaction; `data` is a list of pieces (initcode pieces for a creation). */
export interface GenTx {
  type: number;
  to: string | null;
  nonce: bigint;
  gasLimit: bigint;
  value: bigint;
  data: Uint8Array[];
  gasPrice: bigint;
  maxFeePerGas: bigint;
  maxPriorityFeePerGas: bigint;
  accessList: { address: string; storageKeys: bigint[] }[];
  maxFeePerBlobGas: bigint;
  blobHashes: Uint8Array[];
  authorizations: GenAuth[];
}

/** The block fields of `env`. */
export interface GenEnv {
  coinbase: string;
  number: bigint;
  timestamp: bigint;
  gasLimit: bigint;
  difficulty: bigint;
  baseFee: bigint;
  random: bigint;
  excessBlobGas: bigint;
}

/** One generated case. */
export interface GenCase {
  readonly spec: ForkSpec;
  readonly seed: string;
  readonly index: number;
  env: GenEnv;
  accounts: GenAccount[];
  readonly senderKey: Uint8Array;
  readonly sender: string;
  tx: GenTx;
}

/** Private keys of the externally owned accounts the cases use (the first is the usual state-test sender). */
const KEYS: readonly Uint8Array[] = [
  '45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8',
  '41f6e321b31e72173f8ff2e292359e1862f24fba42fe6f97efaf641980eff298',
  'c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4',
  '0000000000000000000000000000000000000000000000000000000000000001',
].map((h) => Uint8Array.from(h.match(/../g)!.map((b) => Number.parseInt(b, 16))));
const KEY_ADDRESSES = KEYS.map((k) => privateKeyToAddress(k));

const hexAddress = (v: bigint): string => '0x' + v.toString(16).padStart(40, '0');
const q = (v: bigint): string => '0x' + v.toString(16);

/** Generates case `index` of campaign `seed` for `spec`. */
export function generateCase(spec: ForkSpec, seed: string, index: number): GenCase {
  const rng = new Rng(`${seed}/${spec.name}`, index);
  const senderIndex = rng.weighted([[6, 0], [1, 1], [1, 2], [1, 3]]);
  const sender = KEY_ADDRESSES[senderIndex];
  // Some contracts at low addresses: precompiles in later forks (never one evmkit lacks in this fork).
  const low = (): bigint => {
    const a = rng.range(0x0b, 0x120);
    return spec.missingPrecompiles.includes(a) ? rng.bigBits(160) : BigInt(a);
  };
  const contracts = Array.from({ length: rng.range(1, 4) }, () => hexAddress(rng.chance(0.1) ? low() : rng.bigBits(160)));
  const absent = hexAddress(rng.bigBits(160));
  const empty = hexAddress(rng.bigBits(160));
  const env = generateEnv(rng, spec, [...contracts, absent, empty, sender]);
  const all = [...contracts, absent, empty, ...KEY_ADDRESSES, env.coinbase].map((a) => BigInt(a));
  const ctx: CodeContext = { rng, spec, addresses: all, blockNumber: env.number, risky: true };
  const careful: CodeContext = { ...ctx, risky: rng.chance(0.2) };
  const accounts: GenAccount[] = contracts.map((address, i) => ({
    address,
    balance: rng.weighted([[3, 0n], [3, BigInt(rng.range(1, 1_000_000))], [1, 10n ** 20n]]),
    nonce: BigInt(rng.weighted([[4, 1], [2, 0], [1, rng.range(2, 5)]])),
    // The entry contract ends by logging its scratch words (a piece like the others, so shrinking may drop it).
    code: i === 0 ? [...pieces(careful, 0, rng.range(1, 16)), observe()] : pieces(ctx, 0, rng.range(1, 6)),
    storage: Array.from({ length: rng.weighted([[3, 0], [3, rng.range(1, 4)]]) }, () => [BigInt(rng.int(6)), value(ctx) || 1n] as [bigint, bigint]),
  }));
  if (rng.chance(0.5)) accounts.push({ address: empty, balance: 0n, nonce: 0n, code: [], storage: [] });
  for (const [i, address] of KEY_ADDRESSES.entries()) {
    if (i !== senderIndex && !rng.chance(0.4)) continue;
    accounts.push({ address, balance: i === senderIndex ? 10n ** BigInt(rng.range(17, 24)) : BigInt(rng.int(1000)), nonce: BigInt(rng.weighted([[4, 0], [1, rng.range(1, 3)]])), code: [], storage: [] });
  }
  const tx = generateTx(rng, spec, ctx, accounts, contracts, sender, env);
  if (tx.to === null && rng.chance(0.15)) accounts.push(collision(rng, createAddress(sender, tx.nonce)));
  const c: GenCase = { spec, seed, index, env, accounts, senderKey: KEYS[senderIndex], sender, tx };
  if (rng.chance(0.12)) invalidate(rng, c);
  return c;
}

function generateEnv(rng: Rng, spec: ForkSpec, candidates: string[]): GenEnv {
  const coinbase = rng.weighted<() => string>([
    [4, () => hexAddress(rng.bigBits(160))],
    [3, () => rng.pick(candidates)],
    [1, () => hexAddress(BigInt(rng.pick(spec.precompiles.length > 0 ? spec.precompiles : [1])))],
  ])();
  return {
    coinbase,
    number: BigInt(rng.weighted([[3, rng.range(1, 300)], [2, rng.range(300, 1 << 24)]])),
    timestamp: BigInt(rng.range(1000, 2 ** 31)),
    gasLimit: BigInt(rng.pick([30_000_000, 45_000_000, 10_000_000])),
    difficulty: spec.fork >= Fork.Paris ? 0n : BigInt(rng.pick([0x20000, 1, 0xffffffff])),
    baseFee: spec.txTypes.includes(2) ? BigInt(rng.weighted([[3, 7], [2, rng.range(8, 1000)], [1, 10 ** 9]])) : 0n,
    random: rng.bigBits(256),
    excessBlobGas: spec.maxBlobsPerBlock > 0 ? BigInt(rng.weighted([[3, 0], [2, rng.range(1, 2_000_000)], [1, rng.range(2_000_000, 80_000_000)]])) : 0n,
  };
}

function generateTx(rng: Rng, spec: ForkSpec, ctx: CodeContext, accounts: GenAccount[], contracts: string[], sender: string, env: GenEnv): GenTx {
  const type = rng.pick(spec.txTypes);
  const create = type !== 3 && type !== 4 && rng.chance(0.12);
  const to = create ? null : rng.weighted<() => string>([
    [12, () => contracts[0]],
    [2, () => rng.pick(contracts)],
    [1, () => hexAddress(BigInt(rng.pick(spec.precompiles.length > 0 ? spec.precompiles : [1])))],
    [1, () => rng.pick(KEY_ADDRESSES)],
  ])();
  const data = create ? initcodePieces(ctx, 0) : [rng.bytes(rng.weighted([[3, 0], [4, rng.int(68)], [1, rng.range(68, 300)]]))];
  const baseFee = env.baseFee;
  const tip = BigInt(rng.weighted([[3, 0], [3, rng.range(1, 10)], [1, rng.range(10, 10_000)]]));
  const maxFee = baseFee + tip + BigInt(rng.weighted([[3, 0], [3, rng.range(1, 100)]]));
  const senderAccount = accounts.find((a) => a.address === sender)!;
  const blobs = type === 3 ? rng.range(1, spec.maxBlobsPerTx) : 0;
  const tx: GenTx = {
    type,
    to,
    nonce: senderAccount.nonce,
    gasLimit: 0n,
    value: rng.weighted([[6, 0n], [3, BigInt(rng.range(1, 100_000))], [1, 10n ** 18n]]),
    data,
    gasPrice: baseFee + BigInt(rng.weighted([[3, 0], [3, rng.range(1, 10)], [1, rng.range(10, 10_000)]])),
    maxFeePerGas: maxFee,
    maxPriorityFeePerGas: tip,
    accessList: type >= 1 && rng.chance(0.6) ? accessList(rng, ctx) : [],
    maxFeePerBlobGas: BigInt(rng.weighted([[3, 1], [3, rng.range(1, 1000)], [1, 10 ** 9]])) * (1n + env.excessBlobGas / 1_000_000n),
    blobHashes: Array.from({ length: blobs }, () => versioned(rng)),
    authorizations: type === 4 ? authorizations(rng, ctx, accounts) : [],
  };
  // EIP-7702: calling an authority runs the code it delegates to.
  if (type === 4 && tx.authorizations.length > 0 && rng.chance(0.4)) tx.to = privateKeyToAddress(rng.pick(tx.authorizations).key);
  tx.gasLimit = intrinsicEstimate(tx) + BigInt(rng.weighted([[1, rng.int(30_000)], [3, rng.range(30_000, 400_000)], [5, rng.range(400_000, 3_000_000)]]));
  if (spec.txGasCap !== undefined && tx.gasLimit > spec.txGasCap) tx.gasLimit = spec.txGasCap;
  return tx;
}

/** An account already at a creation's address: EIP-684 (nonce or code) and EIP-7610 (storage) collisions, or balance only (no collision). */
function collision(rng: Rng, address: string): GenAccount {
  const kind = rng.int(4);
  return {
    address,
    balance: BigInt(rng.int(1000)),
    nonce: kind === 0 ? 1n : 0n,
    code: kind === 1 ? [Uint8Array.of(0x00)] : [],
    storage: kind === 2 ? [[1n, 1n]] : [],
  };
}

function accessList(rng: Rng, ctx: CodeContext): GenTx['accessList'] {
  return Array.from({ length: rng.range(1, 3) }, () => ({
    address: hexAddress(rng.pick(ctx.addresses)),
    storageKeys: Array.from({ length: rng.int(3) }, () => BigInt(rng.int(6))),
  }));
}

function versioned(rng: Rng): Uint8Array {
  const h = rng.bytes(32);
  h[0] = 0x01;
  return h;
}

function authorizations(rng: Rng, ctx: CodeContext, accounts: GenAccount[]): GenAuth[] {
  return Array.from({ length: rng.range(1, 3) }, () => {
    const k = rng.int(KEYS.length);
    const account = accounts.find((a) => a.address === KEY_ADDRESSES[k]);
    return {
      chainId: BigInt(rng.weighted([[5, 1], [2, 0], [1, 2]])),
      address: rng.weighted<() => string>([[5, () => hexAddress(rng.pick(ctx.addresses))], [1, () => hexAddress(0n)], [1, () => hexAddress(BigInt(rng.pick(ctx.spec.precompiles)))]])(),
      nonce: (account?.nonce ?? 0n) + BigInt(rng.weighted([[6, 0], [1, 1], [1, 2]])),
      key: KEYS[k],
      badSignature: rng.chance(0.05),
    };
  });
}

/** A generous estimate of intrinsic gas (valid transactions get at least this much). */
export function intrinsicEstimate(tx: GenTx): bigint {
  let gas = 21_000n + (tx.to === null ? 32_000n : 0n);
  const data = concat(tx.data);
  for (const b of data) gas += b === 0 ? 4n : 68n;
  gas += BigInt(Math.ceil(data.length / 32) * 2) + BigInt(data.length * 40); // EIP-3860 words, EIP-7623 floor
  for (const e of tx.accessList) gas += 2400n + 1900n * BigInt(e.storageKeys.length);
  gas += 25_000n * BigInt(tx.authorizations.length);
  return gas;
}

/** Makes the transaction invalid in one of the ways a client must reject. */
function invalidate(rng: Rng, c: GenCase): void {
  const tx = c.tx;
  const sender = c.accounts.find((a) => a.address === c.sender)!;
  const options: (() => void)[] = [
    () => (tx.nonce += BigInt(rng.pick([1, 2]))),
    () => (tx.gasLimit = 21_000n - BigInt(rng.range(1, 100))),
    () => (tx.gasLimit = c.env.gasLimit + 1n),
    () => {
      // One wei short of the maximum cost (EIP-1559: at the fee cap, EIP-4844: with the blob fee cap).
      const cost = tx.gasLimit * (tx.type >= 2 ? tx.maxFeePerGas : tx.gasPrice) + tx.value + BigInt(tx.blobHashes.length) * 131072n * tx.maxFeePerBlobGas;
      if (cost === 0n) tx.value = 1n;
      sender.balance = cost === 0n ? 0n : cost - 1n;
    },
    () => (sender.code = [Uint8Array.of(0x00)]), // EIP-3607
    () => (sender.nonce = tx.nonce = (1n << 64n) - 1n), // EIP-2681
    // A type the fork may not have (a type-4 transaction with an empty list is invalid anyway).
    () => (tx.type = rng.range(1, 4)),
  ];
  if (tx.type >= 2) options.push(() => (tx.maxPriorityFeePerGas = tx.maxFeePerGas + 1n), () => (tx.maxFeePerGas = c.env.baseFee - 1n));
  if (tx.type < 2 && c.env.baseFee > 0n) options.push(() => (tx.gasPrice = c.env.baseFee - 1n));
  if (tx.type === 3) {
    options.push(
      () => (tx.blobHashes = []),
      () => (tx.blobHashes[0][0] = 0x02),
      () => (tx.blobHashes = Array.from({ length: c.spec.maxBlobsPerTx + 1 }, () => versioned(rng))),
      () => (tx.maxFeePerBlobGas = 0n),
    );
  }
  if (tx.type === 4) options.push(() => (tx.authorizations = []), () => (tx.to = null));
  if (tx.to === null) options.push(() => (tx.data = [new Uint8Array(49_153)])); // EIP-3860
  if (c.spec.txGasCap !== undefined) options.push(() => (tx.gasLimit = c.spec.txGasCap! + 1n));
  rng.pick(options)();
}

/** The case as a state test; `post` holds placeholders until an EVM fills it. */
export function toStateTest(c: GenCase, info: Record<string, unknown> = {}): StateTestJson {
  const tx = c.tx;
  const pre: StateTestJson['pre'] = {};
  for (const a of c.accounts) {
    pre[a.address] = {
      balance: q(a.balance),
      nonce: q(a.nonce),
      code: bytesToHex(concat(a.code)),
      storage: Object.fromEntries(a.storage.map(([k, v]) => [q(k), q(v)])),
    };
  }
  const transaction: StateTestJson['transaction'] = {
    data: [bytesToHex(concat(tx.data))],
    gasLimit: [q(tx.gasLimit)],
    value: [q(tx.value)],
    nonce: q(tx.nonce),
    to: tx.to ?? '',
    sender: c.sender,
    secretKey: bytesToHex(c.senderKey),
    ...(tx.type >= 2 ? { maxFeePerGas: q(tx.maxFeePerGas), maxPriorityFeePerGas: q(tx.maxPriorityFeePerGas) } : { gasPrice: q(tx.gasPrice) }),
    ...(tx.type >= 1 ? { accessLists: [tx.accessList.map((e) => ({ address: e.address, storageKeys: e.storageKeys.map((k) => bytesToHex(word(k))) }))] } : {}),
    ...(tx.type === 3 ? { maxFeePerBlobGas: q(tx.maxFeePerBlobGas), blobVersionedHashes: tx.blobHashes.map(bytesToHex) } : {}),
    ...(tx.type === 4 ? { authorizationList: tx.authorizations.map(signAuthorization) } : {}),
  };
  const e = c.env;
  const env: StateTestJson['env'] = {
    currentCoinbase: e.coinbase,
    currentNumber: q(e.number),
    currentTimestamp: q(e.timestamp),
    currentGasLimit: q(e.gasLimit),
    currentDifficulty: q(e.difficulty),
    ...(c.spec.txTypes.includes(2) ? { currentBaseFee: q(e.baseFee) } : {}),
    ...(e.difficulty === 0n ? { currentRandom: bytesToHex(word(e.random)) } : {}),
    ...(c.spec.maxBlobsPerBlock > 0 ? { currentExcessBlobGas: q(e.excessBlobGas) } : {}),
  };
  const post = { [c.spec.name]: [{ hash: UNFILLED, logs: UNFILLED, indexes: { data: 0, gas: 0, value: 0 } }] };
  return { _info: info, env, pre, transaction, post };
}

/** Signs an EIP-7702 authorization: keccak256(0x05 || rlp([chainId, address, nonce])). */
function signAuthorization(a: GenAuth): NonNullable<StateTestJson['transaction']['authorizationList']>[number] {
  const min = (v: bigint) => (v === 0n ? new Uint8Array(0) : word(v, Math.ceil(v.toString(16).length / 2)));
  const message = keccak256(concat([Uint8Array.of(0x05), rlpEncode([min(a.chainId), word(BigInt(a.address), 20), min(a.nonce)])]));
  const sig = signSecp256k1(message, a.key);
  const n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
  const s = a.badSignature ? n - sig.s : sig.s;
  const v = a.badSignature ? 1 - sig.recovery : sig.recovery;
  return { chainId: q(a.chainId), address: a.address, nonce: q(a.nonce), v: q(BigInt(v)), r: q(sig.r), s: q(s), signer: privateKeyToAddress(a.key) };
}
