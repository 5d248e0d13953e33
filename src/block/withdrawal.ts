/** EIP-4895 withdrawals (Shanghai): beacon-chain withdrawals credited to accounts after the transactions. */
import { type Address, addressToBytes } from '../primitives/address.js';
import { bigIntToMinimalBytes } from '../primitives/bytes.js';
import type { RlpInput, RlpItem } from '../primitives/rlp.js';
import { addressOf, listOf, u64Of } from './rlp-fields.js';

/** One withdrawal; `amount` is in Gwei. */
export interface Withdrawal {
  readonly index: bigint;
  readonly validatorIndex: bigint;
  readonly address: Address;
  readonly amount: bigint;
}

/** Wei per Gwei: withdrawal amounts are in Gwei. */
export const GWEI = 1_000_000_000n;

/** rlp([index, validatorIndex, address, amount]). */
export function withdrawalToRlp(w: Withdrawal): RlpInput {
  const int = bigIntToMinimalBytes;
  return [int(w.index), int(w.validatorIndex), addressToBytes(w.address), int(w.amount)];
}

/** Reads a withdrawal from its decoded RLP. */
export function withdrawalFromRlp(item: RlpItem, field: string): Withdrawal {
  const f = listOf(item, field, 4);
  return {
    index: u64Of(f[0], `${field}.index`),
    validatorIndex: u64Of(f[1], `${field}.validatorIndex`),
    address: addressOf(f[2], `${field}.address`),
    amount: u64Of(f[3], `${field}.amount`),
  };
}
