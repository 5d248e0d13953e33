// Applying blocks: a block rejected mid-way leaves the chain and the state as they were; a block built with
// BlockBuilder is accepted by the chain; the EIP-7934 size limit from Osaka; uncle rules.
import { describe, expect, it } from 'vitest';
import { MAX_RLP_BLOCK_SIZE } from '../../src/block/apply.js';
import type { Block } from '../../src/block/block.js';
import { BlockBuilder } from '../../src/block/builder.js';
import { Chain } from '../../src/block/chain.js';
import { InvalidBlockError } from '../../src/block/errors.js';
import { nextBaseFee, nextExcessBlobGas } from '../../src/block/fees.js';
import { type BlockHeader, headerHash } from '../../src/block/header.js';
import { EMPTY_OMMERS_HASH } from '../../src/block/roots.js';
import { signTransaction, type SignedTransaction } from '../../src/block/transaction.js';
import { blobSchedule } from '../../src/forks/blob.js';
import { Fork } from '../../src/forks/fork.js';
import { parseNetwork, rulesAt } from '../../src/forks/network.js';
import { bytesToBigInt, bytesToHex, hexToBytes } from '../../src/primitives/bytes.js';
import { stateRoot } from '../../src/state/root.js';
import { WorldState } from '../../src/state/world.js';
import type { Alloc } from '../../src/transition/types.js';
import { fixtureChain, fixtureTests, systemContractsAlloc } from './helpers.js';

const ZERO32 = new Uint8Array(32);
const KEY = hexToBytes('0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8');
const SENDER = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';

