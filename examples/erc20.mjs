// Deploy an ERC-20 and use it, with viem for the ABI encoding: deploy, eth_call, send, events, a custom error.
import { readFileSync } from 'node:fs';
import { createEvm, parseAlloc, hexLog, bytesToHex } from 'evmkit';
import { decodeErrorResult, decodeEventLog, decodeFunctionResult, encodeDeployData, encodeFunctionData, formatUnits, parseUnits } from 'viem';

const { abi, bytecode } = JSON.parse(readFileSync(new URL('./contracts/artifacts.json', import.meta.url), 'utf8')).contracts.Token;
const alice = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const bob = '0x000000000000000000000000000000000000b0b0';
const evm = createEvm({
  state: parseAlloc({ [alice]: { balance: '0xde0b6b3a7640000', nonce: '0x0', code: '0x' } }), // 1 ether
});

// Deploy: the initcode is the bytecode with the ABI-encoded constructor arguments.
const { address, gasUsed } = evm.deploy({
  from: alice,
  data: encodeDeployData({ abi, bytecode, args: ['Example', 'EXM', parseUnits('1000', 18)] }),
});
console.log('deployed at', address, 'for', gasUsed, 'gas');

// eth_call: read-only, nothing is committed.
const balanceOf = (who) => {
  const { output } = evm.call({ to: address, data: encodeFunctionData({ abi, functionName: 'balanceOf', args: [who] }) });
  return formatUnits(decodeFunctionResult({ abi, functionName: 'balanceOf', data: bytesToHex(output) }), 18);
};
console.log('alice has', balanceOf(alice), 'EXM');

// A transaction: nonce, fees and gas are filled in; the Transfer event is in the logs.
const sent = evm.send({ from: alice, to: address, data: encodeFunctionData({ abi, functionName: 'transfer', args: [bob, parseUnits('250', 18)] }) });
console.log('transfer:', sent.status, 'gas used', sent.gasUsed, 'of', sent.transaction.gasLimit);
const event = decodeEventLog({ abi, ...hexLog(sent.logs[0]) });
console.log(event.eventName, event.args.from, '->', event.args.to, formatUnits(event.args.value, 18));
console.log('alice has', balanceOf(alice), 'EXM; bob has', balanceOf(bob), 'EXM');

// Bob tries to send more than he has: the custom error comes back decoded by evmkit (selector and data)
// and by viem (name and arguments).
const failed = evm.call({ from: bob, to: address, data: encodeFunctionData({ abi, functionName: 'transfer', args: [alice, parseUnits('300', 18)] }) });
console.log(failed.status, failed.revert.kind, failed.revert.selector);
const error = decodeErrorResult({ abi, data: bytesToHex(failed.output) });
console.log(error.errorName, error.args.map((v) => formatUnits(v, 18)).join(' < '));
