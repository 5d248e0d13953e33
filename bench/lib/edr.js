/**
 * Runs a program through Hardhat's EDR (@nomicfoundation/edr: revm in Node, a native addon) as an eth_call
 * on a local Cancun chain whose genesis holds the code at CONTRACT: each call starts from the same state, as
 * the other sides do. eth_call shows status and output but not the gas used, so only those are checked.
 * Loaded only when the package and its native binary are installed (see docs/PERFORMANCE.md); otherwise
 * `edrRunnerFactory()` returns the reason it is missing.
 */
import { CALLER, CONTRACT, GAS_LIMIT } from './cases.js';

const hex = (bytes) => '0x' + Buffer.from(bytes).toString('hex');
const fromHex = (text) => Uint8Array.from(Buffer.from(text.replace(/^0x/, ''), 'hex'));

/** `{ runner }` making EDR runners, or `{ missing }` with why EDR cannot run here. */
export async function edrRunnerFactory() {
  let edr;
  try {
    edr = await import('@nomicfoundation/edr');
  } catch (e) {
    return { missing: String(e?.message ?? e).split('\n')[0] };
  }
  // One context per process (EDR's rule), with the L1 chain type registered once.
  const context = new edr.EdrContext();
  await context.registerProviderFactory(edr.L1_CHAIN_TYPE, edr.l1ProviderFactory());
  const genesis = edr.l1GenesisState(edr.l1HardforkFromString('cancun'));
  const logger = { enable: false, decodeConsoleLogInputsCallback: () => [], printLineCallback: () => {} };
  /** An async function that runs `code` with `input` once: {status, output} (gasUsed: null, not visible). */
  async function runner(code, input) {
    const config = {
      allowBlocksWithSameTimestamp: false, allowUnlimitedContractSize: true, bailOnCallFailure: false,
      bailOnTransactionFailure: false, chainId: 1n, coinbase: new Uint8Array(20), defaultTransactionGasLimit: 30_000_000n,
      genesisState: [...genesis, { address: fromHex(CONTRACT), code, balance: 0n, nonce: 1n }, { address: fromHex(CALLER), balance: 0n, nonce: 0n }],
      hardfork: 'cancun', initialBaseFeePerGas: 0n, minGasPrice: 0n,
      mining: { autoMine: true, memPool: { order: edr.MineOrdering.Priority } },
      network: { genesisBlockGasLimit: GAS_LIMIT }, networkId: 1n, observability: {}, ownedAccounts: [],
      precompileOverrides: [], transactionGasCap: false,
    };
    const provider = await context.createProvider(edr.L1_CHAIN_TYPE, config, logger, { subscriptionCallback: () => {} }, new edr.ContractDecoder());
    const request = JSON.stringify({
      jsonrpc: '2.0', id: 1, method: 'eth_call',
      params: [{ from: CALLER, to: CONTRACT, data: hex(input), gas: '0x' + GAS_LIMIT.toString(16), gasPrice: '0x0' }, 'latest'],
    });
    return async () => {
      const response = await provider.handleRequest(request);
      const data = typeof response.data === 'string' ? JSON.parse(response.data) : response.data;
      if (data.error !== undefined) return { status: 'halt', gasUsed: null, output: new Uint8Array(0), error: data.error.message };
      return { status: 'success', gasUsed: null, output: fromHex(data.result) };
    };
  }
  return { runner };
}
