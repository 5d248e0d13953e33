// A precompile of your own, for one EVM instance: a price feed that contracts call at 0x…0bad.
import { readFileSync } from 'node:fs';
import { createEvm, parseAlloc, bytesToHex } from 'evmkit';
import { decodeFunctionResult, encodeFunctionData, stringToHex, hexToString, toHex } from 'viem';

const { abi, bytecode } = JSON.parse(readFileSync(new URL('./contracts/artifacts.json', import.meta.url), 'utf8')).contracts.Oracle;
const alice = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const prices = new Map([['ETH/USD', 3141n * 10n ** 8n]]);
const callers = new Set();

/** Input: a 32-byte pair name; output: its price as a word. 2,000 gas; an unknown pair fails. */
function priceFeed(input, gasLimit, message) {
  const pair = hexToString(bytesToHex(input), { size: 32 });
  const price = prices.get(pair);
  if (gasLimit < 2_000 || input.length !== 32 || price === undefined) return { success: false, gasUsed: gasLimit, output: new Uint8Array(0) };
  callers.add(message.caller); // the message: caller, value, depth, static context
  return { success: true, gasUsed: 2_000, output: Buffer.from(toHex(price, { size: 32 }).slice(2), 'hex') };
}

const state = parseAlloc({ [alice]: { balance: '0xde0b6b3a7640000', nonce: '0x0', code: '0x' } });
const evm = createEvm({ state, precompiles: { '0x0000000000000000000000000000000000000bad': priceFeed } });
const oracle = evm.deploy({ from: alice, data: bytecode }).address;

const update = (pair) => encodeFunctionData({ abi, functionName: 'update', args: [stringToHex(pair, { size: 32 })] });
const result = evm.send({ from: alice, to: oracle, data: update('ETH/USD') });
console.log('update:', result.status, 'price', decodeFunctionResult({ abi, functionName: 'update', data: bytesToHex(result.output) }));
const stored = evm.call({ to: oracle, data: encodeFunctionData({ abi, functionName: 'lastPrice' }) });
console.log('price feed called by', [...callers].join(', '));
console.log('lastPrice', decodeFunctionResult({ abi, functionName: 'lastPrice', data: bytesToHex(stored.output) }));
console.log('unknown pair:', evm.call({ from: alice, to: oracle, data: update('BTC/EUR') }).revert);

// Another instance has no such precompile: the same call finds no code at 0x…0bad and the require fails.
const plain = createEvm({ state });
const other = plain.deploy({ from: alice, data: bytecode }).address;
console.log('without the precompile:', plain.call({ from: alice, to: other, data: update('ETH/USD') }).revert);
