// eth_call, estimateGas and createAccessList on an ERC-20, as a wallet or a dapp would use them.
import { readFileSync } from 'node:fs';
import { createEvm, parseAlloc } from 'evmkit';
import { encodeDeployData, encodeFunctionData, parseUnits } from 'viem';

const { abi, bytecode } = JSON.parse(readFileSync(new URL('./contracts/artifacts.json', import.meta.url), 'utf8')).contracts.Token;
const alice = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const bob = '0x000000000000000000000000000000000000b0b0';
const evm = createEvm({ state: parseAlloc({ [alice]: { balance: '0xde0b6b3a7640000', nonce: '0x0', code: '0x' } }) });
const { address } = evm.deploy({ from: alice, data: encodeDeployData({ abi, bytecode, args: ['Example', 'EXM', parseUnits('1000', 18)] }) });
const transfer = (to, amount) => encodeFunctionData({ abi, functionName: 'transfer', args: [to, parseUnits(amount, 18)] });

// The least gas limit that succeeds (geth's binary search; exact unless an errorRatio is given).
const request = { from: alice, to: address, data: transfer(bob, '1') };
const estimate = evm.estimateGas(request);
console.log('estimateGas', estimate);
console.log('with estimate    :', evm.call({ ...request, gas: estimate }).status);
console.log('with estimate - 1:', evm.call({ ...request, gas: estimate - 1n }).status, evm.call({ ...request, gas: estimate - 1n }).error);

// eth_call needs no funds and no nonce: a sender that holds no ether can simulate.
const dry = evm.call({ from: bob, to: address, data: transfer(alice, '1') });
console.log('call from an empty account:', dry.status, dry.revert?.kind, 'intrinsic gas', dry.intrinsicGas);

// The access list the transfer touches (sender, token and precompiles are warm anyway and left out).
const { accessList, gasUsed } = evm.createAccessList(request);
for (const entry of accessList) console.log('access list:', entry.address, entry.storageKeys.map((k) => '0x' + k.toString(16)));
console.log('gas with the list', gasUsed, 'without', evm.call(request).gasUsed);

// Sending uses the estimate when no gas is given.
const sent = evm.send(request);
console.log('sent with gas limit', sent.transaction.gasLimit, 'used', sent.gasUsed, 'refund', sent.gasRefund);
