/** The state-test JSON the generator writes and both EVMs read: the official format, one fork, one index. */

/** One account of `pre` (hex strings, as in the official fixtures). */
export interface PreAccount {
  balance: string;
  nonce: string;
  code: string;
  storage: Record<string, string>;
}

/** An EIP-2930 access-list entry. */
export interface AccessListJson {
  address: string;
  storageKeys: string[];
}

/** An EIP-7702 authorization as execution-spec-tests writes it. */
export interface AuthorizationJson {
  chainId: string;
  address: string;
  nonce: string;
  v: string;
  r: string;
  s: string;
  yParity?: string;
  signer?: string;
}

/** The `transaction` section with single-element data/gasLimit/value arrays. */
export interface TransactionJson {
  data: string[];
  gasLimit: string[];
  value: string[];
  nonce: string;
  to: string;
  sender: string;
  secretKey: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  accessLists?: (AccessListJson[] | null)[];
  maxFeePerBlobGas?: string;
  blobVersionedHashes?: string[];
  authorizationList?: AuthorizationJson[];
}

/** The `env` section. */
export interface EnvJson {
  currentCoinbase: string;
  currentNumber: string;
  currentTimestamp: string;
  currentGasLimit: string;
  currentDifficulty: string;
  currentBaseFee?: string;
  currentRandom?: string;
  currentExcessBlobGas?: string;
}

/** One post entry. */
export interface PostJson {
  hash: string;
  logs: string;
  indexes: { data: number; gas: number; value: number };
  expectException?: string;
}

/** One test: what goes under the test's name in a fixture file. */
export interface StateTestJson {
  _info?: Record<string, unknown>;
  env: EnvJson;
  pre: Record<string, PreAccount>;
  transaction: TransactionJson;
  post: Record<string, PostJson[]>;
}

/** A placeholder for `post` hashes before either EVM ran the case. */
export const UNFILLED = '0x' + '00'.repeat(32);

/** One (fork, post entry) of a fixture test as a single-index test of that fork alone. */
export interface SingleCase {
  readonly fork: string;
  readonly index: number;
  readonly test: StateTestJson;
}

/** Splits an official fixture test (any number of indexes and forks) into single-index tests. */
export function splitFixture(test: StateTestJson): SingleCase[] {
  const t = test.transaction as unknown as Record<string, unknown[] | undefined>;
  const out: SingleCase[] = [];
  for (const [fork, entries] of Object.entries(test.post)) {
    entries.forEach((e, index) => {
      const ix = e.indexes;
      const transaction = {
        ...test.transaction,
        data: [test.transaction.data[ix.data]],
        gasLimit: [test.transaction.gasLimit[ix.gas]],
        value: [test.transaction.value[ix.value]],
        ...(Array.isArray(t.accessLists) ? { accessLists: [t.accessLists[ix.data] as AccessListJson[] | null] } : {}),
      };
      out.push({ fork, index, test: { ...test, transaction, post: { [fork]: [{ ...e, indexes: { data: 0, gas: 0, value: 0 } }] } } });
    });
  }
  return out;
}
