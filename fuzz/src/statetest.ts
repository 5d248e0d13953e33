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
