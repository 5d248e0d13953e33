// The consumer program every packaging check type-checks and runs: the public API as a new user writes it,
// with the type-level traps of issue 14 as @ts-expect-error lines (an unused one fails the type check).
import {
  WorldState,
  parseAlloc,
  parseAddress,
  blockEnv,
  executeTransaction,
  stateRoot,
  bytesToHex,
  ready,
  Fork,
  Status,
  CallKind,
  statusName,
  type Address,
  type Transaction,
} from 'evmkit';

/** What the program reports; the test compares it with the same run in the repository. */
export interface Report {
  status: string;
  gasUsed: string;
  output: string;
  rootBeforeReady: string;
  rootAfterReady: string;
  revert: [number, string];
  create2: number;
  noFees: string;
  badAddress: string;
  checksummed: string;
}

/** Runs the README's transaction on a fresh state; the state root is computed before and after ready(). */
export async function run(): Promise<Report> {
  const contract: Address = parseAddress('0x1000000000000000000000000000000000000000');
  // Checksummed (EIP-55) spelling of the README's sender: the same account as its lower-case form.
  const sender = parseAddress('0xa94f5374Fce5edBC8E2a8697C15331677e6EbF0B');
  const state = WorldState.fromAlloc(
    parseAlloc({
      [contract]: { balance: '0x0', nonce: '0x1', code: '0x60026003015f5260205fa060205ff3', storage: {} },
      '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b': { balance: '0x0de0b6b3a7640000', nonce: '0x0', code: '0x', storage: {} },
    }),
  );
  const tx: Transaction = {
    type: 2,
    sender,
    to: contract,
    nonce: 0n,
    gasLimit: 100_000n,
    value: 0n,
    data: new Uint8Array(0),
    maxFeePerGas: 10n,
    maxPriorityFeePerGas: 1n,
  };
  const env = blockEnv({ baseFee: 7n });
  const result = executeTransaction(state, env, tx, Fork.Osaka);
  const rootBeforeReady = bytesToHex(stateRoot(state));
  await ready();
  const rootAfterReady = bytesToHex(stateRoot(state));

  // @ts-expect-error a type-2 transaction without its fee fields is no Transaction
  const noFees: Transaction = { type: 2, sender, to: contract, nonce: 1n, gasLimit: 100_000n, value: 0n, data: new Uint8Array(0) };
  let noFeesError = '';
  try {
    executeTransaction(state, env, noFees, Fork.Osaka);
  } catch (e) {
    noFeesError = (e as Error).message;
  }
  // @ts-expect-error a plain string is no Address: it must go through parseAddress
  state.getBalance('0x1000000000000000000000000000000000000000');
  let badAddress = '';
  try {
    parseAddress('not an address');
  } catch (e) {
    badAddress = (e as Error).message;
  }
  return {
    status: result.status,
    gasUsed: String(result.gasUsed),
    output: bytesToHex(result.output),
    rootBeforeReady,
    rootAfterReady,
    revert: [Status.Revert, statusName(Status.Revert)],
    create2: CallKind.Create2,
    noFees: noFeesError,
    badAddress,
    checksummed: String(state.getNonce(parseAddress('0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b'))),
  };
}