function rejection(f: () => unknown): InvalidBlockError {
  try {
    f();
  } catch (e) {
    if (e instanceof InvalidBlockError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('a rejected block', () => {
  it('rejected at its second transaction leaves the chain and the state as they were', () => {
    const [[, json]] = fixtureTests('blockWithAllTransactionTypes.json');
    const { chain, blocks, genesis } = fixtureChain(json);
    const good = blocks[0].block;
    const before = bytesToHex(stateRoot(chain.state()));
    // The first transaction twice: the copy's nonce is too low once the first has run.
    const bad: Block = { ...good, transactions: [good.transactions[0], good.transactions[0], ...good.transactions.slice(1)] };
    const e = rejection(() => chain.importBlock(bad));
    expect(e.kind).toBe('TR_NonceTooLow');
    expect(e.message).toMatch(/^transactions\[1\]: /);
    expect(bytesToHex(stateRoot(chain.state()))).toBe(before);
    expect(chain.headHash).toBe(bytesToHex(genesis.hash));
    // The state is whole, not only its root: the real block still applies on it.
    chain.importBlock(good);
    expect(chain.headHash).toBe(bytesToHex(blocks[0].hash));
    expect(bytesToHex(stateRoot(chain.state()))).toBe(bytesToHex(good.header.stateRoot));
  });

  it('with a wrong header field after execution names the field and both values, and is rolled back', () => {
    const [[, json]] = fixtureTests('blockWithAllTransactionTypes.json');
    const { chain, blocks } = fixtureChain(json);
    const good = blocks[0].block;
    const bad: Block = { ...good, header: { ...good.header, stateRoot: ZERO32 } };
    const e = rejection(() => chain.importBlock(bad));
    expect(e.kind).toBe('INVALID_STATE_ROOT');
    expect(e.message).toBe(`header.stateRoot: ${bytesToHex(ZERO32)} in the header, ${bytesToHex(good.header.stateRoot)} computed`);
    expect(bytesToHex(stateRoot(chain.state()))).toBe(bytesToHex(fixtureChain(json).genesis.block.header.stateRoot));
  });
});

/** A genesis of `fork` on `alloc`. */
function genesisOf(fork: Fork, alloc: Alloc): Block {
  const header: BlockHeader = {
    parentHash: ZERO32, ommersHash: EMPTY_OMMERS_HASH, coinbase: '0x0000000000000000000000000000000000000000',
    stateRoot: stateRoot(WorldState.fromAlloc(alloc)), transactionsRoot: hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
    receiptsRoot: hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'), logsBloom: new Uint8Array(256),
    difficulty: 0n, number: 0n, gasLimit: 30_000_000n, gasUsed: 0n, timestamp: 0n, extraData: new Uint8Array(0), mixHash: ZERO32, nonce: new Uint8Array(8),
    baseFeePerGas: 7n, withdrawalsRoot: hexToBytes('0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421'),
    blobGasUsed: 0n, excessBlobGas: 0n, parentBeaconBlockRoot: ZERO32,
    ...(fork >= Fork.Prague ? { requestsHash: hexToBytes('0xe3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855') } : {}),
  };
  return { header, transactions: [], ommers: [], withdrawals: [] };
}

/** Builds the child of `parent` (on the state `alloc`) with `txs`, as a block producer would, with BlockBuilder. */
function buildChild(network: string, alloc: Alloc, parent: Block, txs: SignedTransaction[]): Block {
  const config = parseNetwork(network);
  const p = parent.header;
  const timestamp = p.timestamp + 12n;
  const rules = rulesAt(config, { number: p.number + 1n, timestamp });
  const base = { number: p.number + 1n, timestamp, gasLimit: p.gasLimit, baseFeePerGas: nextBaseFee(p.gasLimit, p.gasUsed, p.baseFeePerGas!), excessBlobGas: nextExcessBlobGas(rules.fork, p, rules.blobSchedule!) };
  const env = {
    coinbase: '0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba', number: base.number, timestamp, gasLimit: base.gasLimit, baseFee: base.baseFeePerGas,
    prevRandao: 0n, difficulty: 0n, excessBlobGas: base.excessBlobGas, blobSchedule: rules.blobSchedule, chainId: 1n,
    blockHash: (n: bigint) => (n === p.number ? bytesToBigInt(headerHash(p)) : 0n),
  };
  const builder = new BlockBuilder(WorldState.fromAlloc(alloc), { fork: rules.fork, env, parentHash: headerHash(p), parentBeaconBlockRoot: ZERO32 });
  for (const tx of txs) expect(builder.addTransaction(tx).included).toBe(true);
  const out = builder.finish({ withdrawals: [] });
  const header: BlockHeader = {
    ...p, ...base, parentHash: headerHash(p), coinbase: env.coinbase, stateRoot: out.stateRoot, transactionsRoot: out.transactionsRoot,
    receiptsRoot: out.receiptsRoot, logsBloom: out.logsBloom, gasUsed: out.gasUsed, withdrawalsRoot: out.withdrawalsRoot, blobGasUsed: out.blobGasUsed,
    ...(out.requestsHash === undefined ? {} : { requestsHash: out.requestsHash }),
  };
  return { header, transactions: txs, ommers: [], withdrawals: [] };
}

describe('a block built with BlockBuilder', () => {
  const alloc: Alloc = new Map([...systemContractsAlloc(), [SENDER, { nonce: 0n, balance: 10n ** 18n, code: new Uint8Array(0), storage: new Map() }]]);
  const tx = signTransaction({ type: 2, nonce: 0n, gasLimit: 21_000n, to: '0x1000000000000000000000000000000000000000', value: 5n, data: new Uint8Array(0), maxFeePerGas: 100n, maxPriorityFeePerGas: 1n, accessList: [] }, KEY, 1n);

  for (const network of ['Cancun', 'Prague', 'Osaka']) {
    it(`is accepted by a ${network} chain, with the system contracts' storage written`, () => {
      const fork = parseNetwork(network).schedule[0].fork;
      const genesis = genesisOf(fork, alloc);
      const chain = new Chain(parseNetwork(network), genesis, alloc);
      const block = buildChild(network, alloc, genesis, [tx]);
      expect(chain.importBlock(block)!.output.receipts[0]).toMatchObject({ status: true, gasUsed: 21_000n });
      const state = chain.state();
      expect(state.getBalance('0x1000000000000000000000000000000000000000')).toBe(5n);
      // EIP-4788 stores the timestamp; EIP-2935 (Prague) the parent hash at slot number − 1.
      expect(state.getStorage('0x000f3df6d732807ef1319fb7b8bb8522d0beac02', 12n % 8191n)).toBe(12n);
      expect(state.getStorage('0x0000f90827f1c53a10cb7a02335b175320002935', 0n)).toBe(fork >= Fork.Prague ? bytesToBigInt(headerHash(genesis.header)) : 0n);
    });
  }

  it('EIP-7934 (Osaka): a block RLP above 8 MiB is invalid; Prague has no such limit', () => {
    for (const [network, size, verdict] of [['Osaka', MAX_RLP_BLOCK_SIZE, 'valid'], ['Osaka', MAX_RLP_BLOCK_SIZE + 1, 'RLP_BLOCK_LIMIT_EXCEEDED'], ['Prague', MAX_RLP_BLOCK_SIZE + 1, 'valid']] as const) {
      const fork = parseNetwork(network).schedule[0].fork;
      const genesis = genesisOf(fork, alloc);
      const chain = new Chain(parseNetwork(network), genesis, alloc);
      const block = buildChild(network, alloc, genesis, [tx]);
      let got = 'valid';
      try {
        chain.importBlock(block, { size });
      } catch (e) {
        if (!(e instanceof InvalidBlockError)) throw e;
        got = e.kind;
      }
      expect(got).toBe(verdict);
    }
  });

  it('a Prague block without the EIP-7002 contract is invalid (a requests system contract must have code)', () => {
    const bare: Alloc = new Map([...alloc].filter(([a]) => a !== '0x00000961ef480eb55e80d19ad83579a64c007002'));
    const genesis = genesisOf(Fork.Prague, bare);
    const chain = new Chain(parseNetwork('Prague'), genesis, bare);
    expect(() => buildChild('Prague', bare, genesis, [tx])).toThrow(/EIP-7002 system contract .* has no code/);
    expect(chain.headHash).toBe(bytesToHex(headerHash(genesis.header)));
  });
});
