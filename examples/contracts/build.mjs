// Compiles the examples' contracts with solc-js into artifacts.json (ABI and bytecode per contract).
// Run `node contracts/build.mjs` in examples/ after editing Token.sol; the artifacts are committed so the
// examples run without compiling.
import { readFileSync, writeFileSync } from 'node:fs';
import solc from 'solc';

const source = readFileSync(new URL('./Token.sol', import.meta.url), 'utf8');
const input = {
  language: 'Solidity',
  sources: { 'Token.sol': { content: source } },
  settings: { evmVersion: 'cancun', optimizer: { enabled: true, runs: 200 }, outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } } },
};
const output = JSON.parse(solc.compile(JSON.stringify(input)));
const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
if (errors.length > 0) {
  for (const e of errors) console.error(e.formattedMessage);
  process.exit(1);
}
const artifacts = { compiler: `solc ${solc.version()}`, evmVersion: input.settings.evmVersion, contracts: {} };
for (const [name, contract] of Object.entries(output.contracts['Token.sol'])) {
  artifacts.contracts[name] = { abi: contract.abi, bytecode: '0x' + contract.evm.bytecode.object };
}
writeFileSync(new URL('./artifacts.json', import.meta.url), JSON.stringify(artifacts, null, 1) + '\n');
console.log(`compiled ${Object.keys(artifacts.contracts).join(', ')} with ${artifacts.compiler}`);
