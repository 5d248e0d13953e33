// Trace a transaction's call tree with geth's callTracer (withLog), and its state with the prestateTracer.
import { readFileSync } from 'node:fs';
import { createEvm, parseAlloc, callTracer, prestateTracer } from 'evmkit';
import { encodeDeployData, encodeFunctionData, parseUnits } from 'viem';

const { contracts } = JSON.parse(readFileSync(new URL('./contracts/artifacts.json', import.meta.url), 'utf8'));
const { Token, Payout } = contracts;
const alice = '0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b';
const recipients = ['0x000000000000000000000000000000000000b0b0', '0x000000000000000000000000000000000000ca10'];
const evm = createEvm({ state: parseAlloc({ [alice]: { balance: '0xde0b6b3a7640000', nonce: '0x0', code: '0x' } }) });

const token = evm.deploy({ from: alice, data: encodeDeployData({ abi: Token.abi, bytecode: Token.bytecode, args: ['Example', 'EXM', parseUnits('1000', 18)] }) }).address;
const payout = evm.deploy({ from: alice, data: Payout.bytecode }).address;
evm.send({ from: alice, to: token, data: encodeFunctionData({ abi: Token.abi, functionName: 'approve', args: [payout, parseUnits('40', 18)] }) });

// Payout.pay calls token.transferFrom once per recipient: two nested calls, each with a Transfer log.
const tracer = callTracer({ withLog: true });
const pay = encodeFunctionData({ abi: Payout.abi, functionName: 'pay', args: [token, recipients, parseUnits('10', 18)] });
evm.send({ from: alice, to: payout, data: pay, gas: 200_000n }, { tracer });
const tree = tracer.result();
console.log(tree.type, tree.from, '->', tree.to, 'gas used', BigInt(tree.gasUsed));
for (const call of tree.calls) {
  console.log(' ', call.type, call.from, '->', call.to, 'gas', BigInt(call.gas), 'used', BigInt(call.gasUsed), 'logs', call.logs.length);
}
console.log(JSON.stringify(tree.calls[0], null, 2));

// What the same payment would change, without committing it (prestateTracer in diff mode over eth_call).
const diff = prestateTracer({ diffMode: true });
evm.call({ from: alice, to: payout, data: pay }, { tracer: diff });
const { pre, post } = diff.result();
console.log('changed accounts:', Object.keys(post).join(', '));
// A slot the payment sets to zero (the allowance, used up) is in `pre` only.
console.log('token slots before:', Object.keys(pre[token].storage).length, 'after:', Object.keys(post[token].storage).length);
